import {
  DuplicateGroup,
  HistoryEntry,
  HouseholdView,
  MembershipView,
  PersonDetail,
  PersonSummary,
  UnmaskedValues,
  pageOf,
  type LifeStatus,
  type PersonInput,
  type PersonPatch,
  type ResidenceType,
  PersonAsOf,
} from '@shequ/core';
import {
  keepPreviousData,
  queryOptions,
  useMutation,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query';
import { z } from 'zod';
import { api, apiUrl, download } from '../../api/client';

export type PersonSortField = 'name' | 'birthDate' | 'updatedAt' | 'regionCode';
export type SortOrder = 'asc' | 'desc';

export interface PersonFilter {
  q?: string;
  householdNumber?: string;
  address?: string;
  regionCode?: string;
  group?: string;
  tag?: string;
  ageMin?: number;
  ageMax?: number;
  residenceType?: ResidenceType;
  lifeStatus?: LifeStatus;
  houseId?: string;
  sort?: PersonSortField;
  order?: SortOrder;
}

export interface PersonListParams extends PersonFilter {
  page: number;
  pageSize: number;
}

const PersonPage = pageOf(PersonSummary);

export const personKeys = {
  all: ['people'] as const,
  lists: () => [...personKeys.all, 'list'] as const,
  list: (params: PersonListParams) => [...personKeys.lists(), params] as const,
  detail: (id: string) => [...personKeys.all, 'detail', id] as const,
  history: (id: string) => [...personKeys.all, 'history', id] as const,
  asOf: (id: string, date: string) => [...personKeys.all, 'as-of', id, date] as const,
  household: (id: string) => [...personKeys.all, 'household', id] as const,
  duplicates: () => [...personKeys.all, 'duplicates'] as const,
};

/** The `x-purpose` header of an audited read: why the user looks (URI-encoded, it is Chinese). */
const purposeHeaders = (purpose: string | undefined): Record<string, string> =>
  purpose ? { 'x-purpose': encodeURIComponent(purpose) } : {};

export const peopleQuery = (params: PersonListParams) =>
  queryOptions({
    queryKey: personKeys.list(params),
    queryFn: ({ signal }) => api.get('/people', PersonPage, { query: { ...params }, signal }),
    placeholderData: keepPreviousData,
  });

/**
 * A person's detail; every read is audited. The purpose only goes into the audit entry, not the
 * answer, so it is left out of the cache key: giving one does not load the person again.
 */
export const personQuery = (id: string, purpose?: string) =>
  queryOptions({
    queryKey: personKeys.detail(id),
    queryFn: ({ signal }) =>
      api.get(`/people/${id}`, PersonDetail, { headers: purposeHeaders(purpose), signal }),
  });

export const personHistoryQuery = (id: string) =>
  queryOptions({
    queryKey: personKeys.history(id),
    queryFn: ({ signal }) => api.get(`/people/${id}/history`, z.array(HistoryEntry), { signal }),
  });

export const personAsOfQuery = (id: string, date: string) =>
  queryOptions({
    queryKey: personKeys.asOf(id, date),
    queryFn: ({ signal }) =>
      api.get(`/people/${id}/as-of`, PersonAsOf, { query: { date }, signal }),
  });

export const householdQuery = (id: string) =>
  queryOptions({
    queryKey: personKeys.household(id),
    queryFn: ({ signal }) => api.get(`/households/${id}`, HouseholdView, { signal }),
  });

export const duplicatesQuery = queryOptions({
  queryKey: personKeys.duplicates(),
  queryFn: ({ signal }) => api.get('/people/duplicates', z.array(DuplicateGroup), { signal }),
});

/** The masked Excel export of the people matching the filter (a plain link will do). */
export const peopleExportUrl = (filter: PersonFilter) =>
  apiUrl('/people/export', { ...filter, unmasked: false });

/** The export with full values: needs person:unmask and a purpose, which a link cannot send. */
export const exportPeopleUnmasked = (filter: PersonFilter, purpose: string) =>
  download('/people/export', {
    query: { ...filter, unmasked: true },
    headers: purposeHeaders(purpose),
    fallbackName: 'people.xlsx',
  });

export type UnmaskField = 'idNumber' | 'phone' | 'registeredAddress' | 'currentAddress';

export const useUnmask = (id: string) =>
  useMutation({
    mutationFn: (body: { purpose: string; fields: UnmaskField[] }) =>
      api.post(`/people/${id}/unmask`, UnmaskedValues, body),
  });

/** After a change to a person: the fresh detail into the cache, lists and history refetched. */
async function refreshPerson(queryClient: QueryClient, person: PersonDetail) {
  queryClient.setQueryData(personKeys.detail(person.id), person);
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: personKeys.lists() }),
    queryClient.invalidateQueries({ queryKey: personKeys.history(person.id) }),
    queryClient.invalidateQueries({ queryKey: [...personKeys.all, 'as-of', person.id] }),
    queryClient.invalidateQueries({ queryKey: [...personKeys.all, 'household'] }),
  ]);
}

function usePersonMutation<V>(mutationFn: (variables: V) => Promise<PersonDetail>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: (person) => refreshPerson(queryClient, person),
  });
}

export const useCreatePerson = () =>
  usePersonMutation((body: PersonInput) => api.post('/people', PersonDetail, body));

export const useUpdatePerson = (id: string) =>
  usePersonMutation((body: PersonPatch) => api.patch(`/people/${id}`, PersonDetail, body));

export interface LifeStatusBody {
  status: 'active' | 'moved_out' | 'deceased_reported';
  date: string;
  reason?: string | null;
  version: number;
}

export const useSetLifeStatus = (id: string) =>
  usePersonMutation((body: LifeStatusBody) =>
    api.post(`/people/${id}/life-status`, PersonDetail, body),
  );

export const useConfirmDeath = (id: string) =>
  usePersonMutation((version: number) =>
    api.post(`/people/${id}/confirm-death`, PersonDetail, { version }),
  );

export interface PersonHouseBody {
  houseId: string;
  relation: 'registered' | 'lives' | 'owns' | 'rents';
  isPrimary: boolean;
  startDate: string;
}

export const useAddPersonHouse = (id: string) =>
  usePersonMutation((body: PersonHouseBody) =>
    api.post(`/people/${id}/houses`, PersonDetail, body),
  );

/** Merges one record into another; the list of suspected duplicates is loaded again. */
export function useMerge() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { keepId: string; mergeId: string; reason: string }) =>
      api.post('/people/merge', PersonDetail, body),
    onSuccess: async (person) => {
      await refreshPerson(queryClient, person);
      await queryClient.invalidateQueries({ queryKey: personKeys.duplicates() });
    },
  });
}

/** Register changes answer with the membership only: the person is loaded again. */
function useMembershipMutation<V, R>(id: string, mutationFn: (variables: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: personKeys.detail(id) }),
        queryClient.invalidateQueries({ queryKey: personKeys.history(id) }),
        queryClient.invalidateQueries({ queryKey: personKeys.lists() }),
        queryClient.invalidateQueries({ queryKey: ['special-groups'] }),
      ]),
  });
}

export interface MembershipBody {
  groupCode: string;
  startDate: string;
  attentionLevel?: 'general' | 'medium' | 'serious' | null;
  attributes: Record<string, string>;
}

export const useAddMembership = (id: string) =>
  useMembershipMutation(id, (body: MembershipBody) =>
    api.post(`/people/${id}/groups`, MembershipView, body),
  );

export const useEndMembership = (id: string) =>
  useMembershipMutation(
    id,
    ({ membershipId, ...body }: { membershipId: string; endDate: string; endReason: string }) =>
      api.post(`/people/${id}/groups/${membershipId}/end`, MembershipView, body),
  );
