import { rm } from 'node:fs/promises';
import {
  departmentTypes,
  DomainError,
  findDataElement,
  isWithin,
  requirePermission,
  type ComparisonJobView,
  type DataElement,
} from '@shequ/core';
import { sql, type Kysely, type Selectable } from 'kysely';
import { withChange } from '../../db/change-context';
import type { ComparisonJobTable, ComparisonOutcome, Database } from '../../db/schema';
import type { FieldCipher } from '../../crypto/field-cipher';
import type { ActorContext } from '../../http/context';
import type { AuditService } from '../audit/audit.service';
import { openTable, type TableRow, type TableSource } from '../imports/read-table';
import { documentIndexOf } from '../people/pii';
import { endsLinesWithLf, readComparisonCsv, type Piece } from './comparison-reader';
import {
  headerMapping,
  isBlankRow,
  prepareComparisonRow,
  stagedColumns,
  type Classified,
  type RowContext,
} from './comparison-rows';
import { cityOf, type CatalogService } from './catalog.service';
import { currentValue, type MembershipValues, type Subject } from './governed-values';
import {
  ambiguousSubjects,
  classifyAttribute,
  corroborateAll,
  disputeAll,
  findJob,
  findMemberships,
  findPeople,
  insertRows,
  jobsWithDepartment,
  stageColumns,
} from './comparison.repository';
import type { VerificationService } from './verification.service';

const CHUNK = 5000;

/**
 * Bulk comparison (批量比对): a department's file of values keyed by ID number — CSV, XLSX or
 * NDJSON — compared chunk by chunk with the community database. Matches corroborate values that
 * have a status and are counted; mismatches open (or update) a discrepancy for the verifier; the
 * rows that need attention (mismatch, unknown subject, invalid) are kept for the downloadable
 * detail file. Each chunk commits on its own.
 */
export class ComparisonService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly audit: AuditService,
    private readonly clock: () => Date,
    private readonly cipher: FieldCipher,
    private readonly catalog: CatalogService,
    private readonly verification: VerificationService,
  ) {}

  async start(
    ctx: ActorContext,
    input: { filePath: string; fileName: string; removeFile?: boolean },
  ): Promise<{ job: ComparisonJobView; done: Promise<ComparisonJobView> }> {
    requirePermission(ctx.actor, 'comparison:submit');
    const department = await this.verification.actingDepartment(ctx);
    const table = await openTable(input.filePath, { ndjson: true });
    const job = await this.db
      .insertInto('comparison_job')
      .values({
        department_id: department.id,
        department_type: department.type,
        region_code: department.scope,
        submitted_by: ctx.actor.userId,
        submitted_by_name: ctx.actor.displayName,
        file_name: input.fileName.slice(0, 200),
        status: 'running',
        created_at: this.clock(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await this.audit.record(null, ctx, {
      action: 'comparison.start',
      targetType: 'comparison_job',
      targetId: job.id,
      regionCode: department.scope,
      detail: { fileName: input.fileName, format: table.format },
    });
    const done = (async () => {
      try {
        await this.run(ctx, job, department, table, input.filePath);
      } catch (error) {
        await this.db
          .updateTable('comparison_job')
          .set({
            status: 'failed',
            error: error instanceof DomainError ? error.message : '比对失败：服务器内部错误',
            finished_at: this.clock(),
          })
          .where('id', '=', job.id)
          .execute();
        if (!(error instanceof DomainError)) throw error;
      } finally {
        if (input.removeFile) await rm(input.filePath, { force: true });
      }
      return this.view((await findJob(this.db, job.id))!);
    })();
    return { job: this.view(job), done };
  }

  async list(ctx: ActorContext): Promise<ComparisonJobView[]> {
    requirePermission(ctx.actor, 'comparison:submit');
    const department = await this.verification.actingDepartment(ctx);
    const rows = await jobsWithDepartment(this.db)
      .where('j.department_id', '=', department.id)
      .orderBy('j.created_at', 'desc')
      .limit(50)
      .execute();
    return rows.map((r) => this.view(r));
  }

  async get(ctx: ActorContext, id: string): Promise<ComparisonJobView> {
    return this.view(await this.visibleJob(ctx, id));
  }

  /** The rows that need attention, for the detail file (no ID numbers: row numbers point back). */
  async *detail(ctx: ActorContext, id: string) {
    const job = await this.visibleJob(ctx, id);
    let after = 0;
    for (;;) {
      const rows = await this.db
        .selectFrom('comparison_row')
        .selectAll()
        .where('job_id', '=', job.id)
        .where('row_no', '>', after)
        .orderBy('row_no')
        .limit(2000)
        .execute();
      if (rows.length === 0) return;
      yield rows;
      after = rows[rows.length - 1]!.row_no;
    }
  }

  private async visibleJob(ctx: ActorContext, id: string) {
    requirePermission(ctx.actor, 'comparison:submit');
    const department = await this.verification.actingDepartment(ctx);
    const job = await findJob(this.db, id);
    if (!job || job.department_id !== department.id) {
      throw new DomainError('NOT_FOUND', '该比对任务不存在或不属于本部门');
    }
    return job;
  }

  private async run(
    ctx: ActorContext,
    job: Selectable<ComparisonJobTable>,
    department: { id: string; type: string; scope: string },
    table: TableSource,
    filePath: string,
  ) {
    const elements = await this.catalog.elementsOf(cityOf(department.scope));
    const byCode = new Map(elements.map((e) => [e.code, e]));
    const pieces =
      table.format === 'csv' && (await endsLinesWithLf(filePath))
        ? readComparisonCsv(filePath, {
            encoding: table.encoding ?? 'utf-8',
            elements,
            departmentType: department.type,
            blindIndex: this.cipher.bulkBlindIndex(),
          })
        : this.piecesOf(table.rows, byCode, department.type);
    const totals = { total: 0, match: 0, mismatch: 0, unknown_subject: 0, invalid: 0 };
    let writing: Promise<void> = Promise.resolve();
    const stagedCounts = new Map<string, number>();
    for await (const piece of pieces) {
      for (const [code, n] of Object.entries(piece.staged.elements)) {
        stagedCounts.set(code, (stagedCounts.get(code) ?? 0) + n);
      }
      for (const r of piece.others) r.rowNo += piece.offset;
      const others = await this.lookUp(piece.others, department);
      await writing;
      writing = this.write(ctx, job.id, department, piece, others).then(async () => {
        for (const c of others) totals[c.outcome] += 1;
        totals.total += piece.staged.count + others.length;
        await this.db
          .updateTable('comparison_job')
          .set({ total_rows: totals.total })
          .where('id', '=', job.id)
          .execute();
      });
      writing.catch(() => undefined); // awaited at the next piece or the end
    }
    await writing;
    const staged = await this.classifyStaged(ctx, job.id, department, byCode, stagedCounts);
    for (const outcome of ['match', 'mismatch', 'unknown_subject', 'invalid'] as const) {
      totals[outcome] += staged[outcome];
    }
    await this.db
      .updateTable('comparison_job')
      .set({
        status: 'done',
        total_rows: totals.total,
        matched: totals.match,
        mismatched: totals.mismatch,
        unknown_subject: totals.unknown_subject,
        invalid: totals.invalid,
        finished_at: this.clock(),
      })
      .where('id', '=', job.id)
      .execute();
  }

  /** An XLSX or NDJSON file's rows in pieces of CHUNK, read in this thread. */
  private async *piecesOf(
    rows: AsyncGenerator<TableRow>,
    byCode: Map<string, DataElement>,
    departmentType: string,
  ): AsyncGenerator<Piece> {
    let context: RowContext | null = null;
    let chunk: Classified[] = [];
    const piece = (): Piece => {
      const staged = chunk.filter((r) => r.staged);
      const others = chunk.filter((r) => !r.staged);
      chunk = [];
      return { offset: 0, count: 0, staged: stagedColumns(staged), others };
    };
    for await (const row of rows) {
      if (!row.error && isBlankRow(row.cells)) continue;
      if (!context) {
        context = {
          mapping: headerMapping(row.cells),
          byCode,
          departmentType,
          documentIndex: (idNumber: string) => documentIndexOf(this.cipher, idNumber),
        };
        continue;
      }
      chunk.push(prepareComparisonRow(row.rowNo, row.cells, row.error ?? null, context));
      if (chunk.length >= CHUNK) yield piece();
    }
    if (!context) throw new DomainError('VALIDATION', '文件是空的：没有表头和数据');
    if (chunk.length > 0) yield piece();
  }

  /** Looks up the subjects of prepared rows that are not staged (register values); no writes. */
  private async lookUp(
    out: Classified[],
    department: { type: string; scope: string },
  ): Promise<Classified[]> {
    const wanted = out.filter((c) => c.element);
    const people = await findPeople(this.db, [...new Set(wanted.map((c) => c.subject!))]);
    const bySubject = new Map<string, (typeof people)[number][]>();
    for (const p of people)
      bySubject.set(p.document_bidx, [...(bySubject.get(p.document_bidx) ?? []), p]);
    const registers = wanted.some((c) => c.element!.source.kind !== 'person');
    const memberships = registers
      ? await findMemberships(
          this.db,
          people.map((p) => p.id),
        )
      : new Map<string, MembershipValues[]>();
    for (const c of wanted) {
      // an ID number two current records share is ambiguous wherever they are
      const all = bySubject.get(c.subject!) ?? [];
      const matches =
        all.length > 1 ? all : all.filter((p) => isWithin(p.region_code, department.scope));
      if (matches.length === 0) {
        Object.assign(c, {
          outcome: 'unknown_subject',
          message: '本部门辖区内没有该证件号码的人员',
        });
        continue;
      }
      if (matches.length > 1) {
        Object.assign(c, {
          outcome: 'invalid',
          message: '该证件号码对应多条人员记录，待合并后再比对',
        });
        continue;
      }
      const person = matches[0]!;
      const subject: Subject = { person, memberships: memberships.get(person.id) ?? [] };
      const ours = currentValue(c.element!, subject);
      Object.assign(c, {
        personId: person.id,
        regionCode: person.region_code,
        ourValue: ours,
        outcome: ours === c.normalized ? 'match' : 'mismatch',
      });
    }
    return out;
  }

  /** Writes one piece: its staged rows, detail rows, corroborations and discrepancies, in one transaction. */
  private async write(
    ctx: ActorContext,
    jobId: string,
    department: { id: string; type: string },
    piece: Piece,
    looked: readonly Classified[],
  ) {
    const now = this.clock();
    const change = {
      actorId: ctx.actor.userId,
      actorName: ctx.actor.displayName,
      source: 'comparison' as const,
      jobId,
      at: now,
    };
    await withChange(this.db, change, async (tx) => {
      await stageColumns(tx, jobId, piece.offset, piece.staged);
      // the detail file lists the rows that need attention; matches are counted, not kept
      await insertRows(
        tx,
        jobId,
        looked.filter((r) => r.outcome !== 'match'),
      );
      const matched = dedupe(looked.filter((r) => r.outcome === 'match'));
      const mismatched = dedupe(looked.filter((r) => r.outcome === 'mismatch'));
      if (matched.length > 0) await corroborateAll(tx, department, matched, ctx, now);
      if (mismatched.length > 0) await disputeAll(tx, jobId, department, mismatched, now);
    });
  }

  /**
   * Classifies the staged person-attribute rows with one join per element against `person` —
   * as the plain SQL join of the benchmark does — keeping the rows that need attention and
   * applying corroborations and discrepancies set-based, element by element, each in one
   * transaction. Returns the counts; the staged rows are dropped.
   */
  private async classifyStaged(
    ctx: ActorContext,
    jobId: string,
    department: { id: string; type: string; scope: string },
    byCode: Map<string, DataElement>,
    staged: ReadonlyMap<string, number>,
  ) {
    const counts = { match: 0, mismatch: 0, unknown_subject: 0, invalid: 0 };
    await sql`SELECT refresh_statistics(${['comparison_stage']}::text[])`.execute(this.db);
    const ambiguous = await ambiguousSubjects(this.db);
    const change = {
      actorId: ctx.actor.userId,
      actorName: ctx.actor.displayName,
      source: 'comparison' as const,
      jobId,
      at: this.clock(),
    };
    for (const [code, n] of staged) {
      const element = byCode.get(code)!;
      const found = await withChange(this.db, change, async (tx) => {
        // one large statement, run once: compiling it costs more than it saves
        await sql`SET LOCAL jit = off`.execute(tx);
        return classifyAttribute(tx, jobId, element, department, ambiguous, ctx, this.clock());
      });
      counts.mismatch += found.mismatch;
      counts.unknown_subject += found.unknown_subject;
      counts.invalid += found.invalid;
      counts.match += n - found.mismatch - found.unknown_subject - found.invalid;
    }
    await this.db.deleteFrom('comparison_stage').where('job_id', '=', jobId).execute();
    return counts;
  }

  private view(
    j: Selectable<ComparisonJobTable> & { department_name?: string },
  ): ComparisonJobView {
    return {
      id: j.id,
      status: j.status,
      fileName: j.file_name,
      departmentName:
        j.department_name ??
        departmentTypes.find((t) => t.code === j.department_type)?.name ??
        j.department_type,
      submittedByName: j.submitted_by_name,
      total: j.total_rows,
      matched: j.matched,
      mismatched: j.mismatched,
      unknownSubject: j.unknown_subject,
      invalid: j.invalid,
      error: j.error,
      createdAt: j.created_at.toISOString(),
      finishedAt: j.finished_at ? j.finished_at.toISOString() : null,
    };
  }
}

/** One row per (person, element): the last in the chunk wins (one upsert may not touch a row twice). */
function dedupe(rows: Classified[]): Classified[] {
  const byKey = new Map<string, Classified>();
  for (const r of rows) byKey.set(`${r.personId}|${r.elementCode}`, r);
  return [...byKey.values()];
}

/** A row of the detail file as people read it. */
export function detailRow(row: {
  row_no: number;
  element_code: string | null;
  their_value: string | null;
  our_value: string | null;
  outcome: ComparisonOutcome;
  message: string | null;
}) {
  const outcomeLabels: Record<ComparisonOutcome, string> = {
    match: '一致',
    mismatch: '不一致',
    unknown_subject: '查无此人',
    invalid: '无效',
  };
  const element = row.element_code ? findDataElement(row.element_code) : undefined;
  return [
    row.row_no,
    row.element_code ?? '',
    element?.name ?? '',
    row.their_value ?? '',
    row.our_value ?? '',
    outcomeLabels[row.outcome],
    row.message ?? '',
  ];
}
