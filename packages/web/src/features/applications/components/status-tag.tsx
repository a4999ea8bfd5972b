import type { ApplicationStatus } from '@shequ/core';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { statusColor } from '../time-limit';

/** An application's status (待受理, 办理中, 待补正, 已办结（准予）…) in its colour. */
export function StatusTag({ status }: { status: ApplicationStatus }) {
  const { t } = useTranslation();
  return (
    <Tag
      color={statusColor(status)}
      style={{ marginInlineEnd: 0 }}
      data-testid="application-status"
    >
      {t(`applications.status.${status}`)}
    </Tag>
  );
}
