import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { DomainError, type DataElement } from '@shequ/core';
import { parseCsvRecords, recordEnd } from '../imports/csv-records';
import { documentIndexInput } from '../people/pii';
import {
  headerMapping,
  isBlankRow,
  prepareComparisonRow,
  stagedColumns,
  type Classified,
  type ColumnMapping,
  type RowContext,
  type StagedColumns,
} from './comparison-rows';

/** What reading pieces of a file needs to know. */
export interface PieceSetup {
  encoding: string;
  mapping: ColumnMapping;
  elements: readonly DataElement[];
  departmentType: string;
  /** The blind index of a normalised value (`FieldCipher#bulkBlindIndex`). */
  blindIndex: (value: string) => string;
}

/**
 * A piece of the file read: `count` records (blank ones included: they keep their row numbers),
 * row numbers local to the piece (1 = its first record). Person attributes come as staged
 * columns, the other rows (invalid ones, register values) as rows.
 */
export interface PieceResult {
  count: number;
  staged: StagedColumns;
  others: Classified[];
}

export function rowContext(setup: PieceSetup): RowContext {
  return {
    mapping: setup.mapping,
    byCode: new Map(setup.elements.map((e) => [e.code, e])),
    departmentType: setup.departmentType,
    documentIndex: (idNumber) => setup.blindIndex(documentIndexInput(idNumber)),
  };
}

/** A text decoder for the file's encoding (`new TextDecoder(encoding)`). */
export interface Decoder {
  decode(bytes: Uint8Array): string;
}

/** Reads one piece of whole CSV records: decode, parse, prepare each row. */
export function readPiece(bytes: Uint8Array, decoder: Decoder, context: RowContext): PieceResult {
  const records = parseCsvRecords(decoder.decode(bytes));
  const staged: Classified[] = [];
  const others: Classified[] = [];
  for (let k = 0; k < records.length; k += 1) {
    const cells = records[k]!;
    if (isBlankRow(cells)) continue;
    const row = prepareComparisonRow(k + 1, cells, null, context);
    if (row.staged) staged.push(row);
    else others.push(row);
  }
  return { count: records.length, staged: stagedColumns(staged), others };
}

/** A piece read, with the row number its local numbers start after. */
export interface Piece extends PieceResult {
  offset: number;
}

const PIECE_BYTES = 1 << 20;

/**
 * Reads a department's CSV file in pieces of about a mebibyte of whole records: each piece is
 * decoded, parsed and its rows prepared (blind index, catalog, normalisation) in one go, so a
 * million rows take seconds (docs/BENCHMARKS.md, compare). The header — the first non-blank
 * record — gives the column mapping; a file without the wanted columns is refused before any row
 * is read.
 */
export async function* readComparisonCsv(
  filePath: string,
  setup: Omit<PieceSetup, 'mapping'>,
  pieceBytes = PIECE_BYTES,
): AsyncGenerator<Piece> {
  const decoder = new TextDecoder(setup.encoding);
  const input = createReadStream(filePath, { highWaterMark: pieceBytes });
  let pending: Buffer = Buffer.alloc(0);
  let offset = 0;
  let context: RowContext | null = null;
  const read = (bytes: Uint8Array): Piece => {
    const piece = { ...readPiece(bytes, decoder, context!), offset };
    offset += piece.count;
    return piece;
  };
  try {
    for await (const data of input as AsyncIterable<Buffer>) {
      pending = pending.length === 0 ? data : Buffer.concat([pending, data]);
      if (!context) {
        const header = readHeader(pending, decoder, false);
        pending = header.rest;
        offset += header.records;
        if (!header.mapping) continue;
        context = rowContext({ ...setup, mapping: header.mapping });
      }
      if (pending.length < pieceBytes) continue;
      const end = recordEnd(pending);
      if (end === 0) continue; // a record longer than a piece: wait for its end
      yield read(pending.subarray(0, end));
      pending = pending.subarray(end);
    }
    if (!context) {
      const header = readHeader(pending, decoder, true);
      pending = header.rest;
      offset += header.records;
      if (!header.mapping) throw new DomainError('VALIDATION', '文件是空的：没有表头和数据');
      context = rowContext({ ...setup, mapping: header.mapping });
    }
    if (pending.length > 0) yield read(pending);
  } finally {
    input.destroy();
  }
}

/**
 * Whether the fast reader can read the file: its lines end in LF (or CRLF). A file whose lines
 * end in CR alone (old Mac Excel) goes through the general CSV reader.
 */
export async function endsLinesWithLf(filePath: string): Promise<boolean> {
  const handle = await open(filePath, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(64 * 1024), 0, 64 * 1024, 0);
    const head = buffer.subarray(0, bytesRead);
    return head.includes(0x0a) || !head.includes(0x0d);
  } finally {
    await handle.close();
  }
}

/**
 * Finds the header — the first non-blank record — at the start of `pending`; blank records before
 * it count as rows. The mapping stays null while the header's end is not yet read.
 */
function readHeader(
  pending: Buffer,
  decoder: Decoder,
  atEnd: boolean,
): { mapping: ColumnMapping | null; rest: Buffer; records: number } {
  let rest = pending;
  let records = 0;
  for (;;) {
    let end = recordEnd(rest, true);
    if (end === 0) {
      if (!atEnd || rest.length === 0) return { mapping: null, rest, records };
      end = rest.length;
    }
    // the first bytes of the file: the decoder drops a UTF-8 byte-order mark
    const [cells = ['']] = parseCsvRecords(decoder.decode(rest.subarray(0, end)));
    rest = rest.subarray(end);
    records += 1;
    if (!isBlankRow(cells)) return { mapping: headerMapping(cells), rest, records };
  }
}
