import type { ImportJobView } from '@shequ/core';
import { Alert, Button, Descriptions, Flex, Progress, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

/**
 * ④ 执行导入: the accepted rows are written in one transaction in the background; the page shows
 * how far it is and may be left (the job list keeps showing it). A failure writes nothing.
 */
export function ImportRunStep({ job }: { job: ImportJobView }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  if (job.status === 'failed') {
    return (
      <Result
        status="error"
        title={t('importJob.applyFailed')}
        subTitle={job.error ?? t('importJob.nothingWritten')}
        data-testid="import-error"
        extra={<Button onClick={() => void navigate('/imports/new')}>{t('importJob.new')}</Button>}
      />
    );
  }
  const writing = job.createRows + job.updateRows;
  return (
    <Flex vertical gap={16} data-testid="import-progress">
      <Progress percent={100} status="active" showInfo={false} />
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, md: 3 }}
        items={[
          {
            key: 'rows',
            label: t('importJob.rowsWriting'),
            children: t('importJob.rowsOf', { done: writing, total: job.totalRows }),
          },
          { key: 'rejected', label: t('importOutcome.reject'), children: job.rejectedRows },
          {
            key: 'rate',
            label: t('importJob.rate'),
            children:
              job.rate === null ? '—' : t('importJob.rateValue', { rate: Math.round(job.rate) }),
          },
        ]}
      />
      <Alert
        type="info"
        showIcon
        title={t('importJob.background')}
        action={
          <Button size="small" onClick={() => void navigate('/imports')}>
            {t('importJob.toList')}
          </Button>
        }
      />
    </Flex>
  );
}
