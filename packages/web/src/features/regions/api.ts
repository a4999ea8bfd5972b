import {
  Region,
  RegionChangeList,
  RegionDetail,
  RegionSearchResult,
  type RegionChangeBody,
  type RegionLevel,
} from '@shequ/core';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, apiUrl, ignoredBody, itemsOf } from '../../api/client';

export const regionKeys = {
  all: ['regions'] as const,
  scope: () => [...regionKeys.all, 'scope'] as const,
  detail: (code: string) => [...regionKeys.all, 'detail', code] as const,
  changes: (code: string) => [...regionKeys.all, 'changes', code] as const,
  search: (q: string, level?: RegionLevel) =>
    [...regionKeys.all, 'search', q, level ?? ''] as const,
};

/** The roots the user may browse: the region subtrees of their grants. */
export const regionScopeQuery = queryOptions({
  queryKey: regionKeys.scope(),
  queryFn: ({ signal }) => api.get('/regions/scope', itemsOf(Region), { signal }),
  staleTime: 5 * 60_000,
});

/** A region with its ancestors and children; the tree loads children through it. */
export const regionDetailQuery = (code: string) =>
  queryOptions({
    queryKey: regionKeys.detail(code),
    queryFn: ({ signal }) => api.get(`/regions/${code}`, RegionDetail, { signal }),
    staleTime: 5 * 60_000,
  });

export const regionChangesQuery = (code: string) =>
  queryOptions({
    queryKey: regionKeys.changes(code),
    queryFn: ({ signal }) => api.get(`/regions/${code}/changes`, RegionChangeList, { signal }),
  });

export const regionSearchQuery = (q: string, level?: RegionLevel) =>
  queryOptions({
    queryKey: regionKeys.search(q, level),
    queryFn: ({ signal }) =>
      api.get('/regions', RegionSearchResult, { query: { q, level, limit: 20 }, signal }),
    staleTime: 60_000,
  });

export const regionExportUrl = (code: string) => apiUrl(`/regions/${code}/export`);

/** Adds a grid under a community. */
export function useCreateGrid(communityCode: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; validFrom?: string }) =>
      api.post(`/regions/${communityCode}/grids`, Region, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: regionKeys.all }),
  });
}

/** Records a rename, merge or split; history is kept, nothing is overwritten. */
export function useRecordRegionChange(code: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RegionChangeBody) => api.post(`/regions/${code}/changes`, ignoredBody, body),
    // A change can touch the region, its parent's children and the title line in the header.
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: regionKeys.all }),
        queryClient.invalidateQueries({ queryKey: ['me'] }),
      ]),
  });
}
