import type { DiscrepancyFilter, VerificationFilter } from './api';

const text = (value: string | null) => value?.trim() || undefined;

/** The verification queue's filter from the address, dropping values the server would refuse. */
export function readVerificationFilter(params: URLSearchParams): VerificationFilter {
  const regionCode = params.get('regionCode');
  return {
    elementCode: text(params.get('elementCode')),
    regionCode: regionCode && /^\d{2,15}$/.test(regionCode) ? regionCode : undefined,
    overdue: params.get('overdue') === 'true' ? true : undefined,
  };
}

/** The discrepancy workbench's filter: the queue's, and open (the default) or ruled cases. */
export function readDiscrepancyFilter(params: URLSearchParams): DiscrepancyFilter {
  return {
    ...readVerificationFilter(params),
    status: params.get('status') === 'ruled' ? 'ruled' : 'open',
    ...(params.get('comparisonJobId') ? { comparisonJobId: params.get('comparisonJobId')! } : {}),
  };
}
