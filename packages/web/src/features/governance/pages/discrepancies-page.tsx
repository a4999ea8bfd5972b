import { SwapOutlined } from '@ant-design/icons';
import type { DiscrepancyView } from '@shequ/core';
import { useQuery } from '@tanstack/react-query';
import { Button, Flex, Tabs, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../ui/format';
import { PageContainer } from '../../../ui/page-container';
import { PagedTable, usePagedSearch } from '../../../ui/paged-table';
import { useCan } from '../../auth/components/me-provider';
import { catalogQuery, discrepanciesQuery } from '../api';
import { ComparisonModal } from '../components/comparison-modal';
import { DiscrepancyDrawer } from '../components/discrepancy-drawer';
import { DueDate } from '../components/due-date';
import { QueueFilterForm } from '../components/queue-filter-form';
import { SubjectCell } from '../components/subject-cell';
import { readDiscrepancyFilter } from '../queue-filter';

/**
 * 比对异议: cases where a comparing department's value differs from ours — the verifying
 * department sees the cases routed to it and rules on them, a comparing department sees the cases
 * it raised and submits new values to compare.
 */
export function DiscrepanciesPage() {
  const { t } = useTranslation();
  const canCompare = useCan('comparison:submit');
  const { filter, page, pageSize, search, paginate } = usePagedSearch(readDiscrepancyFilter);
  const cases = useQuery(discrepanciesQuery({ ...filter, page, pageSize }));
  const catalog = useQuery(catalogQuery);
  const [openId, setOpenId] = useState<string>();
  const [comparing, setComparing] = useState(false);
  const elements = useMemo(
    () => (catalog.data?.elements ?? []).filter((e) => e.verifier !== null),
    [catalog.data],
  );
  const noValue = t('governance.discrepancy.noValue');

  return (
    <PageContainer
      title={t('nav.discrepancies')}
      description={t('governance.discrepancy.pageDescription')}
      extra={
        canCompare && (
          <Button
            type="primary"
            icon={<SwapOutlined />}
            onClick={() => setComparing(true)}
            data-testid="compare-open"
          >
            {t('governance.compare.open')}
          </Button>
        )
      }
    >
      <PagedTable<DiscrepancyView>
        data-testid="discrepancy-table"
        rowKey="id"
        query={cases}
        page={page}
        pageSize={pageSize}
        onPageChange={paginate}
        locale={{ emptyText: t(`governance.discrepancy.empty.${filter.status}`) }}
        scroll={{ x: 1120 }}
        onRow={(d) => ({ onClick: () => setOpenId(d.id), style: { cursor: 'pointer' } })}
        filter={
          <Flex vertical gap={4}>
            <Tabs
              activeKey={filter.status}
              onChange={(key) => search({ ...filter, status: key === 'ruled' ? 'ruled' : 'open' })}
              items={[
                { key: 'open', label: t('governance.discrepancy.tabOpen') },
                { key: 'ruled', label: t('governance.discrepancy.tabRuled') },
              ]}
              data-testid="discrepancy-tabs"
            />
            <QueueFilterForm
              name="discrepancyFilter"
              value={filter}
              elements={elements}
              onSearch={(next) => search({ ...next, status: filter.status })}
            />
          </Flex>
        }
        columns={[
          {
            title: t('governance.queue.person'),
            key: 'person',
            width: 180,
            render: (_, d) => <SubjectCell person={d.person} />,
          },
          { title: t('governance.queue.element'), dataIndex: 'elementName', width: 170 },
          {
            title: t('governance.discrepancy.ourValue'),
            key: 'ours',
            width: 100,
            render: (_, d) => (
              <Typography.Text strong>{d.ourValueLabel ?? noValue}</Typography.Text>
            ),
          },
          {
            title: t('governance.discrepancy.theirValue'),
            key: 'theirs',
            width: 100,
            render: (_, d) => (
              <Typography.Text strong style={{ color: '#d4380d' }}>
                {d.theirValueLabel ?? noValue}
              </Typography.Text>
            ),
          },
          {
            title: t('governance.discrepancy.theirDepartment'),
            key: 'department',
            width: 190,
            render: (_, d) => (
              <Flex vertical gap={0}>
                <span>{d.theirDepartmentName}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {d.theirSource}
                </Typography.Text>
              </Flex>
            ),
          },
          {
            title: t('governance.discrepancy.raisedAt'),
            dataIndex: 'createdAt',
            width: 165,
            render: formatDateTime,
          },
          ...(filter.status === 'open'
            ? [
                {
                  title: t('governance.queue.dueAt'),
                  key: 'due',
                  width: 150,
                  render: (_: unknown, d: DiscrepancyView) => (
                    <DueDate dueAt={d.dueAt} overdue={d.overdue} />
                  ),
                },
              ]
            : [
                {
                  title: t('governance.discrepancy.rulingValue'),
                  key: 'ruling',
                  width: 200,
                  render: (_: unknown, d: DiscrepancyView) => (
                    <Flex vertical gap={0}>
                      <Typography.Text strong>{d.rulingValueLabel ?? noValue}</Typography.Text>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {`${d.ruledByName ?? '—'} · ${formatDateTime(d.ruledAt)}`}
                      </Typography.Text>
                    </Flex>
                  ),
                },
              ]),
          {
            title: t('common.actions'),
            key: 'actions',
            width: 70,
            fixed: 'end',
            render: (_, d) => (
              <Button
                type="link"
                size="small"
                onClick={(event) => {
                  event.stopPropagation();
                  setOpenId(d.id);
                }}
                data-testid="discrepancy-open"
              >
                {t('governance.discrepancy.view')}
              </Button>
            ),
          },
        ]}
      />
      {openId && <DiscrepancyDrawer id={openId} onClose={() => setOpenId(undefined)} />}
      {comparing && (
        <ComparisonModal
          onClose={() => setComparing(false)}
          onOpenDiscrepancy={(id) => {
            setComparing(false);
            setOpenId(id);
          }}
        />
      )}
    </PageContainer>
  );
}
