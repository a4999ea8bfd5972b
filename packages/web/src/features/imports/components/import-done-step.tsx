import type { ImportJobView } from '@shequ/core';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Result } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { personKeys } from '../../people/api';
import { rejectedRowsUrl } from '../api';
import { ImportCounts } from './import-counts';

/** ⑤ 完成: what was written, and where to go next. */
export function ImportDoneStep({ job }: { job: ImportJobView }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  // The people just written are not in any list loaded before.
  useEffect(() => {
    void queryClient.invalidateQueries({ queryKey: personKeys.all });
  }, [queryClient, job.id]);

  return (
    <Result
      status="success"
      title={t('importJob.doneTitle')}
      subTitle={t('importJob.doneDetail', {
        file: job.fileName,
        create: job.createRows,
        update: job.updateRows,
      })}
      data-testid="import-done"
      extra={[
        <Button key="people" type="primary" onClick={() => void navigate('/people')}>
          {t('importJob.toPeople')}
        </Button>,
        job.rejectedRows > 0 && (
          <Button key="rejected" href={rejectedRowsUrl(job.id)}>
            {t('importJob.downloadRejected')}
          </Button>
        ),
        <Button key="new" onClick={() => void navigate('/imports/new')}>
          {t('importJob.new')}
        </Button>,
      ]}
    >
      <ImportCounts job={job} />
    </Result>
  );
}
