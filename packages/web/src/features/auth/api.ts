import { Me, Ok, SecondFactorSetup, SessionState } from '@shequ/core';
import { queryOptions, useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, setCsrfToken } from '../../api/client';

export const sessionKey = ['session'] as const;
export const meKey = ['me'] as const;

/** Keeps the CSRF token and the cached session in step with the latest session response. */
function remember(queryClient: QueryClient | undefined, state: SessionState): SessionState {
  setCsrfToken(state.csrfToken);
  if (queryClient) {
    queryClient.setQueryData(sessionKey, state);
    if (state.me) queryClient.setQueryData(meKey, state.me);
  }
  return state;
}

export const sessionQuery = queryOptions({
  queryKey: sessionKey,
  queryFn: async ({ signal }) =>
    remember(undefined, await api.get('/auth/session', SessionState, { signal })),
  staleTime: Infinity,
  retry: false,
});

export const meQuery = queryOptions({
  queryKey: meKey,
  queryFn: ({ signal }) => api.get('/me', Me, { signal }),
});

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: { username: string; password: string }) =>
      remember(queryClient, await api.post('/auth/login', SessionState, body)),
  });
}

export function useSecondFactor() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (code: string) =>
      remember(queryClient, await api.post('/auth/second-factor', SessionState, { code })),
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post('/auth/logout', Ok),
    // Whatever the server said, nothing of this session may stay in the cache.
    onSettled: () => {
      setCsrfToken(undefined);
      queryClient.clear();
    },
  });
}

/** The region switcher: act under another grant, or narrow to a region inside it. */
export function useSwitchContext() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { grantId: string; regionCode: string }) => api.put('/me/context', Me, body),
    onSuccess: async (me) => {
      queryClient.setQueryData(meKey, me);
      // Every list and count depends on the region: refetch all of it.
      await queryClient.invalidateQueries({
        predicate: (query) => query.queryKey[0] !== 'session',
      });
    },
  });
}

export function useStartSecondFactorSetup() {
  return useMutation({
    mutationFn: () => api.post('/me/second-factor/setup', SecondFactorSetup),
  });
}

export function useEnableSecondFactor() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (code: string) =>
      remember(queryClient, await api.post('/me/second-factor/enable', SessionState, { code })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: meKey }),
  });
}

export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) =>
      api.post('/me/password', Ok, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: meKey }),
  });
}
