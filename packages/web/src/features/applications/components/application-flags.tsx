import type { ApplicationSummary } from '@shequ/core';
import { Flex, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';

/** What needs a second look: returned for supplement, a possible duplicate, an extension asked. */
export function ApplicationFlags({ application }: { application: ApplicationSummary }) {
  const { t } = useTranslation();
  const { duplicate, pendingExtension } = application;
  // 待补正 already says it; the tag marks a paused clock in any other status
  const paused = application.paused && application.status !== 'supplement';
  if (!paused && !duplicate && !pendingExtension) return null;
  return (
    <Flex gap={4} wrap>
      {paused && (
        <Tag color="purple" style={{ marginInlineEnd: 0 }} data-testid="flag-paused">
          {t('applications.flags.paused')}
        </Tag>
      )}
      {duplicate && (
        <Tooltip title={t('applications.flags.duplicateHint')}>
          <Tag color="orange" style={{ marginInlineEnd: 0 }} data-testid="flag-duplicate">
            {t('applications.flags.duplicate')}
          </Tag>
        </Tooltip>
      )}
      {pendingExtension && (
        <Tooltip title={pendingExtension.reason}>
          <Tag color="gold" style={{ marginInlineEnd: 0 }}>
            {t('applications.flags.extension', { days: pendingExtension.days })}
          </Tag>
        </Tooltip>
      )}
    </Flex>
  );
}
