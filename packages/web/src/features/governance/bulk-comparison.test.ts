import { parseIdNumber, type ComparisonJobView } from '@shequ/core';
import { describe, expect, it } from 'vitest';
import {
  comparisonExampleCsv,
  comparisonUploadType,
  rowsNeedingAttention,
  withPolledJobs,
} from './bulk-comparison';

const job = (over: Partial<ComparisonJobView>): ComparisonJobView => ({
  id: 'a',
  status: 'running',
  fileName: '民政.csv',
  departmentName: '玄武区民政局',
  submittedByName: '吴审核',
  total: 0,
  matched: 0,
  mismatched: 0,
  unknownSubject: 0,
  invalid: 0,
  error: null,
  createdAt: '2026-11-28T02:00:00.000Z',
  finishedAt: null,
  ...over,
});

describe('comparisonUploadType', () => {
  it('sends a file with the type of its extension, whatever the browser reported', () => {
    expect(comparisonUploadType('民政比对.csv')).toBe('text/csv');
    expect(comparisonUploadType('残疾等级.XLSX')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(comparisonUploadType('export.ndjson')).toBe('application/x-ndjson');
    expect(comparisonUploadType('export.jsonl')).toBe('application/x-ndjson');
  });

  it('refuses files the server does not read', () => {
    expect(comparisonUploadType('名册.xls')).toBeUndefined();
    expect(comparisonUploadType('csv')).toBeUndefined();
    expect(comparisonUploadType('')).toBeUndefined();
  });
});

describe('comparisonExampleCsv', () => {
  it('starts with a BOM and the column names, one value per line', () => {
    const csv = comparisonExampleCsv();
    expect(csv.startsWith('\uFEFF证件号码,数据元,值\r\n')).toBe(true);
    const lines = csv.slice(1).trim().split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toMatch(/,group\.disabled\.grade,二级$/);
    expect(lines[2]).toMatch(/,group\.disabled\.grade,2$/);
  });

  it('uses ID numbers whose check character is right', () => {
    const ids = comparisonExampleCsv()
      .slice(1)
      .trim()
      .split('\r\n')
      .slice(1)
      .map((line) => line.split(',')[0]!);
    for (const id of ids) expect(parseIdNumber(id, '2026-11-28').ok, id).toBe(true);
  });
});

describe('jobs', () => {
  it('counts mismatches, unknown people and invalid rows as needing attention, not matches', () => {
    expect(
      rowsNeedingAttention(job({ matched: 7, mismatched: 2, unknownSubject: 1, invalid: 3 })),
    ).toBe(6);
  });

  it('replaces listed jobs by their polled state and keeps the others', () => {
    const listed = [job({ id: 'a' }), job({ id: 'b', status: 'done', matched: 1 })];
    const merged = withPolledJobs(listed, [
      job({ id: 'a', status: 'done', matched: 5 }),
      undefined,
    ]);
    expect(merged.map((j) => [j.id, j.status, j.matched])).toEqual([
      ['a', 'done', 5],
      ['b', 'done', 1],
    ]);
  });
});
