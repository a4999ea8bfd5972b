import {
  BulkConfirmResult,
  CatalogView,
  ComparisonResult,
  DataElementView,
  DiscrepancyView,
  ElementValueView,
  pageOf,
  VerificationItem,
  type CatalogSettingInput,
  type ComparisonRecord,
  type DiscrepancyRuling,
  type VerificationDecision,
  HistoryEntry,
} from '@shequ/core';
import {
  keepPreviousData,
  queryOptions,
  useMutation,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../api/client';

export interface VerificationFilter {
  elementCode?: string;
  regionCode?: string;
  overdue?: boolean;
}

export interface DiscrepancyFilter extends VerificationFilter {
  status: 'open' | 'ruled';
  comparisonJobId?: string;
}

interface Paging {
  page: number;
  pageSize: number;
}

export const governanceKeys = {
  all: ['governance'] as const,
  catalog: () => [...governanceKeys.all, 'catalog'] as const,
  values: (personId: string) => [...governanceKeys.all, 'values', personId] as const,
  queue: (params?: VerificationFilter & Paging) =>
    [...governanceKeys.all, 'queue', ...(params ? [params] : [])] as const,
  discrepancies: (params?: DiscrepancyFilter & Paging) =>
    [...governanceKeys.all, 'discrepancies', ...(params ? [params] : [])] as const,
  discrepancy: (id: string) => [...governanceKeys.all, 'discrepancy', id] as const,
  catalogHistory: (code: string) => [...governanceKeys.all, 'catalog-history', code] as const,
};

/** The data element catalog of the user's city, as the city configured it. */
export const catalogQuery = queryOptions({
  queryKey: governanceKeys.catalog(),
  queryFn: ({ signal }) => api.get('/catalog', CatalogView, { signal }),
  staleTime: 5 * 60_000,
});

/** The status and provenance of a person's governed values that have one. */
export const elementValuesQuery = (personId: string) =>
  queryOptions({
    queryKey: governanceKeys.values(personId),
    queryFn: ({ signal }) =>
      api.get(`/people/${personId}/element-values`, z.array(ElementValueView), { signal }),
  });

const QueuePage = pageOf(VerificationItem);
const DiscrepancyPage = pageOf(DiscrepancyView);

export const verificationQueueQuery = (params: VerificationFilter & Paging) =>
  queryOptions({
    queryKey: governanceKeys.queue(params),
    queryFn: ({ signal }) =>
      api.get('/verification/queue', QueuePage, {
        query: { ...params, overdue: params.overdue ? true : undefined },
        signal,
      }),
    placeholderData: keepPreviousData,
  });

export const discrepanciesQuery = (params: DiscrepancyFilter & Paging) =>
  queryOptions({
    queryKey: governanceKeys.discrepancies(params),
    queryFn: ({ signal }) =>
      api.get('/discrepancies', DiscrepancyPage, {
        query: { ...params, overdue: params.overdue ? true : undefined },
        signal,
      }),
    placeholderData: keepPreviousData,
  });

export const discrepancyQuery = (id: string) =>
  queryOptions({
    queryKey: governanceKeys.discrepancy(id),
    queryFn: ({ signal }) => api.get(`/discrepancies/${id}`, DiscrepancyView, { signal }),
  });

/**
 * After a decision, a ruling or a comparison: queues, cases and statuses are read again, and so
 * are people (a correction or a ruling writes the value back to the person or register).
 */
async function refreshGovernance(queryClient: QueryClient) {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: governanceKeys.queue() }),
    queryClient.invalidateQueries({ queryKey: governanceKeys.discrepancies() }),
    queryClient.invalidateQueries({ queryKey: [...governanceKeys.all, 'discrepancy'] }),
    queryClient.invalidateQueries({ queryKey: [...governanceKeys.all, 'values'] }),
    queryClient.invalidateQueries({ queryKey: ['people'] }),
    queryClient.invalidateQueries({ queryKey: ['special-groups'] }),
  ]);
}

function useGovernanceMutation<V, R>(mutationFn: (variables: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn, onSuccess: () => refreshGovernance(queryClient) });
}

export const useDecision = () =>
  useGovernanceMutation(({ id, ...body }: VerificationDecision & { id: string }) =>
    api.post(`/verification/values/${id}/decision`, ElementValueView, body),
  );

export const useBulkConfirm = () =>
  useGovernanceMutation((items: { id: string; version: number }[]) =>
    api.post('/verification/bulk-confirm', BulkConfirmResult, { items }),
  );

export const useRuling = () =>
  useGovernanceMutation(({ id, ...body }: DiscrepancyRuling & { id: string }) =>
    api.post(`/discrepancies/${id}/ruling`, DiscrepancyView, body),
  );

export const useCompare = () =>
  useGovernanceMutation((body: ComparisonRecord) =>
    api.post('/comparisons/records', ComparisonResult, body),
  );

/** Who changed the city's setting of an element, when, why, from what to what. */
export const catalogHistoryQuery = (cityCode: string, elementCode: string) =>
  queryOptions({
    queryKey: governanceKeys.catalogHistory(elementCode),
    queryFn: ({ signal }) =>
      api.get(
        `/catalog/${cityCode}/elements/${encodeURIComponent(elementCode)}/history`,
        z.array(HistoryEntry),
        { signal },
      ),
  });

/** Saves a city's setting of one element; the catalog is read again. */
export function useUpdateCatalogSetting() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      cityCode,
      elementCode,
      ...body
    }: CatalogSettingInput & { cityCode: string; elementCode: string }) =>
      api.put(
        `/catalog/${cityCode}/elements/${encodeURIComponent(elementCode)}`,
        DataElementView,
        body,
      ),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: governanceKeys.catalog() }),
        queryClient.invalidateQueries({ queryKey: [...governanceKeys.all, 'catalog-history'] }),
        queryClient.invalidateQueries({ queryKey: [...governanceKeys.all, 'values'] }),
      ]),
  });
}
