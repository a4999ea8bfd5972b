import {
  DomainError,
  normalizeElementValue,
  type DataElement,
  type NormalizedValue,
} from '@shequ/core';
import type { ComparisonOutcome } from '../../db/schema';
import { comparisonRefusal } from './governed-values';

/** Where the wanted columns are in a department's file. */
export type ColumnMapping = Partial<Record<'idNumber' | 'elementCode' | 'value', number>>;

/** One row of a department's file, as the comparison classified it. */
export interface Classified {
  rowNo: number;
  subject: string | null;
  elementCode: string | null;
  theirValue: string | null;
  normalized: string | null;
  personId: string | null;
  regionCode: string | null;
  ourValue: string | null;
  outcome: ComparisonOutcome;
  message: string | null;
  element?: DataElement;
  /** A person attribute: staged and classified set-based after the file is read. */
  staged?: boolean;
}

/** What reading a row needs: the column mapping, the city's catalog, who compares, the blind index. */
export interface RowContext {
  mapping: ColumnMapping;
  byCode: ReadonlyMap<string, DataElement>;
  departmentType: string;
  documentIndex(idNumber: string): string;
}

const memos = new WeakMap<
  RowContext,
  { refusals: Map<string, string | null>; values: Map<string, NormalizedValue> }
>();

function memoOf(context: RowContext) {
  let memo = memos.get(context);
  if (!memo) {
    memo = { refusals: new Map(), values: new Map() };
    memos.set(context, memo);
  }
  return memo;
}

function cellOf(cells: readonly string[], i: number | undefined): string {
  return i === undefined ? '' : (cells[i] ?? '').trim();
}

/** Whether every cell of a row is blank (such rows are skipped). */
export function isBlankRow(cells: readonly string[]): boolean {
  return cells.every((c) => !c || !c.trim());
}

/**
 * One row of the file read without the database: its ID number keyed by the blind index, its
 * element found in the catalog and allowed to this department, its value normalised by the
 * element's type and code set. The outcome is `invalid` (with the reason) or, provisionally,
 * `match` — person attributes are then marked `staged`, the rest wait for a lookup.
 */
export function prepareComparisonRow(
  rowNo: number,
  cells: readonly string[],
  error: string | null,
  context: RowContext,
): Classified {
  const row: Classified = {
    rowNo,
    subject: null,
    elementCode: null,
    theirValue: null,
    normalized: null,
    personId: null,
    regionCode: null,
    ourValue: null,
    outcome: 'invalid',
    message: error,
  };
  if (error) return row;
  const idNumber = cellOf(cells, context.mapping.idNumber);
  const code = cellOf(cells, context.mapping.elementCode);
  row.elementCode = code || null;
  row.theirValue = cellOf(cells, context.mapping.value) || null;
  if (!idNumber) {
    row.message = '证件号码不能为空';
    return row;
  }
  row.subject = context.documentIndex(idNumber);
  const element = context.byCode.get(code);
  if (!element) {
    row.message = code ? `数据元 ${code} 不存在` : '数据元不能为空';
    return row;
  }
  const memo = memoOf(context);
  let refusal = memo.refusals.get(element.code);
  if (refusal === undefined) {
    refusal = comparisonRefusal(element, context.departmentType);
    memo.refusals.set(element.code, refusal);
  }
  if (refusal) {
    row.message = refusal;
    return row;
  }
  // a file holds few distinct values per element (汉族, 已婚 …): normalise each once
  const key = `${element.code}\u0000${row.theirValue ?? ''}`;
  let normalized = memo.values.get(key);
  if (!normalized) {
    normalized = normalizeElementValue(element, row.theirValue);
    if (memo.values.size < 100_000) memo.values.set(key, normalized);
  }
  if (!normalized.ok) {
    row.message = normalized.message;
    return row;
  }
  row.element = element;
  row.normalized = normalized.value;
  row.outcome = 'match';
  row.message = null;
  row.staged = element.source.kind === 'person';
  return row;
}

/**
 * A PostgreSQL array literal of text values (`{"a",NULL,"b\"c"}`), passed as one text parameter
 * and cast in SQL: the driver sends it as is, the server parses it in C. Far cheaper for large
 * batches than binding a JavaScript array, which the driver escapes element by element.
 */
export function arrayLiteral(values: readonly (string | number | null)[]): string {
  const items = new Array<string>(values.length);
  for (let i = 0; i < values.length; i += 1) {
    const v = values[i];
    items[i] =
      v === null || v === undefined
        ? 'NULL'
        : typeof v === 'number'
          ? String(v)
          : `"${NEEDS_ESCAPE.test(v) ? v.replace(ESCAPED, '\\$&') : v}"`;
  }
  return `{${items.join(',')}}`;
}

const NEEDS_ESCAPE = /[\\"]/;
const ESCAPED = /[\\"]/g;

/** The staged rows of a batch, one array literal per column of `comparison_stage`. */
export interface StagedColumns {
  count: number;
  /** Rows per element code. */
  elements: Record<string, number>;
  rowNos: string;
  subjects: string;
  elementCodes: string;
  theirValues: string;
  normalized: string;
}

export function stagedColumns(rows: readonly Classified[]): StagedColumns {
  const elements: Record<string, number> = {};
  for (const r of rows) elements[r.elementCode!] = (elements[r.elementCode!] ?? 0) + 1;
  return {
    count: rows.length,
    elements,
    rowNos: arrayLiteral(rows.map((r) => r.rowNo)),
    subjects: arrayLiteral(rows.map((r) => r.subject)),
    elementCodes: arrayLiteral(rows.map((r) => r.elementCode)),
    theirValues: arrayLiteral(rows.map((r) => r.theirValue)),
    normalized: arrayLiteral(rows.map((r) => r.normalized)),
  };
}

/** Header names a department's file may use for each column (Chinese first, then API names). */
const headerNames = {
  idNumber: ['证件号码', '身份证号', '身份证号码', '公民身份号码', 'idnumber', 'id_number'],
  elementCode: ['数据元', '数据元代码', '数据元编码', 'elementcode', 'element_code', 'element'],
  value: ['值', '比对值', '部门值', 'value'],
} as const;
type Column = keyof typeof headerNames;

/** The column each wanted field is in, by header name (case and spaces ignored). */
export function headerMapping(headers: readonly string[]): ColumnMapping {
  const clean = headers.map((h) => (h ?? '').replace(/\s+/g, '').toLowerCase());
  const mapping: ColumnMapping = {};
  const missing: string[] = [];
  for (const column of Object.keys(headerNames) as Column[]) {
    const i = clean.findIndex((h) => (headerNames[column] as readonly string[]).includes(h));
    if (i >= 0) mapping[column] = i;
    else missing.push(headerNames[column][0]);
  }
  if (missing.length > 0) {
    throw new DomainError('VALIDATION', `文件缺少必填列：${missing.join('、')}（第一行应为表头）`, [
      { path: 'file', message: `缺少列：${missing.join('、')}` },
    ]);
  }
  return mapping;
}
