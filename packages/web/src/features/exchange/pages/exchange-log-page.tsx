import { SafetyCertificateOutlined } from '@ant-design/icons';
import type { ExchangeLogEntryView } from '@shequ/core';
import { useQuery } from '@tanstack/react-query';
import { Button, Descriptions, Flex, Tag, Tooltip, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../ui/format';
import { PageContainer } from '../../../ui/page-container';
import { PagedTable, usePagedSearch } from '../../../ui/paged-table';
import { useApiErrorHandler } from '../../../ui/use-api-error';
import { useCan } from '../../auth/components/me-provider';
import { clientOptionsQuery, exchangeLogQuery, useVerifyExchangeLog } from '../api';
import { ExchangeLogFilterForm } from '../components/exchange-log-filter-form';
import { LogVerifyResult } from '../components/log-verify-result';
import { ExchangeOutcomeTag } from '../components/status-tags';
import { readExchangeLogFilter } from '../exchange-filters';
import { logClientOptions, shortHash } from '../exchange-log';

const mono = { fontFamily: 'monospace', fontSize: 12 } as const;
const detailStyle = {
  margin: 0,
  padding: '8px 12px',
  background: '#f5f7fa',
  border: '1px solid #e8e8e8',
  borderRadius: 4,
  fontSize: 12,
  whiteSpace: 'pre-wrap',
  wordBreak: 'break-all',
  maxHeight: 320,
  overflow: 'auto',
} as const;

const methodColors: Record<string, string> = { GET: 'blue', POST: 'green' };

/**
 * 交换日志: every request of the exchange interface, allowed or refused, with its purpose, end
 * user and request hash; a check of the hash chain. Reading it is itself audited.
 */
export function ExchangeLogPage() {
  const { t } = useTranslation();
  const onError = useApiErrorHandler();
  const canManage = useCan('exchange:manage');
  const { filter, page, pageSize, search, paginate } = usePagedSearch(readExchangeLogFilter);
  const entries = useQuery(exchangeLogQuery({ ...filter, page, pageSize }));
  const clients = useQuery({ ...clientOptionsQuery, enabled: canManage });
  const verify = useVerifyExchangeLog();
  const clientOptions = useMemo(
    () => logClientOptions(clients.data?.items ?? [], entries.data?.items ?? []),
    [clients.data, entries.data],
  );

  return (
    <PageContainer
      title={t('nav.exchangeLog')}
      description={t('exchange.log.pageDescription')}
      extra={
        <Button
          type="primary"
          icon={<SafetyCertificateOutlined />}
          loading={verify.isPending}
          onClick={() => verify.mutate(undefined, { onError: (error) => onError(error) })}
          data-testid="log-verify"
        >
          {t('exchange.log.verify')}
        </Button>
      }
    >
      {verify.data && <LogVerifyResult result={verify.data} onClose={() => verify.reset()} />}
      <PagedTable<ExchangeLogEntryView>
        data-testid="exchange-log-table"
        rowKey="seq"
        query={entries}
        page={page}
        pageSize={pageSize}
        onPageChange={paginate}
        scroll={{ x: 1100 }}
        locale={{ emptyText: t('exchange.log.empty') }}
        filter={<ExchangeLogFilterForm value={filter} clients={clientOptions} onSearch={search} />}
        expandable={{
          expandedRowRender: (entry) => (
            <Descriptions
              size="small"
              column={1}
              styles={{ label: { width: 120 } }}
              items={[
                {
                  key: 'request',
                  label: t('exchange.log.requestId'),
                  children: (
                    <Typography.Text copyable style={mono}>
                      {entry.requestId}
                    </Typography.Text>
                  ),
                },
                {
                  key: 'reason',
                  label: t('exchange.log.reason.label'),
                  children: entry.reason ?? '—',
                },
                {
                  key: 'requestHash',
                  label: t('exchange.log.requestHash'),
                  children: (
                    <Typography.Text copyable style={mono}>
                      {entry.requestHash}
                    </Typography.Text>
                  ),
                },
                {
                  key: 'responseHash',
                  label: t('exchange.log.responseHash'),
                  children: (
                    <Typography.Text copyable style={mono}>
                      {entry.responseHash}
                    </Typography.Text>
                  ),
                },
                {
                  key: 'detail',
                  label: t('exchange.log.detail'),
                  children: (
                    <pre style={detailStyle}>{JSON.stringify(entry.detail ?? null, null, 2)}</pre>
                  ),
                },
              ]}
            />
          ),
        }}
        columns={[
          { title: t('exchange.log.seq'), dataIndex: 'seq', width: 64 },
          {
            title: t('exchange.log.at'),
            dataIndex: 'at',
            width: 100,
            render: (at: string) => {
              const [day, time] = formatDateTime(at).split(' ');
              return (
                <Flex vertical gap={0}>
                  <span>{day}</span>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {time}
                  </Typography.Text>
                </Flex>
              );
            },
          },
          {
            title: t('exchange.log.client'),
            key: 'client',
            width: 160,
            render: (_, e) =>
              e.clientName ? (
                <Flex vertical gap={0} style={{ minWidth: 0 }}>
                  <Typography.Text ellipsis={{ tooltip: e.clientName }}>
                    {e.clientName}
                  </Typography.Text>
                  <Typography.Text
                    type="secondary"
                    style={{ ...mono, fontSize: 11 }}
                    ellipsis={{ tooltip: e.clientId }}
                  >
                    {e.clientId}
                  </Typography.Text>
                </Flex>
              ) : (
                <Typography.Text type="secondary">
                  {t('exchange.log.unknownClient')}
                </Typography.Text>
              ),
          },
          {
            title: t('exchange.log.request'),
            key: 'request',
            render: (_, e) => (
              <Flex gap={6} align="center" style={{ minWidth: 0 }}>
                <Tag color={methodColors[e.method] ?? 'default'} style={{ marginInlineEnd: 0 }}>
                  {e.method}
                </Tag>
                <Typography.Text style={mono} ellipsis={{ tooltip: e.path }}>
                  {e.path}
                </Typography.Text>
              </Flex>
            ),
          },
          {
            title: t('exchange.log.purpose'),
            key: 'purpose',
            width: 160,
            render: (_, e) =>
              e.purpose ? (
                <Flex vertical gap={0} style={{ minWidth: 0 }}>
                  <Typography.Text
                    code
                    style={{ alignSelf: 'flex-start', maxWidth: '100%' }}
                    ellipsis={{ tooltip: e.purpose }}
                  >
                    {e.purpose}
                  </Typography.Text>
                  {e.caseRef && (
                    <Typography.Text
                      type="secondary"
                      style={{ fontSize: 12 }}
                      ellipsis={{ tooltip: e.caseRef }}
                    >
                      {t('exchange.log.caseRef', { ref: e.caseRef })}
                    </Typography.Text>
                  )}
                </Flex>
              ) : (
                '—'
              ),
          },
          {
            title: t('exchange.log.endUser'),
            dataIndex: 'endUser',
            width: 130,
            ellipsis: { showTitle: true },
            render: (user: string | null) => user ?? '—',
          },
          {
            title: t('exchange.log.outcome'),
            key: 'outcome',
            width: 120,
            render: (_, e) => (
              <Tooltip title={e.reason}>
                <Flex gap={6} align="center">
                  <ExchangeOutcomeTag outcome={e.outcome} />
                  <Typography.Text
                    type={e.statusCode >= 400 ? 'danger' : 'secondary'}
                    style={mono}
                    data-testid="log-status-code"
                  >
                    {e.statusCode}
                  </Typography.Text>
                </Flex>
              </Tooltip>
            ),
          },
          {
            title: t('exchange.log.requestHash'),
            dataIndex: 'requestHash',
            width: 130,
            render: (hash: string) => (
              <Typography.Text style={mono} copyable={{ text: hash }}>
                {shortHash(hash, 10)}
              </Typography.Text>
            ),
          },
        ]}
      />
    </PageContainer>
  );
}
