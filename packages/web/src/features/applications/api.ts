import {
  ApplicationBoard,
  ApplicationDetail,
  ApplicationFileView,
  ApplicationStatistics,
  ApplicationSummary,
  DocumentCheckView,
  MatterSummary,
  MatterVersion,
  MatterView,
  pageOf,
  PrefillView,
  TrackingView,
  type ApplicationActionBody,
  type OnlineApplicationInput,
  type StatisticsQuery,
  type WindowApplicationInput,
} from '@shequ/core';
import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../api/client';

export interface QueueFilter {
  status?: 'open' | 'submitted' | 'processing' | 'supplement';
  matterCode?: string;
  timeLimit?: 'warning' | 'overdue';
}

interface Paging {
  page: number;
  pageSize: number;
}

export const applicationKeys = {
  all: ['applications'] as const,
  matters: () => [...applicationKeys.all, 'matters'] as const,
  matter: (code: string) => [...applicationKeys.all, 'matter', code] as const,
  prefill: (matterCode: string, personId: string) =>
    [...applicationKeys.all, 'prefill', matterCode, personId] as const,
  queue: (params?: QueueFilter & Paging) =>
    [...applicationKeys.all, 'queue', ...(params ? [params] : [])] as const,
  detail: (id: string) => [...applicationKeys.all, 'detail', id] as const,
  board: (regionCode: string | undefined) =>
    [...applicationKeys.all, 'board', regionCode ?? ''] as const,
  statistics: (query: StatisticsQuery) => [...applicationKeys.all, 'statistics', query] as const,
};

/** The city whose matters the public pages offer (the deployment's city: 南京). */
export const PUBLIC_CITY = '3201';

/** The service matters of the user's city (事项目录). */
export const mattersQuery = queryOptions({
  queryKey: applicationKeys.matters(),
  queryFn: ({ signal }) => api.get('/matters', z.array(MatterSummary), { signal }),
  staleTime: 5 * 60_000,
});

/** One matter with its definition: conditions, legal basis, materials, form, steps. */
export const matterQuery = (code: string) =>
  queryOptions({
    queryKey: applicationKeys.matter(code),
    queryFn: ({ signal }) => api.get(`/matters/${code}`, MatterView, { signal }),
    staleTime: 5 * 60_000,
  });

/** A matter's versions, newest first: who saved each, why, and what it changed. */
export const matterVersionsQuery = (code: string) =>
  queryOptions({
    queryKey: [...applicationKeys.matter(code), 'versions'] as const,
    queryFn: ({ signal }) =>
      api.get(`/matters/${code}/versions`, z.array(MatterVersion), { signal }),
  });

/** What the window shows for an applicant and a matter (an audited read of the person). */
export const prefillQuery = (matterCode: string, personId: string) =>
  queryOptions({
    queryKey: applicationKeys.prefill(matterCode, personId),
    queryFn: ({ signal }) =>
      api.get('/applications/prefill', PrefillView, { query: { matterCode, personId }, signal }),
    staleTime: Infinity,
  });

const QueuePage = pageOf(ApplicationSummary);

/** 我的待办: applications at the caller's steps, in deadline order. */
export const queueQuery = (params: QueueFilter & Paging) =>
  queryOptions({
    queryKey: applicationKeys.queue(params),
    queryFn: ({ signal }) =>
      api.get('/applications/queue', QueuePage, { query: { ...params }, signal }),
    placeholderData: keepPreviousData,
  });

export const applicationQuery = (id: string) =>
  queryOptions({
    queryKey: applicationKeys.detail(id),
    queryFn: ({ signal }) => api.get(`/applications/${id}`, ApplicationDetail, { signal }),
  });

/** Takes an application at the window: it is accepted on the spot. */
export function useSubmitApplication() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: WindowApplicationInput) =>
      api.post('/applications', ApplicationDetail, body),
    onSuccess: (detail) => {
      queryClient.setQueryData(applicationKeys.detail(detail.id), detail);
      return queryClient.invalidateQueries({ queryKey: applicationKeys.queue() });
    },
  });
}

/** Sends one scan of a material; the file goes as the request body, as the server takes it. */
export function uploadScan(applicationId: string, materialCode: string, file: File) {
  return api.upload(`/applications/${applicationId}/files`, ApplicationFileView, file, {
    query: { materialCode, fileName: file.name },
    // the server tells JPG, PNG and PDF by their bytes, whatever a browser calls the type
    fileType: 'application/octet-stream',
  });
}

/** Attaches a scan to an application from its page; the page then shows it. */
export function useAttachScan(applicationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ materialCode, file }: { materialCode: string; file: File }) =>
      uploadScan(applicationId, materialCode, file),
    onSuccess: () =>
      queryClient.invalidateQueries({ queryKey: applicationKeys.detail(applicationId) }),
  });
}

/** One action on an application; the answer is the application as it now stands. */
export function useApplicationAction(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ApplicationActionBody) =>
      api.post(`/applications/${id}/actions`, ApplicationDetail, body),
    onSuccess: (detail) => {
      queryClient.setQueryData(applicationKeys.detail(id), detail);
      return queryClient.invalidateQueries({ queryKey: applicationKeys.queue() });
    },
  });
}

/** Public: an application by its number and the phone given at intake (no login). */
export const trackQuery = (number: string, phone: string) =>
  queryOptions({
    queryKey: [...applicationKeys.all, 'track', number, phone] as const,
    queryFn: ({ signal }) =>
      api.get('/public/applications/track', TrackingView, { query: { number, phone }, signal }),
    enabled: Boolean(number && phone),
    retry: false,
  });

/** Public: a result document by its verification code (no login). */
export const documentCheckQuery = (code: string) =>
  queryOptions({
    queryKey: [...applicationKeys.all, 'document', code] as const,
    queryFn: ({ signal }) =>
      api.get(`/public/documents/${encodeURIComponent(code)}`, DocumentCheckView, { signal }),
    enabled: Boolean(code),
    retry: false,
  });

const PublicRegion = z.object({
  code: z.string(),
  name: z.string(),
  level: z.string(),
  leaf: z.boolean(),
});
export type PublicRegion = z.infer<typeof PublicRegion>;

/** Public: the counties, streets or communities under a region of the city (no login). */
export const publicRegionsQuery = (parent: string) =>
  queryOptions({
    queryKey: [...applicationKeys.all, 'public-regions', PUBLIC_CITY, parent] as const,
    queryFn: ({ signal }) =>
      api.get('/public/regions', z.array(PublicRegion), {
        query: { city: PUBLIC_CITY, parent },
        signal,
      }),
    staleTime: 60 * 60 * 1000, // the division codes change a few times a year
  });

/** Public: the matters of the city that residents may apply for online (no login). */
export const publicMattersQuery = queryOptions({
  queryKey: [...applicationKeys.all, 'public-matters', PUBLIC_CITY] as const,
  queryFn: ({ signal }) =>
    api.get('/public/matters', z.array(MatterSummary), { query: { city: PUBLIC_CITY }, signal }),
  staleTime: 5 * 60_000,
});

/** Public: one matter's guide and application form (no login). */
export const publicMatterQuery = (code: string) =>
  queryOptions({
    queryKey: [...applicationKeys.all, 'public-matter', PUBLIC_CITY, code] as const,
    queryFn: ({ signal }) =>
      api.get(`/public/matters/${encodeURIComponent(code)}`, MatterView, {
        query: { city: PUBLIC_CITY },
        signal,
      }),
    enabled: Boolean(code),
    staleTime: 5 * 60_000,
  });

/** Public: texts a 6-digit code to the phone (once a minute at most). */
export function useRequestCode() {
  return useMutation({
    mutationFn: (phone: string) => api.post('/public/applications/code', z.undefined(), { phone }),
  });
}

/** Public: a resident's own application online, confirmed by the texted code. */
export function useSubmitOnline() {
  return useMutation({
    mutationFn: (body: OnlineApplicationInput) =>
      api.post('/public/applications', z.object({ number: z.string() }), body),
  });
}

/** 督办看板: open, warning, overdue, supplement and extension counts of the sub-regions. */
export const boardQuery = (regionCode: string | undefined) =>
  queryOptions({
    queryKey: applicationKeys.board(regionCode),
    queryFn: ({ signal }) =>
      api.get('/applications/board', ApplicationBoard, {
        query: regionCode ? { regionCode } : {},
        signal,
      }),
    placeholderData: keepPreviousData,
  });

/** 办件统计: received, decided, on time, average hours, returned, rejected, per group. */
export const statisticsQuery = (query: StatisticsQuery) =>
  queryOptions({
    queryKey: applicationKeys.statistics(query),
    queryFn: ({ signal }) =>
      api.get('/applications/statistics', ApplicationStatistics, { query: { ...query }, signal }),
    placeholderData: keepPreviousData,
  });
