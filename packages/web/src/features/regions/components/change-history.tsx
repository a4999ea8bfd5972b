import { useQuery } from '@tanstack/react-query';
import { Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RegionChange } from '../../../api/types';
import { formatDate, formatDateTime } from '../../../ui/format';
import { ErrorResult } from '../../../ui/query-state';
import { regionChangesQuery } from '../api';

/** A short text for the before/after snapshot of a change (a name, a list of names, or JSON). */
export function describeSnapshot(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (Array.isArray(value)) return value.map(describeSnapshot).join('、');
  if (typeof value === 'object') {
    const { name, code } = value as { name?: unknown; code?: unknown };
    if (typeof name === 'string') return typeof code === 'string' ? `${name} ${code}` : name;
    const into = (value as { into?: unknown }).into;
    if (into !== undefined) return describeSnapshot(into);
    return JSON.stringify(value);
  }
  return String(value);
}

const kindColors: Record<RegionChange['kind'], string> = {
  create: 'green',
  rename: 'blue',
  merge: 'purple',
  split: 'orange',
  abolish: 'red',
};

/** Every recorded change of a region, newest first as the server orders them. */
export function ChangeHistory({ code }: { code: string }) {
  const { t } = useTranslation();
  const changes = useQuery(regionChangesQuery(code));
  if (changes.isError)
    return <ErrorResult error={changes.error} onRetry={() => void changes.refetch()} />;
  return (
    <Table<RegionChange>
      size="small"
      rowKey="id"
      loading={changes.isPending}
      dataSource={changes.data?.items ?? []}
      pagination={{ pageSize: 10, hideOnSinglePage: true }}
      locale={{ emptyText: t('region.noChanges') }}
      columns={[
        {
          title: t('region.changeKind'),
          dataIndex: 'kind',
          width: 80,
          render: (kind: RegionChange['kind']) => (
            <Tag color={kindColors[kind]}>{t(`changeKind.${kind}`)}</Tag>
          ),
        },
        {
          title: t('region.effectiveDate'),
          dataIndex: 'effectiveDate',
          width: 110,
          render: formatDate,
        },
        {
          title: t('region.changeContent'),
          key: 'content',
          render: (_, change) =>
            `${describeSnapshot(change.before)} → ${describeSnapshot(change.after)}`,
        },
        {
          title: t('region.reason'),
          dataIndex: 'reason',
          ellipsis: true,
          render: (reason: string | null) => reason ?? '—',
        },
        {
          title: t('region.actor'),
          dataIndex: 'actorName',
          width: 100,
          render: (name: string | null) => name ?? '—',
        },
        {
          title: t('region.recordedAt'),
          dataIndex: 'recordedAt',
          width: 170,
          render: formatDateTime,
        },
      ]}
    />
  );
}
