import { SecurityPolicy } from '@shequ/core';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';

const policyKey = ['security-policy'] as const;

export const securityPolicyQuery = queryOptions({
  queryKey: policyKey,
  queryFn: ({ signal }) => api.get('/security-policy', SecurityPolicy, { signal }),
});

export function useUpdateSecurityPolicy() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (policy: SecurityPolicy) => api.put('/security-policy', SecurityPolicy, policy),
    onSuccess: (policy) => queryClient.setQueryData(policyKey, policy),
  });
}
