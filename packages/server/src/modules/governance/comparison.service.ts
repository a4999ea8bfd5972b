import { rm } from 'node:fs/promises';
import {
  departmentTypes,
  DomainError,
  findDataElement,
  isWithin,
  normalizeElementValue,
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
import { openTable, type TableRow } from '../imports/read-table';
import { documentIndexOf } from '../people/pii';
import { cityOf, type CatalogService } from './catalog.service';
import {
  comparisonRefusal,
  currentValue,
  type MembershipValues,
  type Subject,
} from './governed-values';
import {
  classifyAttribute,
  corroborateAll,
  disputeAll,
  findJob,
  findMemberships,
  findPeople,
  insertRows,
  jobsWithDepartment,
  stageRows,
  type Classified,
} from './comparison.repository';
import type { VerificationService } from './verification.service';

const CHUNK = 5000;

/** Header names a department's file may use for each column (Chinese first, then API names). */
const headerNames = {
  idNumber: ['证件号码', '身份证号', '身份证号码', '公民身份号码', 'idnumber', 'id_number'],
  elementCode: ['数据元', '数据元代码', '数据元编码', 'elementcode', 'element_code', 'element'],
  value: ['值', '比对值', '部门值', 'value'],
} as const;
type Column = keyof typeof headerNames;

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
        await this.run(ctx, job, department, table.rows);
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
    rows: AsyncGenerator<TableRow>,
  ) {
    const elements = await this.catalog.elementsOf(cityOf(department.scope));
    const byCode = new Map(elements.map((e) => [e.code, e]));
    let mapping: Partial<Record<Column, number>> | null = null;
    let chunk: TableRow[] = [];
    const totals = { total: 0, match: 0, mismatch: 0, unknown_subject: 0, invalid: 0 };
    let writing: Promise<void> = Promise.resolve();
    const flush = async () => {
      const classified = await this.classify(chunk, mapping!, byCode, department);
      chunk = [];
      await writing;
      writing = this.write(ctx, job.id, department, classified).then(async () => {
        for (const c of classified) if (!c.staged) totals[c.outcome] += 1;
        totals.total += classified.length;
        await this.db
          .updateTable('comparison_job')
          .set({ total_rows: totals.total })
          .where('id', '=', job.id)
          .execute();
      });
      writing.catch(() => undefined); // awaited at the next flush or the end
    };
    for await (const row of rows) {
      if (!row.error && row.cells.every((c) => !c || !c.trim())) continue;
      if (!mapping) {
        mapping = headerMapping(row.cells);
        continue;
      }
      chunk.push(row);
      if (chunk.length >= CHUNK) await flush();
    }
    if (!mapping) throw new DomainError('VALIDATION', '文件是空的：没有表头和数据');
    if (chunk.length > 0) await flush();
    await writing;
    const staged = await this.classifyStaged(ctx, job.id, department, byCode);
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

  /** Parses, normalises and looks up one chunk; no writes. */
  private async classify(
    chunk: readonly TableRow[],
    mapping: Partial<Record<Column, number>>,
    byCode: Map<string, DataElement>,
    department: { type: string; scope: string },
  ): Promise<Classified[]> {
    const out: Classified[] = [];
    const cell = (row: TableRow, column: Column) => {
      const i = mapping[column];
      return i === undefined ? '' : (row.cells[i] ?? '').trim();
    };
    for (const row of chunk) {
      const base: Classified = {
        rowNo: row.rowNo,
        subject: null,
        elementCode: null,
        theirValue: null,
        normalized: null,
        personId: null,
        regionCode: null,
        ourValue: null,
        outcome: 'invalid',
        message: row.error ?? null,
      };
      if (row.error) {
        out.push(base);
        continue;
      }
      const idNumber = cell(row, 'idNumber');
      const code = cell(row, 'elementCode');
      base.elementCode = code || null;
      base.theirValue = cell(row, 'value') || null;
      const element = byCode.get(code);
      if (!idNumber) {
        out.push({ ...base, message: '证件号码不能为空' });
        continue;
      }
      base.subject = documentIndexOf(this.cipher, idNumber);
      if (!element) {
        out.push({ ...base, message: code ? `数据元 ${code} 不存在` : '数据元不能为空' });
        continue;
      }
      const refusal = comparisonRefusal(element, department.type);
      if (refusal) {
        out.push({ ...base, message: refusal });
        continue;
      }
      const normalized = normalizeElementValue(element, base.theirValue);
      if (!normalized.ok) {
        out.push({ ...base, message: normalized.message });
        continue;
      }
      out.push({
        ...base,
        element,
        normalized: normalized.value,
        outcome: 'match',
        staged: element.source.kind === 'person',
      });
    }
    const wanted = out.filter((c) => c.element && !c.staged);
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

  /** Writes one classified chunk: its rows, corroborations and discrepancies, in one transaction. */
  private async write(
    ctx: ActorContext,
    jobId: string,
    department: { id: string; type: string },
    rows: readonly Classified[],
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
      // the detail file lists the rows that need attention; matches are counted, not kept
      await stageRows(
        tx,
        jobId,
        rows.filter((r) => r.staged),
      );
      const looked = rows.filter((r) => !r.staged);
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
  ) {
    const counts = { match: 0, mismatch: 0, unknown_subject: 0, invalid: 0 };
    await sql`SELECT refresh_statistics(${['comparison_stage']}::text[])`.execute(this.db);
    const codes = await this.db
      .selectFrom('comparison_stage')
      .select(['element_code', (eb) => eb.fn.countAll<string>().as('n')])
      .where('job_id', '=', jobId)
      .groupBy('element_code')
      .execute();
    const change = {
      actorId: ctx.actor.userId,
      actorName: ctx.actor.displayName,
      source: 'comparison' as const,
      jobId,
      at: this.clock(),
    };
    for (const { element_code: code, n } of codes) {
      const element = byCode.get(code)!;
      const found = await withChange(this.db, change, (tx) =>
        classifyAttribute(tx, jobId, element, department, ctx, this.clock()),
      );
      counts.mismatch += found.mismatch;
      counts.unknown_subject += found.unknown_subject;
      counts.invalid += found.invalid;
      counts.match += Number(n) - found.mismatch - found.unknown_subject - found.invalid;
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

/** The column each wanted field is in, by header name (case and spaces ignored). */
export function headerMapping(headers: readonly string[]): Partial<Record<Column, number>> {
  const clean = headers.map((h) => (h ?? '').replace(/\s+/g, '').toLowerCase());
  const mapping: Partial<Record<Column, number>> = {};
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
