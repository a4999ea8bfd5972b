import { SafetyCertificateOutlined } from '@ant-design/icons';
import type { PrefillSource } from '@shequ/core';
import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';

/**
 * Where a prefilled value comes from: green with the verifying department and date when a
 * department verified it, grey when the community recorded it and nobody has verified it yet.
 */
export function SourceTag({ source }: { source: PrefillSource }) {
  const { t } = useTranslation();
  const verified = source.kind === 'verified';
  return (
    <Tooltip
      title={
        verified
          ? t('applications.intake.sourceVerifiedHint')
          : t('applications.intake.sourceRecordedHint')
      }
    >
      <Tag
        color={verified ? 'success' : 'default'}
        icon={verified ? <SafetyCertificateOutlined /> : undefined}
        style={{ marginInlineEnd: 0, fontWeight: 'normal' }}
        data-testid={`source-${source.kind}`}
      >
        {verified ? source.label : t('applications.intake.sourceRecorded')}
      </Tag>
    </Tooltip>
  );
}
