import type { ComparisonJobView } from '@shequ/core';
import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';

const colors: Record<ComparisonJobView['status'], string> = {
  running: 'processing',
  done: 'success',
  failed: 'error',
};

/** 比对中 / 已完成 / 失败 (with the reason on hover). */
export function ComparisonStatusTag({ job }: { job: Pick<ComparisonJobView, 'status' | 'error'> }) {
  const { t } = useTranslation();
  const tag = (
    <Tag
      color={colors[job.status]}
      style={{ marginInlineEnd: 0 }}
      data-testid="comparison-status"
      data-status={job.status}
    >
      {t(`comparisonJobStatus.${job.status}`)}
    </Tag>
  );
  return job.error ? <Tooltip title={job.error}>{tag}</Tooltip> : tag;
}
