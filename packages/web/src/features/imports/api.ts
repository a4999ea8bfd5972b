import { ImportJobView, ImportRowView, pageOf } from '@shequ/core';
import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api, apiUrl } from '../../api/client';

export type ImportStatus = ImportJobView['status'];
export type ImportOutcome = z.infer<typeof ImportRowView>['outcome'];

export const importOutcomes: readonly ImportOutcome[] = ['create', 'update', 'unchanged', 'reject'];

/** While the server reads or writes, the page asks again every second. */
const isRunning = (status: ImportStatus) => status === 'staging' || status === 'merging';
const POLL_MS = 1000;

export const importKeys = {
  all: ['imports'] as const,
  list: () => [...importKeys.all, 'list'] as const,
  job: (id: string) => [...importKeys.all, 'job', id] as const,
  rows: (id: string, outcome: ImportOutcome | undefined, page: number, pageSize: number) =>
    [...importKeys.all, 'rows', id, outcome ?? '', page, pageSize] as const,
};

export const importJobsQuery = queryOptions({
  queryKey: importKeys.list(),
  queryFn: ({ signal }) => api.get('/imports', z.array(ImportJobView), { signal }),
  refetchInterval: (query) =>
    query.state.data?.some((job) => isRunning(job.status)) ? POLL_MS : false,
});

export const importJobQuery = (id: string) =>
  queryOptions({
    queryKey: importKeys.job(id),
    queryFn: ({ signal }) => api.get(`/imports/${id}`, ImportJobView, { signal }),
    refetchInterval: (query) =>
      query.state.data && isRunning(query.state.data.status) ? POLL_MS : false,
  });

const RowPage = pageOf(ImportRowView);

export const importRowsQuery = (
  id: string,
  outcome: ImportOutcome | undefined,
  page: number,
  pageSize: number,
) =>
  queryOptions({
    queryKey: importKeys.rows(id, outcome, page, pageSize),
    queryFn: ({ signal }) =>
      api.get(`/imports/${id}/rows`, RowPage, { query: { outcome, page, pageSize }, signal }),
    placeholderData: keepPreviousData,
  });

export const importTemplateUrl = apiUrl('/imports/template');
export const rejectedRowsUrl = (id: string) => apiUrl(`/imports/${id}/rejected`);

/** Uploads the roster as the raw request body and starts the dry run (no data is written yet). */
export function useStartImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, regionCode }: { file: File; regionCode: string }) =>
      api.upload('/imports', ImportJobView, file, {
        query: { fileName: file.name, regionCode, apply: false },
      }),
    onSuccess: async (job) => {
      queryClient.setQueryData(importKeys.job(job.id), job);
      await queryClient.invalidateQueries({ queryKey: importKeys.list() });
    },
  });
}

/** Applies a staged import: all accepted rows in one transaction, in the background. */
export function useApplyImport(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post(`/imports/${id}/apply`, ImportJobView),
    onSuccess: async (job) => {
      queryClient.setQueryData(importKeys.job(id), job);
      await queryClient.invalidateQueries({ queryKey: importKeys.list() });
    },
  });
}
