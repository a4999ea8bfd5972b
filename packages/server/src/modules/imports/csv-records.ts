/**
 * A fast CSV reader for large uploads that are cut into pieces and parsed in parallel: a byte
 * scanner that finds where complete records end (so a piece never splits a record, even a quoted
 * field with a line break in it), and a parser for a piece of whole records.
 *
 * Both follow one state machine, the one `csv-parse` uses with `relax_quotes`: a field that starts
 * with `"` is quoted until a `"` that is not doubled; a `"` anywhere else is an ordinary character.
 * Records end at LF (a CR before it is dropped); a blank line is a record with one empty cell.
 * The delimiter is the comma. GBK/GB18030 and UTF-8 never use the bytes of `"`, `,`, CR or LF
 * inside a multi-byte character, so scanning bytes is safe in every encoding a file may have.
 */

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;

/** Scanner states between bytes. */
const FIELD_START = 0;
const UNQUOTED = 1;
const QUOTED = 2;
const QUOTE_IN_QUOTED = 3;

/**
 * The offset just after the last LF that ends a record in `bytes` — or, with `first`, the first
 * such LF — scanning from the start of a record; 0 when no record ends there.
 */
export function recordEnd(bytes: Uint8Array, first = false): number {
  let state = FIELD_START;
  let end = 0;
  for (let i = 0; i < bytes.length; i += 1) {
    const b = bytes[i]!;
    if (state === QUOTED) {
      if (b === QUOTE) state = QUOTE_IN_QUOTED;
      continue;
    }
    if (state === QUOTE_IN_QUOTED && b === QUOTE) {
      state = QUOTED;
      continue;
    }
    if (b === COMMA) state = FIELD_START;
    else if (b === LF) {
      state = FIELD_START;
      end = i + 1;
      if (first) return end;
    } else if (b === QUOTE && state === FIELD_START) state = QUOTED;
    else state = UNQUOTED;
  }
  return end;
}

/**
 * The records of `text`, which holds whole records (its last may lack the final line break).
 * Cells are not trimmed; a trailing line break does not make an extra record.
 */
export function parseCsvRecords(text: string): string[][] {
  const records: string[][] = [];
  let cells: string[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    let cell: string;
    if (text.charCodeAt(i) === QUOTE) {
      // quoted: up to a quote that is not doubled; text after the closing quote keeps the quotes
      // and that text as written (as csv-parse with relax_quotes reads it)
      let value = '';
      let from = i + 1;
      for (;;) {
        const q = text.indexOf('"', from);
        if (q < 0) {
          value += text.slice(from);
          i = n;
          break;
        }
        value += text.slice(from, q);
        if (text.charCodeAt(q + 1) === QUOTE) {
          value += '"';
          from = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      const end = nextBreak(text, i);
      const after = end > i && !(end === i + 1 && text.charCodeAt(i) === CR);
      cell = after ? `"${value}"${text.slice(i, end)}` : value;
      i = end;
    } else {
      const end = nextBreak(text, i);
      cell = text.slice(i, end);
      i = end;
    }
    if (i < n && text.charCodeAt(i) === COMMA) {
      cells.push(cell);
      i += 1;
      if (i === n) cells.push(''); // `a,` at the very end: a last empty cell
      continue;
    }
    // end of record: LF, or the end of the text
    cells.push(cell.endsWith('\r') ? cell.slice(0, -1) : cell);
    records.push(cells);
    cells = [];
    i += 1;
  }
  if (cells.length > 0) records.push(cells);
  return records;
}

/** The index of the next comma or LF at or after `from` (or the end of the text). */
function nextBreak(text: string, from: number): number {
  const comma = text.indexOf(',', from);
  const lf = text.indexOf('\n', from);
  if (comma < 0) return lf < 0 ? text.length : lf;
  if (lf < 0) return comma;
  return comma < lf ? comma : lf;
}
