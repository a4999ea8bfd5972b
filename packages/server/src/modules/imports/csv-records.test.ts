import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { parseCsvRecords, recordEnd } from './csv-records';

/** The options `read-table.ts` reads CSV uploads with: the parser must give what they give. */
const csvParseOptions = {
  relax_column_count: true,
  relax_quotes: true,
  skip_empty_lines: false,
  bom: true,
  trim: false,
};

/** csv-parse's records, or undefined where it refuses the input (an unclosed quote). */
function reference(text: string): string[][] | undefined {
  try {
    return parse(text, csvParseOptions) as string[][];
  } catch {
    return undefined;
  }
}

/** A small seeded PRNG (mulberry32), so every run sees the same inputs. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

/**
 * Random text over `a , " <eol> 汉`, with one line ending per input: csv-parse settles the record
 * delimiter from the first one it meets, so mixing them is a case of its own (not compared).
 */
function randomText(random: () => number, eol: string, maxLength = 24): string {
  const alphabet = ['a', ',', '"', eol, '汉'];
  const length = Math.floor(random() * maxLength);
  let text = '';
  for (let i = 0; i < length; i += 1) text += pick(random, alphabet);
  return text;
}

/**
 * Random well-formed CSV: quoted fields hold commas, doubled quotes and line breaks and are
 * followed by a delimiter or a line end; unquoted fields may hold a stray quote (not first).
 */
function randomWellFormed(random: () => number, eol: string): string {
  const records: string[] = [];
  const count = Math.floor(random() * 6);
  for (let r = 0; r < count; r += 1) {
    if (random() < 0.15) {
      records.push('');
      continue;
    }
    const fields: string[] = [];
    const width = 1 + Math.floor(random() * 4);
    for (let f = 0; f < width; f += 1) {
      const length = Math.floor(random() * 5);
      if (random() < 0.4) {
        let inner = '';
        for (let i = 0; i < length; i += 1) inner += pick(random, ['a', '汉', ',', '""', eol]);
        fields.push(`"${inner}"`);
      } else {
        let plain = '';
        for (let i = 0; i < length; i += 1) {
          plain += i === 0 ? pick(random, ['a', '汉']) : pick(random, ['a', '汉', '"']);
        }
        fields.push(plain);
      }
    }
    records.push(fields.join(','));
  }
  return records.join(eol) + (random() < 0.5 ? eol : '');
}

const utf8 = new TextEncoder();
const decoder = new TextDecoder();
const parseBytes = (bytes: Uint8Array) => parseCsvRecords(decoder.decode(bytes));

describe('parseCsvRecords', () => {
  it.each([
    ['a plain record', 'a,b,c'],
    ['quoted commas', '"a,b",c\n"x,,y",z\n'],
    ['doubled quotes', '"a""b",c\n"""",""""""\n'],
    ['a quoted LF line break', '"line 1\nline 2",x\ny\n'],
    ['a quoted CRLF line break', '"line 1\r\nline 2",x\r\ny\r\n'],
    ['CRLF records', 'a,b\r\nc,d\r\n'],
    ['LF records', 'a,b\nc,d\n'],
    ['no trailing line break', 'a,b\nc,d'],
    ['a trailing comma', 'a,b,\nc,\n'],
    ['a trailing comma at the very end', 'a,b\nc,'],
    ['only a comma', ','],
    ['blank lines (LF)', '\n\na\n\nb\n\n'],
    ['blank lines (CRLF)', '\r\n\r\na\r\n\r\nb\r\n\r\n'],
    ['a single line break', '\n'],
    ['a stray quote inside an unquoted field', 'a"b,c"d"\ne",f\n'],
    ['an empty quoted field', '"",a,""\n""\n'],
    ['a quote after leading spaces (not a quoted field)', ' "a",b\n'],
    ['a closing quote before the end of the text', 'a,"b"'],
    ['Chinese text', '证件号码,数据元,值\n110101199001011234,person.ethnicity,汉族\n'],
    ['Chinese text quoted', '"张三，李四","他说""你好""\n再见"\r\n'],
    ['empty input', ''],
  ])('gives what csv-parse gives: %s', (_name, text) => {
    expect(parseCsvRecords(text)).toEqual(reference(text));
  });

  it('keeps the text after a closing quote as csv-parse does', () => {
    // csv-parse (relax_quotes) keeps both quotes when text follows the closing one
    for (const text of ['"ab"c,d\n', 'x,"a"b\n', '"a"b"c",d\n']) {
      expect(parseCsvRecords(text), JSON.stringify(text)).toEqual(reference(text));
    }
  });

  it('gives what csv-parse gives on random text over a , " line breaks 汉', () => {
    const random = seeded(20240601);
    let compared = 0;
    const mismatches: string[] = [];
    const total = 400;
    for (let k = 0; k < total; k += 1) {
      const text = randomText(random, k % 2 === 0 ? '\n' : '\r\n');
      const expected = reference(text);
      if (!expected) continue;
      compared += 1;
      if (JSON.stringify(parseCsvRecords(text)) !== JSON.stringify(expected)) {
        mismatches.push(JSON.stringify(text));
      }
    }
    expect(compared).toBeGreaterThan(total / 2);
    expect(mismatches.slice(0, 5), `${mismatches.length} of ${compared} differ`).toEqual([]);
  });

  it('gives what csv-parse gives on random well-formed CSV', () => {
    const random = seeded(7);
    const total = 400;
    let compared = 0;
    for (let k = 0; k < total; k += 1) {
      const text = randomWellFormed(random, k % 2 === 0 ? '\n' : '\r\n');
      const expected = reference(text);
      if (!expected) continue;
      compared += 1;
      expect(parseCsvRecords(text), JSON.stringify(text)).toEqual(expected);
    }
    expect(compared).toBe(total);
  });
});

describe('recordEnd', () => {
  it('finds the end of the last and of the first whole record', () => {
    const bytes = utf8.encode('a,"x\ny"\nb\nc');
    expect(recordEnd(bytes)).toBe(utf8.encode('a,"x\ny"\nb\n').length);
    expect(recordEnd(bytes, true)).toBe(utf8.encode('a,"x\ny"\n').length);
    expect(recordEnd(utf8.encode('"a\nb'))).toBe(0);
    expect(recordEnd(utf8.encode('abc'), true)).toBe(0);
    expect(recordEnd(new Uint8Array(0))).toBe(0);
    expect(recordEnd(utf8.encode('\n'), true)).toBe(1);
  });

  it('cuts any prefix of random text where parsing the two parts separately changes nothing', () => {
    const random = seeded(99);
    let cuts = 0;
    for (let k = 0; k < 300; k += 1) {
      // mixed line endings too: the scanner and the parser agree on them whatever csv-parse does
      const text = randomText(random, pick(random, ['\n', '\r\n']), 30).replace(/\n/g, () =>
        random() < 0.5 ? '\r\n' : '\n',
      );
      const bytes = utf8.encode(text);
      const whole = parseBytes(bytes);
      for (let split = 0; split <= bytes.length; split += 1) {
        const end = recordEnd(bytes.subarray(0, split));
        expect(end).toBeLessThanOrEqual(split);
        if (end === 0) continue;
        expect(bytes[end - 1]).toBe(0x0a);
        cuts += 1;
        const parts = [...parseBytes(bytes.subarray(0, end)), ...parseBytes(bytes.subarray(end))];
        expect(parts, `${JSON.stringify(text)} cut at ${end}`).toEqual(whole);
      }
    }
    expect(cuts).toBeGreaterThan(1000);
  });

  it('with `first`, ends exactly the first record', () => {
    const random = seeded(31337);
    let checked = 0;
    for (let k = 0; k < 300; k += 1) {
      const text = randomText(random, pick(random, ['\n', '\r\n']), 30);
      const bytes = utf8.encode(text);
      const whole = parseBytes(bytes);
      const first = recordEnd(bytes, true);
      if (first === 0) {
        // no line break ends a record: the whole text is (at most) one record
        expect(whole.length).toBeLessThanOrEqual(1);
        continue;
      }
      checked += 1;
      expect(first).toBeLessThanOrEqual(recordEnd(bytes));
      expect(parseBytes(bytes.subarray(0, first)), JSON.stringify(text)).toEqual(whole.slice(0, 1));
      expect(parseBytes(bytes.subarray(first)), JSON.stringify(text)).toEqual(whole.slice(1));
    }
    expect(checked).toBeGreaterThan(150);
  });

  it('never cuts inside a multi-byte character', () => {
    const bytes = utf8.encode('汉,"字\n汉"\n字字\n');
    for (let split = 0; split <= bytes.length; split += 1) {
      const end = recordEnd(bytes.subarray(0, split));
      expect(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, end))).toBeTypeOf(
        'string',
      );
    }
  });
});
