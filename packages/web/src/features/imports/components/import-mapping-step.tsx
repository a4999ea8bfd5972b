import { personImportColumns, type ImportJobView } from '@shequ/core';
import { Alert, Button, Flex, Progress, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

interface HeaderRow {
  header: string;
  field: string | undefined;
}

/**
 * ② 列对应: each header of the file and the template field it was matched to; headers that match
 * nothing are listed as 将忽略. A missing required column fails the job with its reason.
 */
export function ImportMappingStep({ job, onNext }: { job: ImportJobView; onNext: () => void }) {
  const { t } = useTranslation();
  const matched = new Set(Object.values(job.mapping));
  const required = personImportColumns.filter((column) => column.required);
  const rows: HeaderRow[] = job.headers
    .filter((header) => header.trim())
    .map((header) => ({ header, field: job.mapping[header] }));

  return (
    <Flex vertical gap={16} data-testid="import-mapping">
      {job.status === 'staging' && (
        <Alert
          type="info"
          showIcon
          title={t('importJob.staging', { rows: job.totalRows })}
          description={<Progress percent={100} status="active" showInfo={false} size="small" />}
        />
      )}
      {job.status === 'failed' && (
        <Alert
          type="error"
          showIcon
          title={t('importJob.failedTitle')}
          description={job.error}
          data-testid="import-error"
        />
      )}
      <Flex gap={8} wrap align="center">
        <Typography.Text>{t('importJob.requiredColumns')}</Typography.Text>
        {required.map((column) => (
          <Tag key={column.key} color={matched.has(column.label) ? 'success' : 'error'}>
            {column.label}
          </Tag>
        ))}
      </Flex>
      <Table<HeaderRow>
        size="small"
        rowKey="header"
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: t('importJob.noHeaders') }}
        columns={[
          { title: t('importJob.header'), dataIndex: 'header' },
          {
            title: t('importJob.field'),
            dataIndex: 'field',
            render: (field: string | undefined) =>
              field ? <Tag color="blue">{field}</Tag> : <Tag>{t('importJob.ignored')}</Tag>,
          },
        ]}
      />
      {job.status === 'staged' && (
        <Flex justify="flex-end">
          <Button type="primary" onClick={onNext} data-testid="import-to-report">
            {t('importJob.toReport')}
          </Button>
        </Flex>
      )}
    </Flex>
  );
}
