import { DownloadOutlined, SwapOutlined } from '@ant-design/icons';
import type { ComparisonJobView } from '@shequ/core';
import { Button, Flex, Table, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { formatDateTime } from '../../../ui/format';
import { useApiErrorHandler } from '../../../ui/use-api-error';
import { isComparisonRunning, rowsNeedingAttention } from '../bulk-comparison';
import { downloadComparisonDetail } from '../comparisons-api';
import { ComparisonStatusTag } from './comparison-status-tag';

type CountKey = 'matched' | 'mismatched' | 'unknownSubject' | 'invalid';

/** Non-zero counts in the colour of what they mean; a zero stays grey. */
const countColors: Record<CountKey, string> = {
  matched: '#389e0d',
  mismatched: '#d4380d',
  unknownSubject: '#d48806',
  invalid: '#cf1322',
};

/**
 * The department's bulk comparisons: status, the four counts, the detail file (only the rows that
 * need attention) and, when some values differed, the way to the open discrepancy cases.
 */
export function ComparisonJobsTable({
  jobs,
  loading,
}: {
  jobs: readonly ComparisonJobView[];
  loading: boolean;
}) {
  const { t } = useTranslation();
  const onError = useApiErrorHandler();
  const navigate = useNavigate();
  const [downloading, setDownloading] = useState<string>();

  const save = (job: ComparisonJobView) => {
    setDownloading(job.id);
    downloadComparisonDetail(job)
      .catch((error: unknown) => onError(error))
      .finally(() => setDownloading(undefined));
  };

  const count = (key: CountKey) => ({
    title: t(`governance.bulk.${key}`),
    dataIndex: key,
    width: 80,
    align: 'right' as const,
    render: (n: number, job: ComparisonJobView) =>
      isComparisonRunning(job) ? (
        <Typography.Text type="secondary">—</Typography.Text>
      ) : (
        <Typography.Text
          strong={n > 0}
          style={{ color: n > 0 ? countColors[key] : undefined }}
          type={n > 0 ? undefined : 'secondary'}
          data-testid={`comparison-${key}`}
        >
          {n.toLocaleString()}
        </Typography.Text>
      ),
  });

  return (
    <Table<ComparisonJobView>
      size="middle"
      rowKey="id"
      data-testid="comparison-jobs"
      loading={loading}
      dataSource={[...jobs]}
      scroll={{ x: 1060 }}
      pagination={{ pageSize: 10, hideOnSinglePage: true }}
      locale={{ emptyText: t('governance.bulk.noJobs') }}
      columns={[
        {
          title: t('governance.bulk.file'),
          dataIndex: 'fileName',
          render: (name: string) => (
            <Typography.Text strong style={{ wordBreak: 'break-all' }}>
              {name}
            </Typography.Text>
          ),
        },
        {
          title: t('governance.bulk.status'),
          key: 'status',
          width: 120,
          render: (_, job) => (
            <Flex gap={8} align="center" wrap>
              <ComparisonStatusTag job={job} />
              {isComparisonRunning(job) && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('governance.bulk.progress', { count: job.total })}
                </Typography.Text>
              )}
            </Flex>
          ),
        },
        {
          title: t('governance.bulk.total'),
          dataIndex: 'total',
          width: 80,
          align: 'right',
          render: (n: number) => n.toLocaleString(),
        },
        count('matched'),
        count('mismatched'),
        count('unknownSubject'),
        count('invalid'),
        {
          title: t('governance.bulk.submitted'),
          key: 'submitted',
          width: 170,
          render: (_, job) => (
            <Flex vertical gap={0}>
              <span>{job.submittedByName}</span>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatDateTime(job.createdAt)}
              </Typography.Text>
            </Flex>
          ),
        },
        {
          title: t('common.actions'),
          key: 'actions',
          width: 190,
          fixed: 'end',
          render: (_, job) => {
            if (job.status !== 'done') return null;
            const attention = rowsNeedingAttention(job);
            return (
              <Flex gap={4} wrap>
                <Tooltip title={attention === 0 ? t('governance.bulk.nothingToDownload') : null}>
                  <Button
                    type="link"
                    size="small"
                    icon={<DownloadOutlined />}
                    disabled={attention === 0}
                    loading={downloading === job.id}
                    onClick={() => save(job)}
                    data-testid="comparison-download"
                  >
                    {t('governance.bulk.downloadDetail')}
                  </Button>
                </Tooltip>
                {job.mismatched > 0 && (
                  <Button
                    type="link"
                    size="small"
                    icon={<SwapOutlined />}
                    onClick={() =>
                      void navigate(`/discrepancies?status=open&comparisonJobId=${job.id}`)
                    }
                    data-testid="comparison-discrepancies"
                  >
                    {t('governance.bulk.openDiscrepancies')}
                  </Button>
                )}
              </Flex>
            );
          },
        },
      ]}
    />
  );
}
