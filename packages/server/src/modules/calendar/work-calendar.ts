import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { isCalendarDate, type WorkCalendar } from '@shequ/core';
import { z } from 'zod';

const Day = z.string({ error: '应为 YYYY-MM-DD 格式的日期文本' }).refine(isCalendarDate, {
  error: (issue) => `“${String(issue.input)}”不是有效日期，应为 YYYY-MM-DD`,
});

/** The documented `dist/chinese-days.json` of the package: date → "English,中文,天数". */
const PackageData = z.object({
  holidays: z.record(Day, z.string()),
  workdays: z.record(Day, z.string()),
});

const DayList = z.array(Day, { error: '应为日期列表，如 ["2027-02-05"]' }).default([]);

const overrideLists = ['holidays', 'workdays', 'notHolidays', 'notWorkdays'] as const;

/**
 * Local corrections to the package's calendar, e.g. a year the package does not have yet or a
 * local holiday: `holidays` are added days off, `workdays` added working weekend days (调休上班),
 * `notHolidays` / `notWorkdays` remove the package's entries.
 */
const CalendarOverrides = z.strictObject(
  {
    holidays: DayList,
    workdays: DayList,
    notHolidays: DayList,
    notWorkdays: DayList,
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys' ? `未知字段 ${issue.keys.join('、')}` : '应为 JSON 对象',
  },
);
type CalendarOverrides = z.infer<typeof CalendarOverrides>;

let packageCalendar: WorkCalendar | undefined;
const cache = new Map<string, WorkCalendar>();

/** Holidays and adjusted workdays of every year the pinned `chinese-days` package covers. */
function loadPackageCalendar(): WorkCalendar {
  if (packageCalendar) return packageCalendar;
  const require = createRequire(import.meta.url);
  const file = require.resolve('chinese-days/dist/chinese-days.json');
  const parsed = PackageData.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    throw new Error(`chinese-days 的节假日数据格式有变：${describe(parsed.error)}`);
  }
  packageCalendar = {
    holidays: new Set(Object.keys(parsed.data.holidays)),
    workdays: new Set(Object.keys(parsed.data.workdays)),
  };
  return packageCalendar;
}

function describe(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length > 0 ? `${issue.path.join('.')}：` : ''}${issue.message}`)
    .join('；');
}

function readOverrides(file: string): CalendarOverrides {
  const fail = (why: string) => new Error(`工作日历文件 ${file} 有误：${why}`);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw fail(`无法读取（${(error as NodeJS.ErrnoException).code ?? String(error)}）`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw fail(`不是有效的 JSON（${(error as Error).message}）`);
  }
  const parsed = CalendarOverrides.safeParse(json);
  if (!parsed.success) throw fail(describe(parsed.error));
  const overrides = parsed.data;

  // A date in two lists says two things about one day; a 调休 workday on a weekday says nothing.
  const seen = new Map<string, string>();
  for (const list of overrideLists) {
    overrides[list].forEach((date, i) => {
      const other = seen.get(date);
      if (other !== undefined && other !== list) {
        throw fail(`${list}.${i}：${date} 已出现在 ${other} 中`);
      }
      seen.set(date, list);
    });
  }
  overrides.workdays.forEach((date, i) => {
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    if (weekday !== 0 && weekday !== 6) {
      throw fail(
        `workdays.${i}：${date} 不是周六或周日，调休上班日只能是周末（取消假日请用 notHolidays）`,
      );
    }
  });
  return overrides;
}

/**
 * The official working-day calendar: the holidays and adjusted workdays of every year in the
 * `chinese-days` package, corrected by the overrides file when one is given (see
 * `SHEQU_CALENDAR_FILE`). Removals apply first, then additions; an added holiday is no longer a
 * workday and the other way round. Cached per file; throws an Error in Chinese naming the field and
 * the bad date when the file is malformed.
 */
export function loadWorkCalendar(overridesFile?: string): WorkCalendar {
  const key = overridesFile === undefined ? '' : path.resolve(overridesFile);
  const cached = cache.get(key);
  if (cached) return cached;
  const base = loadPackageCalendar();
  let calendar = base;
  if (overridesFile !== undefined) {
    const o = readOverrides(key);
    const holidays = new Set(base.holidays);
    const workdays = new Set(base.workdays);
    for (const d of o.notHolidays) holidays.delete(d);
    for (const d of o.notWorkdays) workdays.delete(d);
    for (const d of o.holidays) {
      holidays.add(d);
      workdays.delete(d);
    }
    for (const d of o.workdays) {
      workdays.add(d);
      holidays.delete(d);
    }
    calendar = { holidays, workdays };
  }
  cache.set(key, calendar);
  return calendar;
}
