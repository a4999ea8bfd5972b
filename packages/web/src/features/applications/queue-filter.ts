import type { QueueFilter } from './api';

const statuses = ['open', 'submitted', 'processing', 'supplement'] as const;
const timeLimits = ['warning', 'overdue'] as const;

const oneOf = <T extends string>(list: readonly T[], value: string | null): T | undefined =>
  list.find((item) => item === value);

/** The work queue's filter from the address, dropping values the server would refuse. */
export function readQueueFilter(params: URLSearchParams): QueueFilter {
  const matterCode = params.get('matterCode')?.trim();
  return {
    status: oneOf(statuses, params.get('status')),
    matterCode: matterCode && /^[a-z][a-z0-9_]{1,63}$/.test(matterCode) ? matterCode : undefined,
    timeLimit: oneOf(timeLimits, params.get('timeLimit')),
  };
}
