import { formatDateTime } from '../../ui/format';

/** How long ago a message came, for the list: just now, minutes, hours, or its date and time. */
export type MessageAge =
  | { unit: 'justNow' }
  | { unit: 'minutes' | 'hours'; count: number }
  | { unit: 'date'; text: string };

export function messageAge(createdAt: string, now: Date): MessageAge {
  const minutes = Math.floor((now.getTime() - Date.parse(createdAt)) / 60_000);
  if (Number.isNaN(minutes)) return { unit: 'date', text: formatDateTime(createdAt) };
  // a message stamped a little ahead of this device's clock is new, not "in the future"
  if (minutes < 1) return { unit: 'justNow' };
  if (minutes < 60) return { unit: 'minutes', count: minutes };
  if (minutes < 24 * 60) return { unit: 'hours', count: Math.floor(minutes / 60) };
  return { unit: 'date', text: formatDateTime(createdAt) };
}
