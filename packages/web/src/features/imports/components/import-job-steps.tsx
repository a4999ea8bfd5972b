import type { ImportJobView } from '@shequ/core';
import { Button, Flex, Result, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { formatDateTime } from '../../../ui/format';
import { ImportDoneStep } from './import-done-step';
import { ImportMappingStep } from './import-mapping-step';
import { ImportReportStep } from './import-report-step';
import { ImportRunStep } from './import-run-step';
import { ImportStatusTag } from './import-status-tag';
import { ImportSteps } from './import-steps';

/** The step a job is at; a staged job shows its mapping until the user moves on to the report. */
function stepOf(job: ImportJobView, reviewing: boolean): number {
  switch (job.status) {
    case 'staging':
      return 1;
    case 'staged':
      return reviewing ? 2 : 1;
    case 'merging':
      return 3;
    case 'done':
      return 4;
    case 'failed':
      return job.stagedAt === null ? 1 : 3;
    case 'cancelled':
      return 1;
  }
}

/** The wizard for an uploaded job, at the step its status has reached. */
export function ImportJobSteps({ job }: { job: ImportJobView }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const current = stepOf(job, params.get('step') === 'report');
  const failed = job.status === 'failed';

  const body = (): ReactNode => {
    if (job.status === 'cancelled')
      return (
        <Result
          status="info"
          title={t('importStatus.cancelled')}
          extra={
            <Button onClick={() => void navigate('/imports/new')}>{t('importJob.new')}</Button>
          }
        />
      );
    switch (current) {
      case 1:
        return <ImportMappingStep job={job} onNext={() => setParams({ step: 'report' })} />;
      case 2:
        return <ImportReportStep job={job} onBack={() => setParams({})} />;
      case 3:
        return <ImportRunStep job={job} />;
      default:
        return <ImportDoneStep job={job} />;
    }
  };

  return (
    <ImportSteps current={current} failed={failed}>
      <Flex gap={8} align="center" wrap style={{ marginBottom: 16 }}>
        <Typography.Text strong>{job.fileName}</Typography.Text>
        <ImportStatusTag status={job.status} />
        <Typography.Text type="secondary">
          {t('importJob.createdBy', { name: job.createdByName, at: formatDateTime(job.createdAt) })}
        </Typography.Text>
      </Flex>
      {body()}
    </ImportSteps>
  );
}
