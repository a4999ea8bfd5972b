import type { ApplicationAction } from '@shequ/core';
import { Flex, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../ui/format';

export interface TimelineRow {
  key: string;
  stepName: string;
  action: ApplicationAction;
  unit: string | null;
  /** Staff names are shown inside the platform only, never on the public tracking page. */
  actorName?: string;
  opinion: string | null;
  at: string;
}

const actionColor = (action: ApplicationAction): string => {
  switch (action) {
    case 'approve':
    case 'accept':
      return 'green';
    case 'reject':
    case 'withdraw':
      return 'red';
    case 'return':
    case 'request_extension':
    case 'supervise':
      return 'orange';
    case 'submit':
    case 'resubmit':
    case 'transfer':
    case 'decide_extension':
      return 'blue';
  }
};

/** What happened to an application, step by step: action, unit, person, opinion, time. */
export function ApplicationTimeline({ rows }: { rows: readonly TimelineRow[] }) {
  const { t } = useTranslation();
  return (
    <Timeline
      data-testid="application-timeline"
      items={rows.map((row) => ({
        key: row.key,
        color: actionColor(row.action),
        content: (
          <Flex vertical gap={2} data-testid="timeline-entry">
            <Flex gap={8} wrap align="center">
              <Typography.Text strong>{row.stepName}</Typography.Text>
              <Tag color={actionColor(row.action)} style={{ marginInlineEnd: 0 }}>
                {t(`applications.action.${row.action}`)}
              </Tag>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatDateTime(row.at)}
              </Typography.Text>
            </Flex>
            {(row.unit || row.actorName) && (
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                {[row.unit, row.actorName].filter(Boolean).join(' · ')}
              </Typography.Text>
            )}
            {row.opinion && (
              <Typography.Text style={{ fontSize: 13 }}>
                {t('applications.detail.opinionLine', { opinion: row.opinion })}
              </Typography.Text>
            )}
          </Flex>
        ),
      }))}
    />
  );
}
