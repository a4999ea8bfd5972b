import { DomainError, fieldError } from './errors';

/**
 * The official working-day calendar that time limits of service applications (办理时限) are
 * counted in. Dates are calendar dates in China time, `YYYY-MM-DD` (use `chinaDate` from
 * `./region` to get “today” from an instant).
 *
 * - `holidays`: official days off (法定节假日 and the days moved into them by 调休), whether they
 *   fall on a weekday or a weekend;
 * - `workdays`: weekend days made working days by 调休 (调休上班).
 *
 * A date in both sets is a holiday: a declared day off wins.
 */
export interface WorkCalendar {
  holidays: ReadonlySet<string>;
  workdays: ReadonlySet<string>;
}

/** Whether a time limit is on track, close to its deadline (黄牌预警) or past it (超期). */
export const timeLimitStates = ['normal', 'warning', 'overdue'] as const;
/** One of `timeLimitStates`. */
export type TimeLimitState = (typeof timeLimitStates)[number];

/**
 * A period in which an application was returned for supplement (退回补正): `from` is the day it was
 * returned, `to` the day the supplemented materials were received, or null while still awaited.
 */
export interface TimeLimitPause {
  from: string;
  to: string | null;
}

/** The facts a deadline is computed from; see `deadlineOf`. */
export interface TimeLimit {
  /** The day the application was accepted (受理日); it never counts itself. */
  start: string;
  /** The statutory time limit in working days (承诺/法定时限), 0 for same-day matters (即办). */
  days: number;
  /** Periods returned for supplement; none when omitted. */
  pauses?: readonly TimeLimitPause[];
  /** Extra working days granted by extensions (延期), each a whole number ≥ 0; none when omitted. */
  extensions?: readonly number[];
}

const DAY_MS = 86_400_000;
/** No real calendar goes a year without a working day; a longer run means a broken calendar. */
const MAX_IDLE_DAYS = 366;

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The day number (days since 1970-01-01) of a real `YYYY-MM-DD` date, or undefined. */
function dayNumberOf(value: string): number | undefined {
  const m = datePattern.exec(value);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) {
    return undefined;
  }
  return ms / DAY_MS;
}

function dateOf(dayNumber: number): string {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}

function parseDate(value: unknown, path: string): number {
  const n = typeof value === 'string' ? dayNumberOf(value) : undefined;
  if (n === undefined) {
    throw fieldError(path, `日期“${String(value)}”无效，应为 YYYY-MM-DD`);
  }
  return n;
}

function parseCount(value: unknown, path: string, label: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw fieldError(path, `${label}应为不小于 0 的整数，收到 ${String(value)}`);
  }
  return value;
}

/** Whether a string is a real calendar date written `YYYY-MM-DD` (2026-02-30 is not). */
export function isCalendarDate(value: string): boolean {
  return dayNumberOf(value) !== undefined;
}

/** 0 Sunday … 6 Saturday; 1970-01-01 was a Thursday. */
function weekdayOf(dayNumber: number): number {
  return (((dayNumber + 4) % 7) + 7) % 7;
}

function isWorkingDayNumber(cal: WorkCalendar, dayNumber: number): boolean {
  const date = dateOf(dayNumber);
  if (cal.holidays.has(date)) return false;
  const weekday = weekdayOf(dayNumber);
  return weekday === 0 || weekday === 6 ? cal.workdays.has(date) : true;
}

/**
 * Whether `date` is a working day: Monday to Friday unless an official holiday; Saturday and
 * Sunday only when made a working day by 调休 (and not also a holiday). Throws VALIDATION for a
 * date that is not `YYYY-MM-DD`.
 */
export function isWorkingDay(cal: WorkCalendar, date: string): boolean {
  return isWorkingDayNumber(cal, parseDate(date, 'date'));
}

/**
 * Walks forward from the day after `start` and returns the day on which the `n`-th counted working
 * day falls (`start` itself when n is 0). `counts` may skip working days (paused ones).
 */
function nthWorkingDay(
  cal: WorkCalendar,
  start: number,
  n: number,
  counts: (dayNumber: number) => boolean = () => true,
): number {
  let day = start;
  let counted = 0;
  let idle = 0;
  while (counted < n) {
    day += 1;
    if (!isWorkingDayNumber(cal, day)) {
      idle += 1;
      if (idle > MAX_IDLE_DAYS) {
        throw new DomainError('INTERNAL', `工作日历有误：${dateOf(day)} 之前连续一年没有工作日`);
      }
      continue;
    }
    idle = 0;
    if (counts(day)) counted += 1;
  }
  return day;
}

/**
 * The date of the `n`-th working day after `start`. The start day itself never counts
 * (受理当日不计入), whether or not it is a working day; `n = 0` gives `start`. Throws VALIDATION
 * for a bad date or an `n` that is not a whole number ≥ 0.
 */
export function addWorkingDays(cal: WorkCalendar, start: string, n: number): string {
  const from = parseDate(start, 'start');
  return dateOf(nthWorkingDay(cal, from, parseCount(n, 'days', '工作日天数')));
}

/**
 * The number of working days after `from` up to and including `to`; 0 when `to` is not after
 * `from`. So `workingDaysBetween(cal, start, addWorkingDays(cal, start, n)) === n`.
 */
export function workingDaysBetween(cal: WorkCalendar, from: string, to: string): number {
  const a = parseDate(from, 'from');
  const b = parseDate(to, 'to');
  let count = 0;
  for (let day = a + 1; day <= b; day += 1) {
    if (isWorkingDayNumber(cal, day)) count += 1;
  }
  return count;
}

/**
 * The deadline (办结期限) of a time limit, or null while the clock is stopped.
 *
 * Conventions:
 * - the limit is `days` plus the sum of `extensions`, counted in working days after `start`
 *   (受理当日不计入); the deadline is the day the last of them falls on, and work done on that day
 *   is in time;
 * - a pause for supplement (补正) stops the clock from the day after `from` through `to`, both in
 *   China time: the day of return still counts (the office worked on the application), the day the
 *   supplement arrives does not (like a new acceptance day), and counting resumes the day after
 *   `to`. So a closed pause moves the deadline by exactly `workingDaysBetween(cal, from, to)`
 *   working days, provided it began before the deadline; overlapping pauses count once;
 * - an open pause (`to === null`) means the clock is stopped and there is no deadline: null.
 *
 * Throws VALIDATION (with the field path) for a bad date, a negative or fractional count, a pause
 * that begins before `start` or ends before it begins.
 */
export function deadlineOf(cal: WorkCalendar, limit: TimeLimit): string | null {
  const start = parseDate(limit.start, 'start');
  const days = parseCount(limit.days, 'days', '办理时限');
  let total = days;
  (limit.extensions ?? []).forEach((extra, i) => {
    total += parseCount(extra, `extensions.${i}`, '延期天数');
  });
  const pauses: [number, number][] = [];
  let open = false;
  (limit.pauses ?? []).forEach((pause, i) => {
    const from = parseDate(pause.from, `pauses.${i}.from`);
    if (from < start) {
      throw fieldError(`pauses.${i}.from`, `退回补正日 ${pause.from} 早于受理日 ${limit.start}`);
    }
    if (pause.to === null) {
      open = true;
      return;
    }
    const to = parseDate(pause.to, `pauses.${i}.to`);
    if (to < from) {
      throw fieldError(`pauses.${i}.to`, `补正材料收到日 ${pause.to} 早于退回补正日 ${pause.from}`);
    }
    pauses.push([from, to]);
  });
  if (open) return null;
  const counts = (day: number) => !pauses.some(([from, to]) => day > from && day <= to);
  return dateOf(nthWorkingDay(cal, start, total, counts));
}

/**
 * Working days left until `deadline`: those after `today` up to and including `deadline`
 * (0 on the deadline itself and after it).
 */
export function remainingWorkingDays(cal: WorkCalendar, today: string, deadline: string): number {
  return workingDaysBetween(cal, today, deadline);
}

/**
 * What a worker reads beside the deadline: the working days left (as `remainingWorkingDays`, 0 on
 * the deadline itself), or once it has passed, minus the working days since — at least -1, so a
 * weekend right after the deadline already reads as overdue.
 */
export function workingDaysLeft(cal: WorkCalendar, today: string, deadline: string): number {
  if (today <= deadline) return remainingWorkingDays(cal, today, deadline);
  return -Math.max(1, workingDaysBetween(cal, deadline, today));
}

/**
 * How many remaining working days or fewer put a limit of `limitDays` into warning:
 * max(1, ⌈limitDays × 20 %⌉), computed in whole numbers.
 */
export function timeLimitWarningDays(limitDays: number): number {
  const n = parseCount(limitDays, 'limitDays', '办理时限');
  return Math.max(1, Math.ceil(n / 5));
}

/**
 * The state of a time limit on `today`: `overdue` once `today` is after `deadline`; `warning`
 * (黄牌) when the remaining working days are at most `timeLimitWarningDays(limitDays)`, which
 * includes the deadline day itself; otherwise `normal`. `limitDays` is the limit the warning is a
 * fraction of (with extensions, as the caller counts it). A stopped clock has no deadline and is
 * not passed here.
 */
export function timeLimitState(
  cal: WorkCalendar,
  today: string,
  deadline: string,
  limitDays: number,
): TimeLimitState {
  const t = parseDate(today, 'today');
  const d = parseDate(deadline, 'deadline');
  const threshold = timeLimitWarningDays(limitDays);
  if (t > d) return 'overdue';
  return remainingWorkingDays(cal, today, deadline) <= threshold ? 'warning' : 'normal';
}
