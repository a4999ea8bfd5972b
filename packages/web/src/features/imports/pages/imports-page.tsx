import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import type { ImportJobView } from '@shequ/core';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { formatDateTime } from '../../../ui/format';
import { PageContainer } from '../../../ui/page-container';
import { ErrorResult } from '../../../ui/query-state';
import { RegionName } from '../../regions/components/region-name';
import { importJobsQuery, importTemplateUrl } from '../api';
import { ImportStatusTag } from '../components/import-status-tag';

/** 数据导入: recent import jobs, running ones refreshed every second, and a new import. */
export function ImportsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const jobs = useQuery(importJobsQuery);
  const count = (n: number) => n.toLocaleString();

  return (
    <PageContainer
      title={t('nav.imports')}
      description={t('importJob.pageDescription')}
      extra={
        <>
          <Button icon={<DownloadOutlined />} href={importTemplateUrl}>
            {t('importJob.template')}
          </Button>
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => void navigate('/imports/new')}
            data-testid="import-new"
          >
            {t('importJob.new')}
          </Button>
        </>
      }
    >
      <Card size="small">
        {jobs.isError ? (
          <ErrorResult error={jobs.error} onRetry={() => void jobs.refetch()} />
        ) : (
          <Table<ImportJobView>
            size="middle"
            rowKey="id"
            data-testid="import-jobs"
            loading={jobs.isPending}
            dataSource={jobs.data ?? []}
            scroll={{ x: 1100 }}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            locale={{ emptyText: t('importJob.noJobs') }}
            columns={[
              {
                title: t('importJob.file'),
                dataIndex: 'fileName',
                ellipsis: true,
                render: (name: string, job) => <Link to={`/imports/${job.id}`}>{name}</Link>,
              },
              {
                title: t('importJob.community'),
                dataIndex: 'regionCode',
                width: 150,
                render: (code: string) => <RegionName code={code} />,
              },
              {
                title: t('importJob.status'),
                dataIndex: 'status',
                width: 90,
                render: (status: ImportJobView['status']) => <ImportStatusTag status={status} />,
              },
              {
                title: t('importJob.totalRows'),
                dataIndex: 'totalRows',
                width: 80,
                align: 'right',
                render: count,
              },
              {
                title: t('importOutcome.create'),
                dataIndex: 'createRows',
                width: 70,
                align: 'right',
                render: count,
              },
              {
                title: t('importOutcome.update'),
                dataIndex: 'updateRows',
                width: 70,
                align: 'right',
                render: count,
              },
              {
                title: t('importOutcome.unchanged'),
                dataIndex: 'unchangedRows',
                width: 80,
                align: 'right',
                render: count,
              },
              {
                title: t('importOutcome.reject'),
                dataIndex: 'rejectedRows',
                width: 70,
                align: 'right',
                render: count,
              },
              { title: t('importJob.createdByName'), dataIndex: 'createdByName', width: 100 },
              {
                title: t('importJob.createdAt'),
                dataIndex: 'createdAt',
                width: 165,
                render: formatDateTime,
              },
            ]}
          />
        )}
      </Card>
    </PageContainer>
  );
}
