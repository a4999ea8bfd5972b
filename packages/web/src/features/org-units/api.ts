import { OrgUnitInput, OrgUnitView, pageOf } from '@shequ/core';
import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../api/client';

export const orgUnitKinds = OrgUnitInput.shape.kind.options;
export type OrgUnitKind = (typeof orgUnitKinds)[number];
export type OrgUnitBody = z.input<typeof OrgUnitInput>;

export interface OrgUnitFilter {
  q?: string;
  kind?: OrgUnitKind;
  regionCode?: string;
}

export interface OrgUnitListParams extends OrgUnitFilter {
  page: number;
  pageSize: number;
}

const OrgUnitPage = pageOf(OrgUnitView);

export const orgUnitKeys = {
  all: ['org-units'] as const,
  list: (params: OrgUnitListParams) => [...orgUnitKeys.all, 'list', params] as const,
};

export const orgUnitsQuery = (params: OrgUnitListParams) =>
  queryOptions({
    queryKey: orgUnitKeys.list(params),
    queryFn: ({ signal }) => api.get('/org-units', OrgUnitPage, { query: { ...params }, signal }),
    placeholderData: keepPreviousData,
  });

function useOrgUnitMutation<V>(mutationFn: (variables: V) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: orgUnitKeys.all }),
  });
}

export const useCreateOrgUnit = () =>
  useOrgUnitMutation((body: OrgUnitBody) => api.post('/org-units', OrgUnitView, body));

export const useUpdateOrgUnit = (id: string) =>
  useOrgUnitMutation((body: Partial<OrgUnitBody> & { version: number }) =>
    api.patch(`/org-units/${id}`, OrgUnitView, body),
  );
