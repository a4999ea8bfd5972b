import { Flex, Popover, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** An agreement's elements: the count and the first few names, all of them on hover. */
export function AgreementElements({ names, codes }: { names: string[]; codes: string[] }) {
  const { t } = useTranslation();
  const shown = names.slice(0, 3);
  return (
    <Popover
      title={t('exchange.agreement.elementCount', { count: names.length })}
      content={
        <Flex vertical gap={2} style={{ maxHeight: 320, overflow: 'auto', minWidth: 260 }}>
          {names.map((name, i) => (
            <Flex key={codes[i] ?? name} justify="space-between" gap={16}>
              <span>{name}</span>
              <Typography.Text type="secondary" style={{ fontFamily: 'monospace', fontSize: 12 }}>
                {codes[i]}
              </Typography.Text>
            </Flex>
          ))}
        </Flex>
      }
    >
      <Flex gap={4} wrap align="center" data-testid="agreement-elements-cell">
        {shown.map((name) => (
          <Tag key={name} style={{ marginInlineEnd: 0 }}>
            {name}
          </Tag>
        ))}
        {names.length > shown.length && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('exchange.agreement.moreElements', { count: names.length - shown.length })}
          </Typography.Text>
        )}
      </Flex>
    </Popover>
  );
}
