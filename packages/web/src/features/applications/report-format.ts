import type { Dayjs } from 'dayjs';

/** An average handling time in hours as days and hours (`2 天 5 小时`), or parts for i18n. */
export function hoursToDaysAndHours(hours: number): { days: number; hours: number } {
  const total = Math.max(0, Math.round(hours));
  return { days: Math.floor(total / 24), hours: total % 24 };
}

/** A rate 0–1 as a percentage with one decimal (`87.5%`); no rate (nothing decided) as `—`. */
export function formatRate(rate: number | null): string {
  if (rate === null || !Number.isFinite(rate)) return '—';
  return `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}

/** The rate as a chart value in percent (one decimal), or null so the chart leaves a gap. */
export const ratePercent = (rate: number | null): number | null =>
  rate === null || !Number.isFinite(rate) ? null : Math.round(rate * 1000) / 10;

/** The default statistics period: 1 January of this year to today. */
export function thisYear(today: Dayjs): [Dayjs, Dayjs] {
  return [today.startOf('year'), today.startOf('day')];
}
