import { ComparisonJobView } from '@shequ/core';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api, download } from '../../api/client';
import { governanceKeys } from './api';
import { comparisonUploadType, isComparisonRunning } from './bulk-comparison';

/** While a bulk comparison runs, the page asks for its state again every second. */
const POLL_MS = 1000;

export const comparisonKeys = {
  all: [...governanceKeys.all, 'comparisons'] as const,
  list: () => [...comparisonKeys.all, 'list'] as const,
  job: (id: string) => [...comparisonKeys.all, 'job', id] as const,
};

/** The department's recent bulk comparisons, newest first (the server keeps the last 50). */
export const comparisonJobsQuery = queryOptions({
  queryKey: comparisonKeys.list(),
  queryFn: ({ signal }) => api.get('/comparisons', z.array(ComparisonJobView), { signal }),
});

/** One job, polled while it runs. */
export const comparisonJobQuery = (id: string) =>
  queryOptions({
    queryKey: comparisonKeys.job(id),
    queryFn: ({ signal }) => api.get(`/comparisons/${id}`, ComparisonJobView, { signal }),
    refetchInterval: (query) =>
      query.state.data && !isComparisonRunning(query.state.data) ? false : POLL_MS,
  });

/** Uploads the department's file as the raw request body; the comparison runs in the background. */
export function useStartComparison() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (file: File) =>
      api.upload('/comparisons', ComparisonJobView, file, {
        query: { fileName: file.name },
        fileType: comparisonUploadType(file.name),
      }),
    onSuccess: async (job) => {
      queryClient.setQueryData(comparisonKeys.job(job.id), job);
      await queryClient.invalidateQueries({ queryKey: comparisonKeys.list() });
    },
  });
}

/** The detail file: only the rows that need attention (mismatch, unknown person, invalid). */
export const downloadComparisonDetail = (job: Pick<ComparisonJobView, 'id' | 'fileName'>) =>
  download(`/comparisons/${job.id}/detail`, {
    fallbackName: `比对结果-${job.fileName.replace(/\.[^.]+$/, '')}.csv`,
  });

/**
 * A job that finished while polled: the list is read again, and so are the discrepancy cases and
 * value statuses its mismatches and matches changed.
 */
export async function refreshAfterComparison(queryClient: ReturnType<typeof useQueryClient>) {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: comparisonKeys.list() }),
    queryClient.invalidateQueries({ queryKey: governanceKeys.discrepancies() }),
    queryClient.invalidateQueries({ queryKey: [...governanceKeys.all, 'values'] }),
  ]);
}
