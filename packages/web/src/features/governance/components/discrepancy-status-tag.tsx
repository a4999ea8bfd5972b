import type { DiscrepancyView } from '@shequ/core';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { statusColors } from '../value-status';

/** 待核准 (the value's 有异议 color) / 已核准. */
export function DiscrepancyStatusTag({ status }: { status: DiscrepancyView['status'] }) {
  const { t } = useTranslation();
  return (
    <Tag
      color={status === 'open' ? statusColors.disputed : statusColors.ruled}
      style={{ marginInlineEnd: 0 }}
      data-testid="discrepancy-status"
    >
      {t(`discrepancyStatus.${status}`)}
    </Tag>
  );
}
