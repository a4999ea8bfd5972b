import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  DeleteOutlined,
  PlusOutlined,
} from '@ant-design/icons';
import { Alert, Badge, Button, Card, Empty, Flex, Row, theme, Tooltip, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { moveItem, removeItem, replaceItem } from '../../matter-draft-edits';
import { useProblemCount, useProblems } from './designer-field';

interface ItemListProps<T extends { id: string }> {
  /** The list's problem key (`materials`, `form`, `steps`) and the prefix of its items' keys. */
  listKey: string;
  items: readonly T[];
  onChange: (items: T[]) => void;
  onAdd: () => void;
  addLabel: string;
  /** What the item's card is called (its name, or “untitled”). */
  titleOf: (item: T) => string;
  /** Tags beside the title (type, required). */
  tagsOf?: (item: T) => ReactNode;
  /** The inputs of one item; `patch` changes some of its properties. */
  children: (item: T, index: number, patch: (changes: Partial<T>) => void) => ReactNode;
}

/**
 * An editable list of the designer (materials, form fields, steps): each item a card with its
 * number, up, down and remove; the list's own problems above; a button to add one below.
 */
export function ItemList<T extends { id: string }>({
  listKey,
  items,
  onChange,
  onAdd,
  addLabel,
  titleOf,
  tagsOf,
  children,
}: ItemListProps<T>) {
  const { t } = useTranslation();
  const listProblems = useProblems(listKey);
  const move = (from: number, to: number) => onChange(moveItem(items, from, to));
  return (
    <Flex vertical gap={12} data-testid={`designer-${listKey}`}>
      {listProblems.length > 0 && <Alert type="error" showIcon title={listProblems.join('；')} />}
      {items.length === 0 && (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={t('applications.designer.list.empty')}
        />
      )}
      {items.map((item, index) => (
        <ItemCard
          key={item.id}
          itemKey={`${listKey}.${index}`}
          number={index + 1}
          title={titleOf(item)}
          tags={tagsOf?.(item)}
          onUp={index > 0 ? () => move(index, index - 1) : undefined}
          onDown={index < items.length - 1 ? () => move(index, index + 1) : undefined}
          onRemove={() => onChange(removeItem(items, index))}
        >
          {children(item, index, (changes) => onChange(replaceItem(items, index, changes)))}
        </ItemCard>
      ))}
      <Button
        type="dashed"
        block
        icon={<PlusOutlined />}
        onClick={onAdd}
        data-testid={`designer-${listKey}-add`}
      >
        {addLabel}
      </Button>
    </Flex>
  );
}

interface ItemCardProps {
  itemKey: string;
  number: number;
  title: string;
  tags: ReactNode;
  onUp: (() => void) | undefined;
  onDown: (() => void) | undefined;
  onRemove: () => void;
  children: ReactNode;
}

function ItemCard({
  itemKey,
  number,
  title,
  tags,
  onUp,
  onDown,
  onRemove,
  children,
}: ItemCardProps) {
  const { t } = useTranslation();
  const problems = useProblemCount(`${itemKey}.`);
  const { token } = theme.useToken();
  const action = (label: string, icon: ReactNode, onClick: (() => void) | undefined) => (
    <Tooltip title={label}>
      <Button
        type="text"
        size="small"
        icon={icon}
        disabled={!onClick}
        aria-label={label}
        onClick={onClick}
      />
    </Tooltip>
  );
  return (
    <Card
      size="small"
      data-testid={`designer-${itemKey.replace('.', '-')}`}
      style={problems > 0 ? { borderColor: token.colorErrorBorder } : undefined}
      title={
        <Flex gap={8} align="center" style={{ minWidth: 0 }}>
          <Badge count={number} color={problems > 0 ? 'red' : 'blue'} showZero />
          <Typography.Text ellipsis style={{ minWidth: 0, fontWeight: 500 }}>
            {title}
          </Typography.Text>
          {tags}
        </Flex>
      }
      extra={
        <Flex gap={2}>
          {action(t('applications.designer.list.moveUp'), <ArrowUpOutlined />, onUp)}
          {action(t('applications.designer.list.moveDown'), <ArrowDownOutlined />, onDown)}
          <Tooltip title={t('applications.designer.list.remove')}>
            <Button
              type="text"
              size="small"
              danger
              icon={<DeleteOutlined />}
              aria-label={t('applications.designer.list.remove')}
              onClick={onRemove}
            />
          </Tooltip>
        </Flex>
      }
    >
      <Row gutter={12}>{children}</Row>
    </Card>
  );
}
