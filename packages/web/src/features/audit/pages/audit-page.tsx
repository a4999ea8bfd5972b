import { SafetyCertificateOutlined } from '@ant-design/icons';
import { auditOutcomes, roles, type AuditEvent, type AuditOutcome } from '@shequ/core';
import { useQuery } from '@tanstack/react-query';
import { Button, Descriptions, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../ui/format';
import { PageContainer } from '../../../ui/page-container';
import { PagedTable, usePagedSearch } from '../../../ui/paged-table';
import { useApiErrorHandler } from '../../../ui/use-api-error';
import { auditQuery, useVerifyAuditChain, type AuditFilter } from '../api';
import { AuditFilterForm } from '../components/audit-filter-form';
import { VerifyResult } from '../components/verify-result';

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

const outcomeColors: Record<AuditOutcome, string> = {
  success: 'success',
  failure: 'warning',
  denied: 'error',
};

function readFilter(params: URLSearchParams): AuditFilter {
  return {
    action: params.get('action') ?? undefined,
    actor: params.get('actor') ?? undefined,
    outcome: auditOutcomes.find((o) => o === params.get('outcome')),
    from: params.get('from') ?? undefined,
    to: params.get('to') ?? undefined,
  };
}

/** 审计日志: the tamper-evident log of who did what, with a check of its hash chain. */
export function AuditPage() {
  const { t } = useTranslation();
  const { filter, page, pageSize, search, paginate } = usePagedSearch(readFilter);
  const events = useQuery(auditQuery({ ...filter, page, pageSize }));
  const verify = useVerifyAuditChain();
  const onError = useApiErrorHandler();

  const roleLabel = (role: string | null) => {
    if (!role) return '—';
    const known = roles.find((r) => r === role);
    return known ? t(`role.${known}`) : role;
  };

  return (
    <PageContainer
      title={t('nav.audit')}
      description={t('audit.pageDescription')}
      extra={
        <Button
          type="primary"
          icon={<SafetyCertificateOutlined />}
          loading={verify.isPending}
          onClick={() => verify.mutate(undefined, { onError: (error) => onError(error) })}
          data-testid="audit-verify"
        >
          {t('audit.verify')}
        </Button>
      }
    >
      {verify.data && <VerifyResult result={verify.data} onClose={() => verify.reset()} />}
      <PagedTable<AuditEvent>
        data-testid="audit-table"
        rowKey="seq"
        query={events}
        page={page}
        pageSize={pageSize}
        onPageChange={paginate}
        filter={<AuditFilterForm value={filter} onSearch={search} />}
        expandable={{
          expandedRowRender: (event) => (
            <Descriptions
              size="small"
              column={1}
              items={[
                { key: 'purpose', label: t('audit.purpose'), children: event.purpose ?? '—' },
                {
                  key: 'request',
                  label: t('audit.requestId'),
                  children: event.requestId ?? '—',
                },
                {
                  key: 'detail',
                  label: t('audit.detail'),
                  children: (
                    <pre style={detailStyle}>{JSON.stringify(event.detail ?? null, null, 2)}</pre>
                  ),
                },
                {
                  key: 'hash',
                  label: t('audit.hash'),
                  children: (
                    <Typography.Text copyable style={{ fontFamily: 'monospace', fontSize: 12 }}>
                      {event.hash}
                    </Typography.Text>
                  ),
                },
              ]}
            />
          ),
        }}
        columns={[
          { title: t('audit.seq'), dataIndex: 'seq', width: 64 },
          {
            title: t('audit.time'),
            dataIndex: 'occurredAt',
            width: 160,
            render: formatDateTime,
          },
          { title: t('audit.actor'), dataIndex: 'actorName', width: 100, ellipsis: true },
          {
            title: t('audit.role'),
            dataIndex: 'role',
            width: 130,
            ellipsis: true,
            render: roleLabel,
          },
          {
            title: t('audit.action'),
            dataIndex: 'action',
            width: 190,
            render: (action: string) => (
              <Typography.Text code style={{ whiteSpace: 'nowrap' }}>
                {action}
              </Typography.Text>
            ),
          },
          {
            title: t('audit.target'),
            key: 'target',
            ellipsis: { showTitle: true },
            render: (_, event) =>
              event.targetType
                ? `${event.targetType}${event.targetId ? ` / ${event.targetId}` : ''}`
                : '—',
          },
          {
            title: t('audit.region'),
            dataIndex: 'regionCode',
            width: 110,
            render: (code: string | null) => code ?? '—',
          },
          {
            title: t('audit.outcome'),
            dataIndex: 'outcome',
            width: 90,
            render: (outcome: AuditOutcome) => (
              <Tag color={outcomeColors[outcome]}>{t(`outcome.${outcome}`)}</Tag>
            ),
          },
          {
            title: t('audit.clientIp'),
            dataIndex: 'clientIp',
            width: 115,
            render: (ip: string | null) => ip ?? '—',
          },
        ]}
      />
    </PageContainer>
  );
}
