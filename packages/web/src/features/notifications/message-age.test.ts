import { describe, expect, it } from 'vitest';
import { formatDateTime } from '../../ui/format';
import { messageAge } from './message-age';

const now = new Date('2026-11-28T08:00:00.000Z');
const ago = (ms: number) => new Date(now.getTime() - ms).toISOString();

describe('messageAge', () => {
  it('says just now for under a minute, and for a stamp a little ahead of this clock', () => {
    expect(messageAge(ago(59_000), now)).toEqual({ unit: 'justNow' });
    expect(messageAge(ago(-5_000), now)).toEqual({ unit: 'justNow' });
  });

  it('counts whole minutes under an hour', () => {
    expect(messageAge(ago(60_000), now)).toEqual({ unit: 'minutes', count: 1 });
    expect(messageAge(ago(59 * 60_000 + 59_000), now)).toEqual({ unit: 'minutes', count: 59 });
  });

  it('counts whole hours under a day', () => {
    expect(messageAge(ago(60 * 60_000), now)).toEqual({ unit: 'hours', count: 1 });
    expect(messageAge(ago(23 * 3_600_000 + 59 * 60_000), now)).toEqual({
      unit: 'hours',
      count: 23,
    });
  });

  it('gives the date and time from a day on', () => {
    const old = ago(24 * 3_600_000);
    expect(messageAge(old, now)).toEqual({ unit: 'date', text: formatDateTime(old) });
    expect(formatDateTime(old)).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  });

  it('passes a stamp it cannot read through as it is', () => {
    expect(messageAge('not a date', now)).toEqual({ unit: 'date', text: 'not a date' });
  });
});
