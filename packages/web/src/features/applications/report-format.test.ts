import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { formatRate, hoursToDaysAndHours, ratePercent, thisYear } from './report-format';

describe('hoursToDaysAndHours', () => {
  it('splits whole days from the hours left', () => {
    expect(hoursToDaysAndHours(53)).toEqual({ days: 2, hours: 5 });
  });

  it('rounds to the nearest hour', () => {
    expect(hoursToDaysAndHours(23.6)).toEqual({ days: 1, hours: 0 });
    expect(hoursToDaysAndHours(0.4)).toEqual({ days: 0, hours: 0 });
  });

  it('never goes below zero', () => {
    expect(hoursToDaysAndHours(-3)).toEqual({ days: 0, hours: 0 });
  });
});

describe('formatRate', () => {
  it('shows a rate as a percentage with one decimal', () => {
    expect(formatRate(0.875)).toBe('87.5%');
    expect(formatRate(1)).toBe('100.0%');
    expect(formatRate(0)).toBe('0.0%');
  });

  it('shows no rate (nothing decided yet) as a dash', () => {
    expect(formatRate(null)).toBe('—');
  });

  it('gives the chart percent values and gaps', () => {
    expect(ratePercent(0.6666)).toBe(66.7);
    expect(ratePercent(null)).toBeNull();
  });
});

describe('thisYear', () => {
  it('runs from 1 January to today', () => {
    const [from, to] = thisYear(dayjs('2026-05-17T15:30:00'));
    expect(from.format('YYYY-MM-DD')).toBe('2026-01-01');
    expect(to.format('YYYY-MM-DD')).toBe('2026-05-17');
  });
});
