import { Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../../ui/format';

/** A due date, in red with 已逾期 when it has passed. */
export function DueDate({ dueAt, overdue }: { dueAt: string | null; overdue: boolean }) {
  const { t } = useTranslation();
  if (!dueAt) return <>—</>;
  return (
    <Flex gap={6} align="center" wrap>
      <Typography.Text type={overdue ? 'danger' : undefined}>{formatDate(dueAt)}</Typography.Text>
      {overdue && (
        <Tag color="error" style={{ marginInlineEnd: 0 }} data-testid="overdue">
          {t('governance.overdue')}
        </Tag>
      )}
    </Flex>
  );
}
