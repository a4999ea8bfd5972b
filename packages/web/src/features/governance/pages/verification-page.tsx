import { CheckOutlined } from '@ant-design/icons';
import type { BulkConfirmResult, VerificationItem } from '@shequ/core';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Flex, Popconfirm, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../ui/format';
import { PageContainer } from '../../../ui/page-container';
import { PagedTable, usePagedSearch } from '../../../ui/paged-table';
import { useApiErrorHandler } from '../../../ui/use-api-error';
import { knownSource } from '../../people/history-format';
import { catalogQuery, useBulkConfirm, useDecision, verificationQueueQuery } from '../api';
import { BulkConfirmResultAlert } from '../components/bulk-confirm-result';
import { DecisionModal } from '../components/decision-modal';
import { DueDate } from '../components/due-date';
import { QueueFilterForm } from '../components/queue-filter-form';
import { SubjectCell } from '../components/subject-cell';
import { ValueStatusTag } from '../components/value-status-tag';
import { readVerificationFilter } from '../queue-filter';
import { useMyDepartmentTypes } from '../use-my-departments';

/**
 * 待核验: the values collected in the department's region that it verifies — confirm, reject with a
 * reason, correct; several at once with bulk confirm, which reports the items it had to skip.
 */
export function VerificationPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const { filter, page, pageSize, search, paginate } = usePagedSearch(readVerificationFilter);
  const queue = useQuery(verificationQueueQuery({ ...filter, page, pageSize }));
  const catalog = useQuery(catalogQuery);
  const { types } = useMyDepartmentTypes();
  const decide = useDecision();
  const bulk = useBulkConfirm();
  const [selected, setSelected] = useState<VerificationItem[]>([]);
  const [dialog, setDialog] = useState<{ item: VerificationItem; action: 'reject' | 'correct' }>();
  const [result, setResult] = useState<{ result: BulkConfirmResult; listed: VerificationItem[] }>();

  // A new page or filter starts a new selection.
  useEffect(() => setSelected([]), [filter, page, pageSize]);

  const elements = useMemo(
    () =>
      (catalog.data?.elements ?? []).filter(
        (e) => e.verifier !== null && (types.length === 0 || types.includes(e.verifier)),
      ),
    [catalog.data, types],
  );

  const confirm = (item: VerificationItem) =>
    decide.mutate(
      { id: item.id, action: 'confirm', version: item.version },
      {
        onSuccess: () =>
          void message.success(
            t('governance.queue.confirmed', { name: item.person.name, element: item.elementName }),
          ),
        onError: (error) => onError(error),
      },
    );

  const confirmSelected = () => {
    const listed = selected;
    bulk.mutate(
      listed.map((item) => ({ id: item.id, version: item.version })),
      {
        onSuccess: (answer) => {
          setResult({ result: answer, listed });
          setSelected([]);
        },
        onError: (error) => onError(error),
      },
    );
  };

  const describe = (id: string) => {
    const item = result?.listed.find((i) => i.id === id);
    return item ? `${item.person.name} · ${item.elementName}` : id;
  };

  return (
    <PageContainer
      title={t('nav.verification')}
      description={t('governance.queue.pageDescription')}
      extra={
        <Popconfirm
          title={t('governance.queue.bulkConfirmTitle', { count: selected.length })}
          description={t('governance.queue.bulkConfirmHint')}
          onConfirm={confirmSelected}
          disabled={selected.length === 0}
        >
          <Button
            type="primary"
            icon={<CheckOutlined />}
            disabled={selected.length === 0}
            loading={bulk.isPending}
            data-testid="bulk-confirm"
          >
            {t('governance.queue.bulkConfirm', { count: selected.length })}
          </Button>
        </Popconfirm>
      }
    >
      {result && (
        <BulkConfirmResultAlert
          result={result.result}
          describe={describe}
          onClose={() => setResult(undefined)}
        />
      )}
      <PagedTable<VerificationItem>
        data-testid="verification-table"
        rowKey="id"
        query={queue}
        page={page}
        pageSize={pageSize}
        onPageChange={paginate}
        locale={{ emptyText: t('governance.queue.empty') }}
        scroll={{ x: 1200 }}
        rowSelection={{
          selectedRowKeys: selected.map((item) => item.id),
          onChange: (_keys, rows) => setSelected(rows),
          getCheckboxProps: (item) => ({ disabled: item.status !== 'collected' }),
        }}
        filter={
          <QueueFilterForm
            name="queueFilter"
            value={filter}
            elements={elements}
            onSearch={search}
          />
        }
        columns={[
          {
            title: t('governance.queue.person'),
            key: 'person',
            width: 190,
            render: (_, item) => <SubjectCell person={item.person} />,
          },
          { title: t('governance.queue.element'), dataIndex: 'elementName', width: 170 },
          {
            title: t('governance.queue.collectedValue'),
            key: 'value',
            width: 150,
            render: (_, item) => (
              <Flex vertical gap={0}>
                <Typography.Text strong>{item.valueLabel ?? '—'}</Typography.Text>
                {item.verifiedValue !== null && item.verifiedValue !== item.value && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('governance.queue.previouslyVerified', {
                      value: item.verifiedValueLabel ?? item.verifiedValue,
                    })}
                  </Typography.Text>
                )}
              </Flex>
            ),
          },
          {
            title: t('governance.queue.status'),
            dataIndex: 'status',
            width: 90,
            render: (status: VerificationItem['status']) => <ValueStatusTag status={status} />,
          },
          {
            title: t('governance.queue.collector'),
            key: 'collector',
            width: 120,
            render: (_, item) => {
              const source = knownSource(item.source);
              return (
                <Flex vertical gap={0}>
                  <span>{item.collectedByName}</span>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {source ? t(`changeSource.${source}`) : item.source}
                  </Typography.Text>
                </Flex>
              );
            },
          },
          {
            title: t('governance.queue.collectedAt'),
            dataIndex: 'collectedAt',
            width: 165,
            render: formatDateTime,
          },
          {
            title: t('governance.queue.dueAt'),
            key: 'due',
            width: 150,
            render: (_, item) => <DueDate dueAt={item.dueAt} overdue={item.overdue} />,
          },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 170,
            fixed: 'end',
            render: (_, item) => (
              <Flex gap={0}>
                <Button
                  type="link"
                  size="small"
                  onClick={() => confirm(item)}
                  loading={decide.isPending && decide.variables.id === item.id}
                  data-testid="queue-confirm"
                >
                  {t('governance.queue.confirm')}
                </Button>
                <Button
                  type="link"
                  size="small"
                  danger
                  onClick={() => setDialog({ item, action: 'reject' })}
                  data-testid="queue-reject"
                >
                  {t('governance.queue.reject')}
                </Button>
                <Button
                  type="link"
                  size="small"
                  onClick={() => setDialog({ item, action: 'correct' })}
                  data-testid="queue-correct"
                >
                  {t('governance.queue.correct')}
                </Button>
              </Flex>
            ),
          },
        ]}
      />
      {dialog && (
        <DecisionModal
          item={dialog.item}
          action={dialog.action}
          onClose={() => setDialog(undefined)}
        />
      )}
    </PageContainer>
  );
}
