import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { addWorkingDays, isWorkingDay, type WorkCalendar } from '@shequ/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWorkCalendar } from './work-calendar';

function within(dates: ReadonlySet<string>, from: string, to: string): string[] {
  return [...dates].filter((d) => d >= from && d <= to).sort();
}

describe('the calendar from the chinese-days package', () => {
  const cal = loadWorkCalendar();

  it('has the 2026 Mid-Autumn and National Day holidays and the 9-20 / 10-10 workdays, exactly', () => {
    expect(within(cal.holidays, '2026-09-01', '2026-10-31')).toEqual([
      '2026-09-25',
      '2026-09-26',
      '2026-09-27',
      '2026-10-01',
      '2026-10-02',
      '2026-10-03',
      '2026-10-04',
      '2026-10-05',
      '2026-10-06',
      '2026-10-07',
    ]);
    expect(within(cal.workdays, '2026-09-01', '2026-10-31')).toEqual(['2026-09-20', '2026-10-10']);
    expect(addWorkingDays(cal, '2026-09-28', 5)).toBe('2026-10-10');
  });

  it('has the 2026 Spring Festival: 2-15 to 2-23 off, Saturdays 2-14 and 2-28 worked', () => {
    expect(within(cal.holidays, '2026-02-01', '2026-02-28')).toEqual([
      '2026-02-15',
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
      '2026-02-21',
      '2026-02-22',
      '2026-02-23',
    ]);
    expect(within(cal.workdays, '2026-02-01', '2026-02-28')).toEqual(['2026-02-14', '2026-02-28']);
  });

  it('covers every year of the package, back to 2004', () => {
    const years = new Set([...cal.holidays].map((d) => d.slice(0, 4)));
    for (let y = 2004; y <= 2026; y += 1) expect(years.has(String(y))).toBe(true);
    expect(cal.holidays.has('2004-10-01')).toBe(true);
  });
});

describe('an overrides file', () => {
  let dir: string;
  const write = (name: string, content: unknown): string => {
    const file = path.join(dir, name);
    writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
    return file;
  };

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'shequ-calendar-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('adds a holiday and removes an adjusted workday, leaving the package calendar alone', () => {
    const file = write('local.json', { holidays: ['2027-02-05'], notWorkdays: ['2026-10-10'] });
    const cal: WorkCalendar = loadWorkCalendar(file);
    expect(isWorkingDay(cal, '2027-02-05')).toBe(false);
    expect(isWorkingDay(cal, '2026-10-10')).toBe(false);
    expect(addWorkingDays(cal, '2026-09-28', 5)).toBe('2026-10-12');
    expect(isWorkingDay(cal, '2026-09-20')).toBe(true);
    expect(loadWorkCalendar(file)).toBe(cal);
    expect(isWorkingDay(loadWorkCalendar(), '2026-10-10')).toBe(true);
    expect(isWorkingDay(loadWorkCalendar(), '2027-02-05')).toBe(true);
  });

  it('can turn a package holiday into a working weekend day and the other way round', () => {
    const file = write('swap.json', { workdays: ['2026-10-03'], notHolidays: ['2026-10-05'] });
    const cal = loadWorkCalendar(file);
    expect(isWorkingDay(cal, '2026-10-03')).toBe(true);
    expect(isWorkingDay(cal, '2026-10-05')).toBe(true);
    expect(isWorkingDay(cal, '2026-10-04')).toBe(false);
  });

  it('names the field and the bad date when a date is malformed', () => {
    const file = write('bad-date.json', { holidays: ['2027-02-05', '2027-02-30'] });
    expect(() => loadWorkCalendar(file)).toThrow(
      `工作日历文件 ${file} 有误：holidays.1：“2027-02-30”不是有效日期，应为 YYYY-MM-DD`,
    );
  });

  it('says what is wrong with a file that is not JSON, has unknown fields or is missing', () => {
    expect(() => loadWorkCalendar(write('not-json.json', '{ holidays: ['))).toThrow(
      /不是有效的 JSON/,
    );
    expect(() => loadWorkCalendar(write('typo.json', { holiday: ['2027-02-05'] }))).toThrow(
      /未知字段 holiday/,
    );
    expect(() => loadWorkCalendar(write('string.json', { workdays: '2027-02-06' }))).toThrow(
      /workdays：应为日期列表/,
    );
    expect(() => loadWorkCalendar(path.join(dir, 'absent.json'))).toThrow(/无法读取（ENOENT）/);
  });

  it('refuses a date in two lists and a 调休 workday that is not a weekend day', () => {
    const twice = write('twice.json', { holidays: ['2027-02-06'], workdays: ['2027-02-06'] });
    expect(() => loadWorkCalendar(twice)).toThrow('workdays.0：2027-02-06 已出现在 holidays 中');
    const weekday = write('weekday.json', { workdays: ['2027-02-08'] });
    expect(() => loadWorkCalendar(weekday)).toThrow(/workdays\.0：2027-02-08 不是周六或周日/);
  });
});
