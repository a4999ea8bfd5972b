import { AuditEvent, AuditVerifyResult, pageOf, type AuditOutcome } from '@shequ/core';
import { keepPreviousData, queryOptions, useMutation } from '@tanstack/react-query';
import { api } from '../../api/client';

export interface AuditFilter {
  action?: string;
  actor?: string;
  outcome?: AuditOutcome;
  /** ISO 8601 with offset. */
  from?: string;
  to?: string;
}

export interface AuditListParams extends AuditFilter {
  page: number;
  pageSize: number;
}

const AuditPage = pageOf(AuditEvent);

export const auditQuery = (params: AuditListParams) =>
  queryOptions({
    queryKey: ['audit', 'list', params],
    queryFn: ({ signal }) => api.get('/audit', AuditPage, { query: { ...params }, signal }),
    placeholderData: keepPreviousData,
  });

/** Walks the hash chain on the server; a broken link means an entry was altered or removed. */
export function useVerifyAuditChain() {
  return useMutation({ mutationFn: () => api.get('/audit/verify', AuditVerifyResult) });
}
