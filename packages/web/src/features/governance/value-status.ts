import type { ElementValueView, ValueStatus } from '@shequ/core';

/**
 * How a governed value stands in the UI: one of the recorded statuses, or `unverified` for a value
 * that has no status row (collected before anyone verified it, e.g. imported stock; ADR 0004).
 */
export type DisplayStatus = ValueStatus | 'unverified';

/** One antd Tag color per status, the same on every page. */
export const statusColors: Record<DisplayStatus, string> = {
  collected: 'gold',
  verified: 'green',
  rejected: 'red',
  disputed: 'volcano',
  ruled: 'blue',
  unverified: 'default',
};

/**
 * The status to show beside a value: its recorded one, `unverified` for a governed element (one
 * with a verifier) that has no row, null for an element nobody verifies (phone, current address).
 */
export function displayStatusOf(
  element: { verifier: string | null } | undefined,
  value: Pick<ElementValueView, 'status'> | undefined,
): DisplayStatus | null {
  if (value) return value.status;
  if (!element || element.verifier === null) return null;
  return 'unverified';
}
