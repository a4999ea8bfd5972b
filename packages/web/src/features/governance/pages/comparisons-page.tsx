import type { ComparisonJobView } from '@shequ/core';
import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Card, Col, Row } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageContainer } from '../../../ui/page-container';
import { ErrorResult } from '../../../ui/query-state';
import { catalogQuery } from '../api';
import { isComparisonRunning, withPolledJobs } from '../bulk-comparison';
import {
  comparisonJobQuery,
  comparisonJobsQuery,
  refreshAfterComparison,
} from '../comparisons-api';
import { ComparisonFileFormat } from '../components/comparison-file-format';
import { ComparisonJobsTable } from '../components/comparison-jobs-table';
import { ComparisonUpload } from '../components/comparison-upload';
import { comparableElements } from '../my-departments';
import { useMyDepartmentTypes } from '../use-my-departments';

/**
 * 批量比对: a comparing department uploads the values it holds (CSV, XLSX or NDJSON keyed by ID
 * number), follows the job while it runs, and downloads the rows that need attention.
 */
export function ComparisonsPage() {
  const { t } = useTranslation();
  const { notification } = App.useApp();
  const queryClient = useQueryClient();
  const jobs = useQuery(comparisonJobsQuery);
  const catalog = useQuery(catalogQuery);
  const { types } = useMyDepartmentTypes();
  const elements = useMemo(
    () => comparableElements(catalog.data?.elements ?? [], types[0]),
    [catalog.data, types],
  );

  // Running jobs, and those started here (which may finish before the list is read again), are
  // polled one by one; the list is read again once one of them has finished.
  const [started, setStarted] = useState<string[]>([]);
  const running = [
    ...new Set([...started, ...(jobs.data ?? []).filter(isComparisonRunning).map((job) => job.id)]),
  ];
  const polled = useQueries({ queries: running.map((id) => comparisonJobQuery(id)) });
  const polledJobs = polled.map((query) => query.data);
  const shown = withPolledJobs(jobs.data ?? [], polledJobs);
  const announced = useRef(new Set<string>());
  const finished = polledJobs.filter(
    (job): job is ComparisonJobView => job !== undefined && !isComparisonRunning(job),
  );
  const finishedKey = finished.map((job) => job.id).join();

  useEffect(() => {
    if (finished.length === 0) return;
    for (const job of finished) {
      if (announced.current.has(job.id)) continue;
      announced.current.add(job.id);
      if (job.status === 'done') {
        notification.success({
          title: t('governance.bulk.finished', { file: job.fileName }),
          description: t('governance.bulk.finishedDetail', {
            matched: job.matched,
            mismatched: job.mismatched,
            unknownSubject: job.unknownSubject,
            invalid: job.invalid,
          }),
        });
      } else {
        notification.error({
          title: t('governance.bulk.failed', { file: job.fileName }),
          description: job.error,
        });
      }
    }
    void refreshAfterComparison(queryClient);
  }, [finishedKey]);

  return (
    <PageContainer title={t('nav.comparisons')} description={t('governance.bulk.pageDescription')}>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10}>
          <Card size="small" title={t('governance.bulk.uploadTitle')} style={{ height: '100%' }}>
            <ComparisonUpload onStarted={(job) => setStarted((ids) => [...ids, job.id])} />
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <Card size="small" title={t('governance.bulk.formatTitle')} style={{ height: '100%' }}>
            <ComparisonFileFormat elements={elements} />
          </Card>
        </Col>
      </Row>
      <Card size="small" title={t('governance.bulk.jobsTitle')}>
        {jobs.isError ? (
          <ErrorResult error={jobs.error} onRetry={() => void jobs.refetch()} />
        ) : (
          <ComparisonJobsTable jobs={shown} loading={jobs.isPending} />
        )}
      </Card>
    </PageContainer>
  );
}
