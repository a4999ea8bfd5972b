import { useQuery } from '@tanstack/react-query';
import { Card } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { PageContainer } from '../../../ui/page-container';
import { QueryState } from '../../../ui/query-state';
import { importJobQuery } from '../api';
import { ImportFileStep } from '../components/import-file-step';
import { ImportJobSteps } from '../components/import-job-steps';
import { ImportSteps } from '../components/import-steps';

/**
 * 新建导入: ① 选择文件 → ② 列对应 → ③ 预检报告 → ④ 执行导入 → ⑤ 完成. After the upload the wizard
 * lives at /imports/:id, so a reload or the job list comes back to the same step.
 */
export function ImportWizardPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const job = useQuery({ ...importJobQuery(id ?? ''), enabled: id !== undefined });

  return (
    <PageContainer
      title={t('importJob.wizardTitle')}
      description={t('importJob.wizardDescription')}
    >
      <Card>
        {id === undefined ? (
          <ImportSteps current={0}>
            <ImportFileStep />
          </ImportSteps>
        ) : (
          <QueryState query={job}>{(data) => <ImportJobSteps job={data} />}</QueryState>
        )}
      </Card>
    </PageContainer>
  );
}
