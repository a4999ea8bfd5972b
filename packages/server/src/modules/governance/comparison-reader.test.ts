import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DomainError, defaultDataElements } from '@shequ/core';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { FieldCipher } from '../../crypto/field-cipher';
import { documentIndexInput } from '../people/pii';
import { readComparisonCsv, type Piece } from './comparison-reader';
import { arrayLiteral } from './comparison-rows';

const dir = mkdtempSync(path.join(tmpdir(), 'shequ-comparison-reader-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cipher = FieldCipher.ephemeral();

function setupFor(encoding = 'utf-8') {
  return {
    encoding,
    elements: defaultDataElements,
    departmentType: 'civil_affairs',
    blindIndex: cipher.bulkBlindIndex(),
  };
}

let files = 0;
function writeTemp(content: string | Buffer): string {
  files += 1;
  const file = path.join(dir, `department-${files}.csv`);
  writeFileSync(file, content);
  return file;
}

async function readAll(file: string, pieceBytes?: number, encoding?: string): Promise<Piece[]> {
  const pieces: Piece[] = [];
  for await (const piece of readComparisonCsv(file, setupFor(encoding), pieceBytes)) {
    pieces.push(piece);
  }
  return pieces;
}

/** The items of a PostgreSQL array literal as `arrayLiteral` writes it (`{"a",NULL,"b\"c",7}`). */
function parseArrayLiteral(literal: string): (string | null)[] {
  expect(literal.startsWith('{') && literal.endsWith('}')).toBe(true);
  const body = literal.slice(1, -1);
  const items: (string | null)[] = [];
  let i = 0;
  while (i < body.length) {
    if (body[i] === '"') {
      let value = '';
      i += 1;
      while (body[i] !== '"') {
        if (body[i] === '\\') i += 1;
        value += body[i];
        i += 1;
      }
      items.push(value);
      i += 1;
    } else {
      const end = body.indexOf(',', i) < 0 ? body.length : body.indexOf(',', i);
      const token = body.slice(i, end);
      items.push(token === 'NULL' ? null : token);
      i = end;
    }
    if (body[i] === ',') i += 1;
  }
  return items;
}

interface Row {
  rowNo: number;
  subject: string | null;
  elementCode: string | null;
  theirValue: string | null;
  normalized: string | null;
}

/** Every row of every piece, numbered in the file: the piece's offset plus the local number. */
function rowsOf(pieces: readonly Piece[]) {
  const staged: Row[] = [];
  const others: (Row & { message: string | null; outcome: string })[] = [];
  let next = pieces[0]?.offset ?? 0;
  for (const piece of pieces) {
    expect(piece.offset).toBe(next); // pieces follow each other without gaps
    next = piece.offset + piece.count;
    const rowNos = parseArrayLiteral(piece.staged.rowNos);
    const subjects = parseArrayLiteral(piece.staged.subjects);
    const codes = parseArrayLiteral(piece.staged.elementCodes);
    const values = parseArrayLiteral(piece.staged.theirValues);
    const normalized = parseArrayLiteral(piece.staged.normalized);
    expect(rowNos).toHaveLength(piece.staged.count);
    for (const column of [subjects, codes, values, normalized]) {
      expect(column).toHaveLength(piece.staged.count);
    }
    rowNos.forEach((local, k) => {
      expect(Number(local)).toBeGreaterThanOrEqual(1);
      expect(Number(local)).toBeLessThanOrEqual(piece.count);
      staged.push({
        rowNo: piece.offset + Number(local),
        subject: subjects[k]!,
        elementCode: codes[k]!,
        theirValue: values[k]!,
        normalized: normalized[k]!,
      });
    });
    for (const row of piece.others) {
      expect(row.rowNo).toBeGreaterThanOrEqual(1);
      expect(row.rowNo).toBeLessThanOrEqual(piece.count);
      others.push({
        rowNo: piece.offset + row.rowNo,
        subject: row.subject,
        elementCode: row.elementCode,
        theirValue: row.theirValue,
        normalized: row.normalized,
        message: row.message,
        outcome: row.outcome,
      });
    }
  }
  return { staged, others, records: next };
}

const subjectOf = (idNumber: string) => cipher.blindIndex(documentIndexInput(idNumber));
const idNumber = (i: number) => `1101051990010${String(1000 + i).slice(1)}X`;

/**
 * A department's file as records (one per line, except a quoted field's line breaks) with what
 * each data row should come back as; row numbers count records, the header and blank ones too.
 */
function departmentFile(eol: string) {
  const records: string[] = ['', ',,', '证件号码,数据元,值,备注'];
  const staged: Row[] = [];
  const others: {
    rowNo: number;
    subject: string;
    elementCode: string;
    outcome: 'invalid' | 'match';
    message: RegExp | null;
  }[] = [];
  const note = Array.from({ length: 12 }, (_, k) => `备注第${k + 1}行`).join(eol);
  for (let i = 0; i < 60; i += 1) {
    const id = idNumber(i);
    if (i % 7 === 3) records.push(''); // blank lines between rows keep their numbers
    if (i % 11 === 5) {
      records.push(`${id},unknown.element,汉族`);
      others.push({
        rowNo: records.length,
        subject: subjectOf(id),
        elementCode: 'unknown.element',
        outcome: 'invalid',
        message: /数据元 unknown\.element 不存在/,
      });
      continue;
    }
    if (i % 13 === 8) {
      records.push(`${id},person.ethnicity,火星族`);
      others.push({
        rowNo: records.length,
        subject: subjectOf(id),
        elementCode: 'person.ethnicity',
        outcome: 'invalid',
        message: /火星族/,
      });
      continue;
    }
    if (i % 17 === 9) {
      records.push(`${id},group.minimum_living,是`);
      // a register value: not a person attribute, it waits for a lookup
      others.push({
        rowNo: records.length,
        subject: subjectOf(id),
        elementCode: 'group.minimum_living',
        outcome: 'match',
        message: null,
      });
      continue;
    }
    // a quoted field with line breaks, far longer than a piece, every so often
    records.push(
      i % 10 === 4
        ? `${id},person.ethnicity," 汉族 ","${note}"`
        : `${id.toLowerCase()},person.ethnicity,汉族`,
    );
    staged.push({
      rowNo: records.length,
      subject: subjectOf(id),
      elementCode: 'person.ethnicity',
      theirValue: '汉族',
      normalized: '01',
    });
  }
  records.push('', '');
  return { text: records.join(eol) + eol, records: records.length, staged, others };
}

function expectRows(pieces: readonly Piece[], expected: ReturnType<typeof departmentFile>) {
  const { staged, others, records } = rowsOf(pieces);
  expect(records).toBe(expected.records);
  expect(staged).toEqual(expected.staged);
  expect(
    others.map(({ rowNo, subject, elementCode, outcome }) => ({
      rowNo,
      subject,
      elementCode,
      outcome,
    })),
  ).toEqual(expected.others.map(({ message: _message, ...rest }) => rest));
  others.forEach((row, k) => {
    const message = expected.others[k]!.message;
    if (message) expect(row.message).toMatch(message);
    else expect(row.message).toBeNull();
  });
}

describe('reading a department comparison file in pieces', () => {
  for (const eol of ['\n', '\r\n']) {
    const name = eol === '\n' ? 'LF' : 'CRLF';

    it(`keeps every row's number across many small pieces (${name})`, async () => {
      const expected = departmentFile(eol);
      const file = writeTemp(expected.text);
      const pieces = await readAll(file, 64);
      expect(pieces.length).toBeGreaterThan(20);
      // the header and the blank records before it come before the first piece
      expect(pieces[0]!.offset).toBe(3);
      expectRows(pieces, expected);
    });
  }

  it('reads the same rows whatever the piece size', async () => {
    const expected = departmentFile('\r\n');
    const file = writeTemp(expected.text);
    for (const pieceBytes of [1, 17, 64, 300, 4096, undefined]) {
      expectRows(await readAll(file, pieceBytes), expected);
    }
    expect(await readAll(file)).toHaveLength(1);
  });

  it('does not split a quoted line break that straddles a piece boundary', async () => {
    const head = `证件号码,数据元,值,备注\n${idNumber(1)},person.ethnicity,汉族\n`;
    const open = `${idNumber(2)},person.ethnicity,汉族,"跨越`;
    // pad so that the line break inside the quotes is the last byte of a 64-byte read
    const pad = (64 - ((Buffer.byteLength(head + open) + 1) % 64)) % 64;
    const text = `${head}${open}${'x'.repeat(pad)}\n分片"\n${idNumber(3)},person.ethnicity,汉族\n`;
    const quotedBreak = Buffer.byteLength(head + open) + pad;
    expect((quotedBreak + 1) % 64).toBe(0);
    expect(quotedBreak).toBeGreaterThan(64);
    const pieces = await readAll(writeTemp(text), 64);
    const { staged, others, records } = rowsOf(pieces);
    expect(others).toEqual([]);
    expect(records).toBe(4);
    expect(staged.map((r) => r.rowNo)).toEqual([2, 3, 4]);
    expect(staged.map((r) => r.subject)).toEqual([1, 2, 3].map((i) => subjectOf(idNumber(i))));
  });

  it('reads a UTF-8 file with a byte-order mark', async () => {
    const expected = departmentFile('\r\n');
    expectRows(await readAll(writeTemp(`\ufeff${expected.text}`), 64), expected);
    // the mark right before the header
    const text = `\ufeff证件号码,数据元,值\n${idNumber(1)},person.ethnicity,汉族\n`;
    const { staged } = rowsOf(await readAll(writeTemp(text), 64));
    expect(staged.map((r) => [r.rowNo, r.normalized])).toEqual([[2, '01']]);
  });

  it('reads a GB18030 file', async () => {
    const expected = departmentFile('\r\n');
    const file = writeTemp(iconv.encode(expected.text, 'gb18030'));
    expectRows(await readAll(file, 64, 'gb18030'), expected);
  });

  it('finds no rows in a file with only a header', async () => {
    for (const text of [
      '证件号码,数据元,值',
      '证件号码,数据元,值\r\n',
      '\n证件号码,数据元,值\n\n\n',
    ]) {
      const { staged, others } = rowsOf(await readAll(writeTemp(text), 64));
      expect(staged).toEqual([]);
      expect(others).toEqual([]);
    }
  });

  it('reads a last row without a line break', async () => {
    const text = `证件号码,数据元,值\n\n${idNumber(1)},person.ethnicity,汉族`;
    const { staged, records } = rowsOf(await readAll(writeTemp(text), 8));
    expect(records).toBe(3);
    expect(staged.map((r) => r.rowNo)).toEqual([3]);
  });

  it('refuses an empty file', async () => {
    for (const content of ['', '\n\n', '\r\n,,\r\n']) {
      const error = await readAll(writeTemp(content), 64).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe('VALIDATION');
      expect((error as DomainError).message).toMatch(/^文件是空的/);
    }
  });

  it('refuses a file without a wanted column, naming it', async () => {
    const text = `证件号码,值\n${idNumber(1)},汉族\n`;
    const error = await readAll(writeTemp(text), 64).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('VALIDATION');
    expect((error as DomainError).message).toContain('数据元');
    expect((error as DomainError).message).not.toContain('证件号码');
  });

  it('writes array literals the helper reads back', () => {
    const values = ['a', null, 'b"c', 'd\\e', '', '汉,族', 7];
    expect(parseArrayLiteral(arrayLiteral(values))).toEqual(
      values.map((v) => (v === null ? null : String(v))),
    );
    expect(parseArrayLiteral(arrayLiteral([]))).toEqual([]);
  });
});
