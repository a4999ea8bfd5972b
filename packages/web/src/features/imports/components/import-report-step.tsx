import { DownloadOutlined, PlayCircleOutlined } from '@ant-design/icons';
import type { ImportJobView } from '@shequ/core';
import { App, Button, Flex, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiErrorHandler } from '../../../ui/use-api-error';
import { rejectedRowsUrl, useApplyImport, type ImportOutcome } from '../api';
import { ImportCounts } from './import-counts';
import { ImportRowsTable } from './import-rows-table';

/**
 * ③ 预检报告: what the import would do, row by row, before anything is written; the rejected rows
 * with their reasons can be downloaded, corrected and imported again.
 */
export function ImportReportStep({ job, onBack }: { job: ImportJobView; onBack: () => void }) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const apply = useApplyImport(job.id);
  const onError = useApiErrorHandler();
  const [outcome, setOutcome] = useState<ImportOutcome | undefined>(
    job.rejectedRows > 0 ? 'reject' : undefined,
  );

  const confirm = () =>
    modal.confirm({
      title: t('importJob.applyConfirm'),
      content: t('importJob.applyConfirmDetail', {
        create: job.createRows,
        update: job.updateRows,
        reject: job.rejectedRows,
      }),
      okText: t('importJob.apply'),
      onOk: () => apply.mutateAsync().catch((error: unknown) => onError(error)),
    });

  return (
    <Flex vertical gap={16} data-testid="import-report">
      <Typography.Text>
        {t('importJob.reportSummary', { total: job.totalRows, file: job.fileName })}
      </Typography.Text>
      <ImportCounts job={job} onPick={setOutcome} />
      <ImportRowsTable jobId={job.id} outcome={outcome} onOutcome={setOutcome} />
      <Flex justify="space-between" wrap gap={8}>
        <Flex gap={8}>
          <Button onClick={onBack}>{t('importJob.back')}</Button>
          {job.rejectedRows > 0 && (
            <Button
              icon={<DownloadOutlined />}
              href={rejectedRowsUrl(job.id)}
              data-testid="import-rejected-download"
            >
              {t('importJob.downloadRejected')}
            </Button>
          )}
        </Flex>
        <Button
          type="primary"
          icon={<PlayCircleOutlined />}
          loading={apply.isPending}
          disabled={job.createRows + job.updateRows === 0}
          onClick={() => void confirm()}
          data-testid="import-run"
        >
          {t('importJob.apply')}
        </Button>
      </Flex>
    </Flex>
  );
}
