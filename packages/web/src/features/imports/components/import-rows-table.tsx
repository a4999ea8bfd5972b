import { useQuery } from '@tanstack/react-query';
import { Flex, Segmented, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportRowView } from '../../../api/types';
import { ErrorResult } from '../../../ui/query-state';
import { importOutcomes, importRowsQuery, type ImportOutcome } from '../api';

const outcomeColors: Record<ImportOutcome, string> = {
  create: 'green',
  update: 'blue',
  unchanged: 'default',
  reject: 'red',
};

/** The dry run row by row: the outcome of each row and, for a rejected one, every reason. */
export function ImportRowsTable({
  jobId,
  outcome,
  onOutcome,
}: {
  jobId: string;
  outcome: ImportOutcome | undefined;
  onOutcome: (outcome: ImportOutcome | undefined) => void;
}) {
  const { t } = useTranslation();
  const [page, setPage] = useState({ current: 1, size: 20 });
  const rows = useQuery(importRowsQuery(jobId, outcome, page.current, page.size));

  return (
    <Flex vertical gap={12}>
      <Segmented<ImportOutcome | 'all'>
        value={outcome ?? 'all'}
        onChange={(value) => {
          setPage((p) => ({ ...p, current: 1 }));
          onOutcome(value === 'all' ? undefined : value);
        }}
        options={[
          { value: 'all', label: t('common.all') },
          ...importOutcomes.map((value) => ({ value, label: t(`importOutcome.${value}`) })),
        ]}
        data-testid="import-outcome-filter"
      />
      {rows.isError ? (
        <ErrorResult error={rows.error} onRetry={() => void rows.refetch()} />
      ) : (
        <Table<ImportRowView>
          size="small"
          rowKey="rowNo"
          data-testid="import-rows"
          loading={rows.isFetching}
          dataSource={rows.data?.items ?? []}
          pagination={{
            current: page.current,
            pageSize: page.size,
            total: rows.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => t('common.total', { total }),
            onChange: (current, size) => setPage({ current, size }),
          }}
          columns={[
            { title: t('importJob.rowNo'), dataIndex: 'rowNo', width: 80 },
            {
              title: t('importJob.outcome'),
              dataIndex: 'outcome',
              width: 90,
              render: (value: ImportOutcome) => (
                <Tag color={outcomeColors[value]}>{t(`importOutcome.${value}`)}</Tag>
              ),
            },
            {
              title: t('person.name'),
              dataIndex: 'name',
              width: 110,
              render: (name: string | null) => name ?? '—',
            },
            {
              title: t('person.idNumber'),
              dataIndex: 'idNumberMasked',
              width: 180,
              render: (value: string | null) => (
                <span style={{ fontFamily: 'monospace' }}>{value ?? '—'}</span>
              ),
            },
            {
              title: t('importJob.reasons'),
              key: 'reasons',
              render: (_, row) =>
                row.errors.length + row.warnings.length === 0 ? (
                  '—'
                ) : (
                  <Flex vertical gap={2} data-testid="import-row-reasons">
                    {row.errors.map((error) => (
                      <Typography.Text key={`${error.path}-${error.message}`} type="danger">
                        {error.message}
                      </Typography.Text>
                    ))}
                    {row.warnings.map((warning) => (
                      <Typography.Text key={warning} type="warning">
                        {warning}
                      </Typography.Text>
                    ))}
                  </Flex>
                ),
            },
          ]}
        />
      )}
    </Flex>
  );
}
