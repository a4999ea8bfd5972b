import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';

/** One row of a table file: its row number as a spreadsheet shows it, and its cells as text. */
export interface TableRow {
  rowNo: number;
  cells: string[];
  /** Set when the line could not be read at all (a malformed NDJSON line). */
  error?: string;
}

export interface TableSource {
  format: 'xlsx' | 'csv' | 'ndjson';
  /** For CSV: utf-8 or gb18030 (which reads GBK and GB2312 too). */
  encoding: string | null;
  rows: AsyncGenerator<TableRow>;
}

const SNIFF_BYTES = 64 * 1024;

/**
 * Opens an uploaded table for streaming: XLSX by its ZIP signature, otherwise CSV whose encoding is
 * detected — a UTF-8 BOM or valid UTF-8 in the first 64 KiB means UTF-8, anything else is read as
 * GB18030, the superset of GBK that Excel in Chinese Windows writes.
 */
export async function openTable(
  filePath: string,
  options: { ndjson?: boolean } = {},
): Promise<TableSource> {
  const handle = await open(filePath, 'r');
  let head: Buffer;
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
    head = buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  if (head.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) {
    return { format: 'xlsx', encoding: null, rows: xlsxRows(filePath) };
  }
  if (options.ndjson && head.toString('utf8').trimStart().startsWith('{')) {
    return { format: 'ndjson', encoding: 'utf-8', rows: ndjsonRows(filePath) };
  }
  const encoding = detectEncoding(head);
  return { format: 'csv', encoding, rows: csvRows(createReadStream(filePath), encoding) };
}

/**
 * NDJSON (one JSON object per line) as a table: the first object's keys are the header row, each
 * line's values are cells in that order. Blank lines are skipped; a line that is not a JSON object
 * comes back with an error instead of cells.
 */
async function* ndjsonRows(filePath: string): AsyncGenerator<TableRow> {
  const lines = createInterface({ input: createReadStream(filePath), crlfDelay: Infinity });
  let header: string[] | null = null;
  let rowNo = 0;
  for await (const line of lines) {
    rowNo += 1;
    if (!line.trim()) continue;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch {
      record = undefined;
    }
    if (!record || typeof record !== 'object' || Array.isArray(record)) {
      yield { rowNo, cells: [], error: '该行不是有效的 JSON 对象' };
      continue;
    }
    const values = record as Record<string, unknown>;
    if (!header) {
      header = Object.keys(values);
      yield { rowNo: 0, cells: header };
    }
    yield {
      rowNo,
      cells: header.map((key) => {
        const v = values[key];
        return v === null || v === undefined
          ? ''
          : typeof v === 'object'
            ? JSON.stringify(v)
            : String(v);
      }),
    };
  }
}

export function detectEncoding(head: Buffer): 'utf-8' | 'gb18030' {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  try {
    // stream: a character cut at the end of the sample is incomplete, not invalid
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: head.length === SNIFF_BYTES });
    return 'utf-8';
  } catch {
    return 'gb18030';
  }
}

async function* csvRows(input: Readable, encoding: string): AsyncGenerator<TableRow> {
  const parser = input.pipe(iconv.decodeStream(encoding, { stripBOM: true })).pipe(
    parse({
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      bom: true,
      trim: false,
    }),
  );
  let rowNo = 0;
  for await (const record of parser as AsyncIterable<string[]>) {
    rowNo += 1;
    yield { rowNo, cells: record };
  }
}

async function* xlsxRows(filePath: string): AsyncGenerator<TableRow> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(filePath, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    worksheets: 'emit',
  });
  for await (const sheet of reader) {
    for await (const row of sheet) {
      const cells: string[] = [];
      row.eachCell({ includeEmpty: true }, (cell, col) => {
        cells[col - 1] = cellText(cell.value);
      });
      for (let i = 0; i < cells.length; i += 1) cells[i] ??= '';
      yield { rowNo: row.number, cells };
    }
    return; // the first worksheet only
  }
}

/** A cell as the text a person sees: dates as YYYY-MM-DD, rich text flattened, formulas' results. */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'number') {
    // 11010519491231002X typed as a number loses digits in Excel; keep what is there so the
    // row is rejected with the ID number named, not silently altered
    return Number.isInteger(value) ? value.toFixed(0) : String(value);
  }
  if (typeof value === 'string' || typeof value === 'boolean') return String(value);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('text' in value) return String(value.text);
    if ('error' in value) return '';
  }
  return '';
}
