import { describe, expect, it } from 'vitest';
import { DomainError } from './errors';
import {
  addWorkingDays,
  deadlineOf,
  isCalendarDate,
  isWorkingDay,
  remainingWorkingDays,
  workingDaysLeft,
  timeLimitState,
  timeLimitWarningDays,
  workingDaysBetween,
  type WorkCalendar,
} from './working-days';

function range(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = new Date(`${from}T00:00:00Z`); d <= new Date(`${to}T00:00:00Z`);) {
    out.push(d.toISOString().slice(0, 10));
    d = new Date(d.getTime() + 86_400_000);
  }
  return out;
}

// 国务院办公厅 2026 年部分节假日安排 (as chinese-days 1.5.7 has it): 中秋节 9月25日（周五）至27日
// 放假共3天; 国庆节 10月1日（周四）至7日（周三）放假调休共7天, 9月20日（周日）、10月10日（周六）上班.
const cal2026: WorkCalendar = {
  holidays: new Set([...range('2026-09-25', '2026-09-27'), ...range('2026-10-01', '2026-10-07')]),
  workdays: new Set(['2026-09-20', '2026-10-10']),
};

/** The DomainError a call throws, or fails. */
function domainErrorOf(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('working days of the 2026 calendar', () => {
  it('treats the National Day and Mid-Autumn holidays as days off, weekdays or not', () => {
    for (const d of ['2026-10-01', '2026-10-05', '2026-10-07', '2026-09-25']) {
      expect(isWorkingDay(cal2026, d)).toBe(false);
    }
  });

  it('counts the adjusted working Sunday 9-20 and Saturday 10-10, but no other weekend', () => {
    expect(isWorkingDay(cal2026, '2026-09-20')).toBe(true);
    expect(isWorkingDay(cal2026, '2026-10-10')).toBe(true);
    expect(isWorkingDay(cal2026, '2026-09-19')).toBe(false);
    expect(isWorkingDay(cal2026, '2026-10-11')).toBe(false);
    expect(isWorkingDay(cal2026, '2026-10-17')).toBe(false);
    expect(isWorkingDay(cal2026, '2026-09-29')).toBe(true);
  });

  it('lets a declared holiday win over an adjusted workday on the same date', () => {
    const both: WorkCalendar = {
      holidays: new Set(['2026-10-10']),
      workdays: new Set(['2026-10-10']),
    };
    expect(isWorkingDay(both, '2026-10-10')).toBe(false);
  });
});

describe('adding working days', () => {
  it('lands 5 working days from Monday 2026-09-28 on the adjusted Saturday 10-10, across National Day', () => {
    // 9-29, 9-30, (10-1 … 10-7 off), 10-8, 10-9, 10-10
    expect(addWorkingDays(cal2026, '2026-09-28', 5)).toBe('2026-10-10');
    expect(addWorkingDays(cal2026, '2026-09-28', 3)).toBe('2026-10-08');
  });

  it('skips a weekend that is not adjusted', () => {
    // 10-10 is worked, Sunday 10-11 is not
    expect(addWorkingDays(cal2026, '2026-09-28', 6)).toBe('2026-10-12');
    expect(addWorkingDays(cal2026, '2026-10-16', 1)).toBe('2026-10-19');
  });

  it('never counts the start day, even when it is itself a working day or a holiday', () => {
    expect(addWorkingDays(cal2026, '2026-09-29', 1)).toBe('2026-09-30');
    expect(addWorkingDays(cal2026, '2026-10-03', 1)).toBe('2026-10-08');
    expect(addWorkingDays(cal2026, '2026-09-28', 0)).toBe('2026-09-28');
  });

  it('reaches the adjusted Sunday 9-20 from a Friday, and jumps the Mid-Autumn long weekend', () => {
    expect(addWorkingDays(cal2026, '2026-09-18', 1)).toBe('2026-09-20');
    expect(addWorkingDays(cal2026, '2026-09-24', 1)).toBe('2026-09-28');
  });

  it('counts the working days between two dates, after the first up to and including the second', () => {
    expect(workingDaysBetween(cal2026, '2026-09-28', '2026-10-10')).toBe(5);
    expect(workingDaysBetween(cal2026, '2026-09-30', '2026-10-07')).toBe(0);
    expect(workingDaysBetween(cal2026, '2026-10-10', '2026-10-10')).toBe(0);
    expect(workingDaysBetween(cal2026, '2026-10-12', '2026-10-10')).toBe(0);
    for (let n = 0; n <= 30; n += 1) {
      const end = addWorkingDays(cal2026, '2026-09-15', n);
      expect(workingDaysBetween(cal2026, '2026-09-15', end)).toBe(n);
    }
  });
});

describe('the deadline of a time limit', () => {
  const start = '2026-09-28';

  it('is the last working day of the limit when nothing paused it', () => {
    expect(deadlineOf(cal2026, { start, days: 5 })).toBe('2026-10-10');
    expect(deadlineOf(cal2026, { start, days: 5, pauses: [], extensions: [] })).toBe('2026-10-10');
  });

  it('moves by exactly the working days paused for supplement', () => {
    // returned 9-29 (still counts), supplemented 10-9: 9-30, 10-8 and 10-9 do not count
    const pause = { from: '2026-09-29', to: '2026-10-09' };
    expect(workingDaysBetween(cal2026, pause.from, pause.to)).toBe(3);
    const deadline = deadlineOf(cal2026, { start, days: 5, pauses: [pause] });
    expect(deadline).toBe('2026-10-14');
    expect(deadline).toBe(addWorkingDays(cal2026, '2026-10-10', 3));
  });

  it('counts the day of return but not the day the supplement arrives', () => {
    const returned = { from: '2026-09-29', to: '2026-09-30' };
    expect(deadlineOf(cal2026, { start, days: 1, pauses: [returned] })).toBe('2026-09-29');
    const supplemented = { from: '2026-09-28', to: '2026-09-29' };
    expect(deadlineOf(cal2026, { start, days: 1, pauses: [supplemented] })).toBe('2026-09-30');
  });

  it('is not moved by a pause that ended on the day it began, or one that ran only over holidays', () => {
    const sameDay = { from: '2026-09-30', to: '2026-09-30' };
    const holidays = { from: '2026-09-30', to: '2026-10-07' };
    expect(deadlineOf(cal2026, { start, days: 5, pauses: [sameDay] })).toBe('2026-10-10');
    expect(deadlineOf(cal2026, { start, days: 5, pauses: [holidays] })).toBe('2026-10-10');
  });

  it('counts overlapping pauses once, and ignores a pause that began after the deadline', () => {
    const a = { from: '2026-09-29', to: '2026-10-08' };
    const b = { from: '2026-09-30', to: '2026-10-09' };
    expect(deadlineOf(cal2026, { start, days: 5, pauses: [a, b] })).toBe('2026-10-14');
    const late = { from: '2026-10-12', to: '2026-10-20' };
    expect(deadlineOf(cal2026, { start, days: 5, pauses: [late] })).toBe('2026-10-10');
  });

  it('is null while an application is out for supplement (the clock is stopped)', () => {
    const closed = { from: '2026-09-29', to: '2026-09-30' };
    const open = { from: '2026-10-08', to: null };
    expect(deadlineOf(cal2026, { start, days: 5, pauses: [open] })).toBeNull();
    expect(deadlineOf(cal2026, { start, days: 5, pauses: [closed, open] })).toBeNull();
  });

  it('adds the working days of every extension', () => {
    expect(deadlineOf(cal2026, { start, days: 5, extensions: [2, 3] })).toBe(
      addWorkingDays(cal2026, start, 10),
    );
    expect(deadlineOf(cal2026, { start, days: 5, extensions: [1] })).toBe('2026-10-12');
  });

  it('is the acceptance day itself for a same-day matter (即办, 0 days)', () => {
    expect(deadlineOf(cal2026, { start, days: 0 })).toBe(start);
  });
});

describe('the state of a time limit', () => {
  it('warns at max(1, ⌈20 % of the limit⌉) working days left, in whole numbers', () => {
    expect([1, 3, 5, 6, 12, 20, 35].map(timeLimitWarningDays)).toEqual([1, 1, 1, 2, 3, 4, 7]);
  });

  it('is normal, then warning from 4 working days left of 20, overdue the day after the deadline', () => {
    const deadline = '2026-10-30';
    expect(timeLimitState(cal2026, '2026-10-23', deadline, 20)).toBe('normal');
    expect(remainingWorkingDays(cal2026, '2026-10-26', deadline)).toBe(4);
    expect(timeLimitState(cal2026, '2026-10-26', deadline, 20)).toBe('warning');
    expect(timeLimitState(cal2026, deadline, deadline, 20)).toBe('warning');
    expect(timeLimitState(cal2026, '2026-10-31', deadline, 20)).toBe('overdue');
    expect(remainingWorkingDays(cal2026, '2026-11-02', deadline)).toBe(0);
  });

  it('says the working days left, and after the deadline the working days overdue', () => {
    const deadline = '2026-10-09'; // a Friday after 国庆; 10-10 is the adjusted working Saturday
    expect(workingDaysLeft(cal2026, '2026-09-30', deadline)).toBe(2); // 10-8, 10-9
    expect(workingDaysLeft(cal2026, deadline, deadline)).toBe(0);
    expect(workingDaysLeft(cal2026, '2026-10-10', deadline)).toBe(-1);
    expect(workingDaysLeft(cal2026, '2026-10-12', deadline)).toBe(-2); // 10-11 is a Sunday
    // a weekend right after a Friday deadline already reads as overdue
    expect(workingDaysLeft(cal2026, '2026-10-31', '2026-10-30')).toBe(-1);
  });

  it('counts the days left in working days, so the holiday does not bring the warning early', () => {
    // 9-30 → 10-9: nine calendar days but two working days (10-8, 10-9)
    expect(timeLimitState(cal2026, '2026-09-30', '2026-10-09', 5)).toBe('normal');
    expect(timeLimitState(cal2026, '2026-10-08', '2026-10-09', 5)).toBe('warning');
    expect(timeLimitState(cal2026, '2026-10-10', '2026-10-09', 5)).toBe('overdue');
  });
});

describe('invalid input', () => {
  it('rejects a date that is not a real YYYY-MM-DD, naming the field in Chinese', () => {
    for (const bad of ['2026-9-28', '2026-02-29', '2026-13-01', '28/09/2026', '']) {
      expect(isCalendarDate(bad)).toBe(false);
      const error = domainErrorOf(() => addWorkingDays(cal2026, bad, 1));
      expect(error.code).toBe('VALIDATION');
      expect(error.message).toContain('应为 YYYY-MM-DD');
      expect(error.fieldErrors[0]?.path).toBe('start');
    }
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(domainErrorOf(() => isWorkingDay(cal2026, '2026-10-32')).code).toBe('VALIDATION');
    expect(domainErrorOf(() => workingDaysBetween(cal2026, '2026-10-01', 'x')).fieldErrors).toEqual(
      [{ path: 'to', message: '日期“x”无效，应为 YYYY-MM-DD' }],
    );
    const pauseError = domainErrorOf(() =>
      deadlineOf(cal2026, {
        start: '2026-09-28',
        days: 5,
        pauses: [{ from: '2026-09-29', to: '10-9' }],
      }),
    );
    expect(pauseError.fieldErrors[0]?.path).toBe('pauses.0.to');
  });

  it('rejects negative or fractional day counts', () => {
    const negative = domainErrorOf(() => addWorkingDays(cal2026, '2026-09-28', -1));
    expect(negative.code).toBe('VALIDATION');
    expect(negative.message).toBe('工作日天数应为不小于 0 的整数，收到 -1');
    expect(
      domainErrorOf(() => deadlineOf(cal2026, { start: '2026-09-28', days: -5 })).message,
    ).toBe('办理时限应为不小于 0 的整数，收到 -5');
    expect(domainErrorOf(() => deadlineOf(cal2026, { start: '2026-09-28', days: 1.5 })).code).toBe(
      'VALIDATION',
    );
    const extension = domainErrorOf(() =>
      deadlineOf(cal2026, { start: '2026-09-28', days: 5, extensions: [2, -1] }),
    );
    expect(extension.fieldErrors[0]?.path).toBe('extensions.1');
    expect(domainErrorOf(() => timeLimitState(cal2026, '2026-10-01', '2026-10-09', -3)).code).toBe(
      'VALIDATION',
    );
  });

  it('rejects a pause that begins before acceptance or ends before it begins', () => {
    const early = domainErrorOf(() =>
      deadlineOf(cal2026, {
        start: '2026-09-28',
        days: 5,
        pauses: [{ from: '2026-09-27', to: null }],
      }),
    );
    expect(early.message).toBe('退回补正日 2026-09-27 早于受理日 2026-09-28');
    const backwards = domainErrorOf(() =>
      deadlineOf(cal2026, {
        start: '2026-09-28',
        days: 5,
        pauses: [{ from: '2026-10-09', to: '2026-10-08' }],
      }),
    );
    expect(backwards.fieldErrors[0]).toEqual({
      path: 'pauses.0.to',
      message: '补正材料收到日 2026-10-08 早于退回补正日 2026-10-09',
    });
  });

  it('refuses to walk forever through a calendar with no working day in a year', () => {
    const broken: WorkCalendar = {
      holidays: new Set(range('2026-01-01', '2027-12-31')),
      workdays: new Set(),
    };
    expect(domainErrorOf(() => addWorkingDays(broken, '2026-01-01', 1)).code).toBe('INTERNAL');
  });
});
