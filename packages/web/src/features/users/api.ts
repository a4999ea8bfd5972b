import { Ok, UserView, pageOf, type GrantInput, type Role, type userStatuses } from '@shequ/core';
import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, apiUrl } from '../../api/client';

export type UserStatus = (typeof userStatuses)[number];

export interface UserFilter {
  q?: string;
  role?: Role;
  regionCode?: string;
  status?: UserStatus;
}

export interface UserListParams extends UserFilter {
  page: number;
  pageSize: number;
}

const UserPage = pageOf(UserView);

export const userKeys = {
  all: ['users'] as const,
  list: (params: UserListParams) => [...userKeys.all, 'list', params] as const,
  detail: (id: string) => [...userKeys.all, 'detail', id] as const,
};

export const usersQuery = (params: UserListParams) =>
  queryOptions({
    queryKey: userKeys.list(params),
    queryFn: ({ signal }) => api.get('/users', UserPage, { query: { ...params }, signal }),
    placeholderData: keepPreviousData,
  });

export const userQuery = (id: string) =>
  queryOptions({
    queryKey: userKeys.detail(id),
    queryFn: ({ signal }) => api.get(`/users/${id}`, UserView, { signal }),
  });

/** The Excel export of the users matching the filter. */
export const usersExportUrl = (filter: UserFilter) => apiUrl('/users/export', { ...filter });

/** After any change to a user: the fresh view into the detail cache, and every list refetched. */
function useUserMutation<V>(mutationFn: (variables: V) => Promise<UserView>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: async (user) => {
      queryClient.setQueryData(userKeys.detail(user.id), user);
      await queryClient.invalidateQueries({ queryKey: [...userKeys.all, 'list'] });
    },
  });
}

export interface CreateUserInput {
  username: string;
  displayName: string;
  phone?: string | null;
  homeRegionCode: string;
  password: string;
  grants: GrantInput[];
}

export const useCreateUser = () =>
  useUserMutation((body: CreateUserInput) => api.post('/users', UserView, body));

export const useUpdateUser = (id: string) =>
  useUserMutation((body: { displayName?: string; phone?: string | null; status?: UserStatus }) =>
    api.patch(`/users/${id}`, UserView, body),
  );

export const useAddGrant = (id: string) =>
  useUserMutation((grant: GrantInput) => api.post(`/users/${id}/grants`, UserView, grant));

export const useRemoveGrant = (id: string) =>
  useUserMutation((grantId: string) => api.delete(`/users/${id}/grants/${grantId}`, UserView));

export const useUnlockUser = (id: string) =>
  useUserMutation(() => api.post(`/users/${id}/unlock`, UserView));

export const useResetPassword = (id: string) =>
  useMutation({
    mutationFn: (password: string) => api.post(`/users/${id}/reset-password`, Ok, { password }),
  });
