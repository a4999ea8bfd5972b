import type { ApplicationStatus, TimeLimitState } from '@shequ/core';

/** The tag colour of a time limit: green while normal, yellow 预警, red 超期. */
export function timeLimitColor(
  state: TimeLimitState | null,
): 'success' | 'warning' | 'error' | 'default' {
  switch (state) {
    case 'normal':
      return 'success';
    case 'warning':
      return 'warning';
    case 'overdue':
      return 'error';
    case null:
      return 'default';
  }
}

/** The text type of a deadline in that colour (none while normal). */
export function timeLimitTextType(state: TimeLimitState | null): 'warning' | 'danger' | undefined {
  if (state === 'warning') return 'warning';
  if (state === 'overdue') return 'danger';
  return undefined;
}

/** The tag colour of an application's status. */
export function statusColor(status: ApplicationStatus): string {
  switch (status) {
    case 'submitted':
      return 'blue';
    case 'processing':
      return 'processing';
    case 'supplement':
      return 'warning';
    case 'approved':
      return 'success';
    case 'rejected':
      return 'error';
    case 'withdrawn':
      return 'default';
  }
}

/** Whether the application is finished (decided or withdrawn). */
export const isClosed = (status: ApplicationStatus): boolean =>
  status === 'approved' || status === 'rejected' || status === 'withdrawn';
