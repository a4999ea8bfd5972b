import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { statusColors, type DisplayStatus } from '../value-status';

/** 待核验 / 已核验 / 已退回 / 有异议 / 已核准 as a coloured tag, the same everywhere. */
export function ValueStatusTag({ status, small }: { status: DisplayStatus; small?: boolean }) {
  const { t } = useTranslation();
  return (
    <Tag
      color={statusColors[status]}
      variant={status === 'unverified' ? 'outlined' : undefined}
      style={{
        marginInlineEnd: 0,
        ...(small ? { fontSize: 11, lineHeight: '16px', paddingInline: 4 } : {}),
      }}
      data-testid="value-status"
      data-status={status}
    >
      {t(`valueStatus.${status}`)}
    </Tag>
  );
}
