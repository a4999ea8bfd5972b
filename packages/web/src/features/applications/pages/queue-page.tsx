import type { ApplicationSummary } from '@shequ/core';
import { useQuery } from '@tanstack/react-query';
import { Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { formatDateTime } from '../../../ui/format';
import { PageContainer } from '../../../ui/page-container';
import { PagedTable, usePagedSearch } from '../../../ui/paged-table';
import { queueQuery } from '../api';
import { ApplicationFlags } from '../components/application-flags';
import { QueueFilterForm } from '../components/queue-filter-form';
import { StatusTag } from '../components/status-tag';
import { TimeLimitTag } from '../components/time-limit-tag';
import { readQueueFilter } from '../queue-filter';

/** 我的待办: the applications waiting at the user's steps, the nearest deadline first. */
export function QueuePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { filter, page, pageSize, search, paginate } = usePagedSearch(readQueueFilter);
  const queue = useQuery(queueQuery({ ...filter, page, pageSize }));
  return (
    <PageContainer title={t('nav.workQueue')} description={t('applications.queue.pageDescription')}>
      <PagedTable<ApplicationSummary>
        data-testid="application-queue"
        rowKey="id"
        query={queue}
        page={page}
        pageSize={pageSize}
        onPageChange={paginate}
        scroll={{ x: 1100 }}
        locale={{ emptyText: t('applications.queue.empty') }}
        filter={<QueueFilterForm value={filter} onSearch={search} />}
        onRow={(row) => ({
          onClick: () => void navigate(`/applications/${row.id}`),
          style: { cursor: 'pointer' },
          'data-number': row.number,
        })}
        columns={[
          {
            title: t('applications.number'),
            dataIndex: 'number',
            width: 170,
            render: (number: string, row) => (
              <Link to={`/applications/${row.id}`} onClick={(e) => e.stopPropagation()}>
                {number}
              </Link>
            ),
          },
          { title: t('applications.matterName'), dataIndex: 'matterName' },
          {
            title: t('applications.applicant'),
            key: 'applicant',
            width: 140,
            render: (_, row) => (
              <Flex vertical gap={0}>
                <span>{row.applicantName}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {row.regionName}
                </Typography.Text>
              </Flex>
            ),
          },
          {
            title: t('applications.queue.status'),
            key: 'status',
            width: 170,
            render: (_, row) => (
              <Flex vertical gap={4} align="flex-start">
                <StatusTag status={row.status} />
                <ApplicationFlags application={row} />
              </Flex>
            ),
          },
          {
            title: t('applications.step'),
            key: 'step',
            width: 140,
            render: (_, row) => (
              <Flex vertical gap={0}>
                <span>{row.stepName}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t(`applications.stepKind.${row.stepKind}`)}
                </Typography.Text>
              </Flex>
            ),
          },
          {
            title: t('applications.submittedAt'),
            dataIndex: 'submittedAt',
            width: 165,
            render: formatDateTime,
          },
          {
            title: t('applications.deadline'),
            key: 'deadline',
            width: 190,
            fixed: 'end',
            render: (_, row) => (
              <TimeLimitTag
                deadline={row.deadline}
                state={row.timeLimitState}
                paused={row.paused}
              />
            ),
          },
        ]}
      />
    </PageContainer>
  );
}
