import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { rm } from 'node:fs/promises';
import {
  DomainError,
  isWithinAny,
  maskIdNumber,
  maskPhone,
  matchImportHeaders,
  parsePersonRecord,
  personFieldLabels,
  personImportColumns,
  requirePermission,
  requirePermissionAt,
  chinaDate,
  type ImportJobView,
  type PersonRecord,
} from '@shequ/core';
import type { Kysely, Selectable } from 'kysely';
import type { FieldCipher } from '../../crypto/field-cipher';
import { withChange } from '../../db/change-context';
import type { Database, ImportJobTable, PersonTable } from '../../db/schema';
import type { ActorContext } from '../../http/context';
import type { AuditService } from '../audit/audit.service';
import {
  documentIndexOf,
  openPii,
  phoneIndexOf,
  samePii,
  sealPii,
  type PiiValues,
} from '../people/pii';
import { findRegion } from '../regions/regions.repository';
import { openTable } from './read-table';
import * as repo from './import.repository';
import { importTemplate, rejectedRowsWorkbook } from './import-workbooks';
import type { StagedRow } from './import.repository';

const CHUNK = 2000;
/** How long a job's staged rows (the dry-run report and the rejected rows) are kept. */
export const STAGED_ROWS_KEPT_DAYS = 7;

type JobRow = Selectable<ImportJobTable>;
type ColumnKey = (typeof personImportColumns)[number]['key'];

export interface StartImport {
  filePath: string;
  fileName: string;
  /** The community or grid for rows that do not name one. */
  regionCode: string;
  /** Stage and merge in one go (CLI, API clients); the wizard stages, shows the report, then merges. */
  apply: boolean;
  /** Remove the uploaded file when done. */
  removeFile?: boolean;
  /** Told after each staged chunk and when the merge begins (the CLI prints it). */
  onProgress?: (progress: { phase: 'staging' | 'merging'; rows: number; rejected: number }) => void;
}

/**
 * Imports people from XLSX or CSV in two phases. Staging streams the file in chunks: each row is
 * validated by the domain rules, its sensitive values encrypted and blind-indexed, compared with
 * the person already stored under the same document, and written to `import_row` with its outcome
 * (create, update, unchanged, reject). Staging commits chunk by chunk and touches no person data,
 * so other work continues meanwhile and the staged rows are the dry-run report. Merging applies
 * the accepted rows in one transaction: all of them or, after a crash, none.
 */
export class ImportService {
  private readonly rates = new Map<string, number>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly audit: AuditService,
    private readonly clock: () => Date,
    private readonly cipher: FieldCipher,
  ) {}

  /** Creates the job and stages it; returns at once with `wait` to await the background work. */
  async start(
    ctx: ActorContext,
    input: StartImport,
  ): Promise<{ job: ImportJobView; done: Promise<ImportJobView> }> {
    requirePermissionAt(ctx.actor, 'person:import', input.regionCode);
    const region = await findRegion(this.db, input.regionCode);
    if (!region || region.valid_to !== null || !['community', 'grid'].includes(region.level)) {
      throw new DomainError('VALIDATION', '请选择导入到哪个社区（村）或网格', [
        { path: 'regionCode', message: '请选择现有的社区（村）或网格' },
      ]);
    }
    const table = await openTable(input.filePath);
    const job = await repo.insertJob(this.db, {
      kind: 'people',
      status: 'staging',
      file_name: input.fileName.slice(0, 200),
      format: table.format === 'xlsx' ? 'xlsx' : 'csv', // NDJSON is not offered to imports
      encoding: table.encoding,
      region_code: input.regionCode,
      created_by: ctx.actor.userId,
      created_by_name: ctx.actor.displayName,
      created_at: this.clock(),
    });
    await this.audit.record(null, ctx, {
      action: 'import.start',
      targetType: 'import_job',
      targetId: job.id,
      regionCode: input.regionCode,
      detail: {
        fileName: input.fileName,
        format: table.format,
        encoding: table.encoding,
        apply: input.apply,
      },
    });
    const done = (async () => {
      try {
        await this.stage(ctx, job, table.rows, input.onProgress, input.apply);
        if (input.apply) {
          const staged = (await repo.findJob(this.db, job.id))!;
          input.onProgress?.({
            phase: 'merging',
            rows: staged.total_rows,
            rejected: staged.rejected_rows,
          });
          await this.runMerge(ctx, job.id);
        }
      } catch (error) {
        await repo.updateJob(this.db, job.id, {
          status: 'failed',
          error:
            error instanceof DomainError
              ? error.message
              : '导入失败：服务器内部错误，未写入任何人员数据',
          finished_at: this.clock(),
        });
        if (!(error instanceof DomainError)) throw error;
      } finally {
        if (input.removeFile) await rm(input.filePath, { force: true });
        this.rates.delete(job.id);
      }
      return this.view((await repo.findJob(this.db, job.id))!);
    })();
    return { job: this.view(job), done };
  }

  private async stage(
    ctx: ActorContext,
    job: JobRow,
    rows: AsyncGenerator<{ rowNo: number; cells: string[] }>,
    onProgress: StartImport['onProgress'],
    apply: boolean,
  ) {
    const importScopes = requirePermission(ctx.actor, 'person:import');
    const today = chinaDate(this.clock());
    const regionOk = new Map<string, string | null>();
    const checkRegion = async (code: string): Promise<string | null> => {
      if (!regionOk.has(code)) {
        const region = await findRegion(this.db, code);
        regionOk.set(
          code,
          !region || region.valid_to !== null || !['community', 'grid'].includes(region.level)
            ? `所属社区 ${code} 不存在或不是社区（村）、网格`
            : !isWithinAny(code, importScopes)
              ? `所属社区 ${code} 不在您的管辖范围内`
              : null,
        );
      }
      return regionOk.get(code)!;
    };

    let headers: string[] | null = null;
    let mapping: Record<number, ColumnKey> = {};
    let total = 0;
    let rejected = 0;
    const started = Date.now();
    let chunk: { rowNo: number; cells: string[] }[] = [];

    // one chunk's write is in flight while the next is parsed and checked: the database and
    // this process work at the same time
    let writing: Promise<void> = Promise.resolve();
    const write = async (staged: StagedRow[]) => {
      await repo.insertStagedRows(this.db, job.id, staged);
      total += staged.length;
      rejected += staged.filter((s) => s.outcome === 'reject').length;
      this.rates.set(job.id, total / Math.max(0.001, (Date.now() - started) / 1000));
      await repo.updateJob(this.db, job.id, { total_rows: total, rejected_rows: rejected });
      onProgress?.({ phase: 'staging', rows: total, rejected });
    };
    const flush = async () => {
      const staged = await this.stageChunk(
        importScopes,
        chunk,
        headers!,
        mapping,
        job.region_code,
        today,
        checkRegion,
      );
      chunk = [];
      await writing;
      writing = write(staged);
      writing.catch(() => undefined); // awaited (and thrown) at the next flush or the end
    };

    for await (const row of rows) {
      if (row.cells.every((c) => !c || !c.trim())) continue; // blank lines
      if (!headers) {
        headers = row.cells.map((c) => (c ?? '').trim());
        const match = matchImportHeaders(headers);
        if (match.missing.length > 0) {
          throw new DomainError(
            'VALIDATION',
            `文件缺少必填列：${match.missing.map((m) => m.label).join('、')}（第 ${row.rowNo} 行应为表头）`,
          );
        }
        mapping = match.mapping;
        await repo.updateJob(this.db, job.id, {
          headers: JSON.stringify(headers),
          mapping: JSON.stringify(
            Object.fromEntries(
              Object.entries(mapping).map(([i, key]) => [
                headers![Number(i)]!,
                personFieldLabels[key],
              ]),
            ),
          ),
        });
        continue;
      }
      chunk.push(row);
      if (chunk.length >= CHUNK) await flush();
    }
    if (!headers) throw new DomainError('VALIDATION', '文件是空的：没有表头和数据');
    if (chunk.length > 0) await flush();
    await writing;

    await repo.rejectCrossRowProblems(this.db, job.id);
    const counts = await repo.countOutcomes(this.db, job.id);
    await repo.updateJob(this.db, job.id, {
      // an import applied at once goes straight on to merging: it is never seen as a pending dry run
      status: apply ? 'merging' : 'staged',
      staged_at: this.clock(),
      total_rows: total,
      rejected_rows: counts.reject,
      create_rows: counts.create,
      update_rows: counts.update,
      unchanged_rows: counts.unchanged,
    });
  }

  private async stageChunk(
    importScopes: readonly string[],
    chunk: readonly { rowNo: number; cells: string[] }[],
    headers: readonly string[],
    mapping: Record<number, ColumnKey>,
    defaultRegion: string,
    today: string,
    checkRegion: (code: string) => Promise<string | null>,
  ): Promise<StagedRow[]> {
    const parsed: {
      rowNo: number;
      cells: string[];
      values: Partial<Record<ColumnKey, string>>;
      result: ReturnType<typeof parsePersonRecord>;
      index?: string;
    }[] = [];
    for (const row of chunk) {
      const values: Partial<Record<ColumnKey, string>> = {};
      for (const [i, key] of Object.entries(mapping)) values[key] = row.cells[Number(i)] ?? '';
      const result = parsePersonRecord(values, today);
      parsed.push({
        rowNo: row.rowNo,
        cells: row.cells,
        values,
        result,
        ...(result.ok
          ? { index: documentIndexOf(this.cipher, result.value.attributes.idNumber) }
          : {}),
      });
    }
    const existing = await repo.findPeopleByIndexes(this.db, [
      ...new Set(parsed.flatMap((p) => (p.index ? [p.index] : []))),
    ]);
    const byIndex = new Map<string, Selectable<PersonTable>[]>();
    for (const person of existing) {
      byIndex.set(person.document_bidx, [...(byIndex.get(person.document_bidx) ?? []), person]);
    }

    const out: StagedRow[] = [];
    for (const p of parsed) {
      const raw = () =>
        Object.fromEntries(headers.map((h, i) => [h || `第${i + 1}列`, p.cells[i] ?? '']));
      const nameIndex = Object.entries(mapping).find(([, key]) => key === 'name')?.[0];
      const rejectRow = (
        errors: { path: string; message: string }[],
        cells: Record<string, string>,
      ) =>
        rejectedRow(
          p.rowNo,
          errors,
          cells,
          nameIndex ? (p.cells[Number(nameIndex)]?.trim() ?? null) : null,
        );
      if (!p.result.ok) {
        out.push(rejectRow(p.result.errors, raw()));
        continue;
      }
      const record = p.result.value;
      const regionCode = record.placement.regionCode ?? defaultRegion;
      const regionProblem = await checkRegion(regionCode);
      if (regionProblem) {
        out.push(rejectRow([{ path: 'regionCode', message: regionProblem }], raw()));
        continue;
      }
      const matches = byIndex.get(p.index!) ?? [];
      if (matches.length > 1) {
        out.push(
          rejectRow(
            [{ path: 'idNumber', message: '该证件号码对应多条人员记录，请先合并重复人员' }],
            raw(),
          ),
        );
        continue;
      }
      const current = matches[0];
      if (current && !isWithinAny(current.region_code, importScopes)) {
        // the person is registered elsewhere: an import may not reach across scopes, nor say where
        out.push(
          rejectRow(
            [
              {
                path: 'idNumber',
                message: '该证件号码已在您管辖范围以外登记，请联系其所在社区办理迁入',
              },
            ],
            raw(),
          ),
        );
        continue;
      }
      const stated = (key: ColumnKey) => Boolean(p.values[key]?.trim());
      out.push(this.stagedRow(p.rowNo, record, regionCode, p.index!, current, stated));
    }
    return out;
  }

  /** The row's new values; for an existing person, blank cells keep what is stored. */
  private stagedRow(
    rowNo: number,
    record: PersonRecord,
    regionCode: string,
    documentIndex: string,
    current: Selectable<PersonTable> | undefined,
    stated: (key: ColumnKey) => boolean,
  ): StagedRow {
    const a = record.attributes;
    const currentPii = current ? openPii(this.cipher, current.pii) : null;
    const pii: PiiValues = {
      idNumber: a.idNumber,
      phone: a.phone ?? currentPii?.phone ?? null,
      registeredAddress: a.registeredAddress ?? currentPii?.registeredAddress ?? null,
      currentAddress: a.currentAddress ?? currentPii?.currentAddress ?? null,
    };
    const keep = <T>(value: T | null, stored: T | null | undefined): T | null =>
      value ?? stored ?? null;
    const values = {
      regionCode: record.placement.regionCode ?? current?.region_code ?? regionCode,
      name: a.name,
      formerNames: keep(a.formerNames, current?.former_names),
      // values with a default (document type, residence type) keep what is stored when left blank
      documentType: current && !stated('documentType') ? current.document_type : a.documentType,
      sex: keep(a.sex, current?.sex),
      birthDate: keep(a.birthDate, current?.birth_date),
      ethnicity: keep(a.ethnicity, current?.ethnicity),
      residenceType: current && !stated('residenceType') ? current.residence_type : a.residenceType,
      politicalStatus: keep(a.politicalStatus, current?.political_status),
      maritalStatus: keep(a.maritalStatus, current?.marital_status),
      education: keep(a.education, current?.education),
      occupation: keep(a.occupation, current?.occupation),
      employer: keep(a.employer, current?.employer),
      health: keep(a.health, current?.health),
      tags: a.tags.length > 0 ? a.tags : (current?.tags ?? []),
      // flags compare stated values with the ID number: recomputed only when the file states them
      flags: current && !stated('sex') && !stated('birthDate') ? current.flags : record.flags,
      note: keep(a.note, current?.note),
    };
    let outcome: StagedRow['outcome'] = 'create';
    let sealed: string;
    if (current && currentPii) {
      const same =
        samePii(pii, currentPii) &&
        values.regionCode === current.region_code &&
        values.name === current.name &&
        values.formerNames === current.former_names &&
        values.documentType === current.document_type &&
        values.sex === current.sex &&
        values.birthDate === current.birth_date &&
        values.ethnicity === current.ethnicity &&
        values.residenceType === current.residence_type &&
        values.politicalStatus === current.political_status &&
        values.maritalStatus === current.marital_status &&
        values.education === current.education &&
        values.occupation === current.occupation &&
        values.employer === current.employer &&
        values.health === current.health &&
        values.note === current.note &&
        values.tags.join('\u001f') === current.tags.join('\u001f') &&
        values.flags.join('\u001f') === current.flags.join('\u001f');
      outcome = same ? 'unchanged' : 'update';
      sealed = samePii(pii, currentPii) ? current.pii : sealPii(this.cipher, pii);
    } else {
      sealed = sealPii(this.cipher, pii);
    }
    const pl = record.placement;
    return {
      rowNo,
      outcome,
      errors: null,
      warnings: record.warnings.length > 0 ? record.warnings : null,
      raw: null,
      // a new person's id is chosen now, so the merge inserts without joining back
      personId: current?.id ?? randomUUID(),
      personVersion: current?.version ?? null,
      ...values,
      documentIndex,
      phoneIndex: phoneIndexOf(this.cipher, pii.phone),
      pii: sealed,
      idMasked: maskIdNumber(a.idNumber),
      phoneMasked: maskPhone(pii.phone),
      householdNumber: pl.householdNumber,
      relationToHead: pl.relationToHead,
      householdType: pl.householdType,
      compound: pl.compound,
      building: pl.building,
      unit: pl.unit,
      room: pl.room,
    };
  }

  /** Applies a staged job (the wizard's “run” after the dry-run report). */
  async merge(
    ctx: ActorContext,
    jobId: string,
  ): Promise<{ job: ImportJobView; done: Promise<ImportJobView> }> {
    const job = await this.visibleJob(ctx, jobId);
    requirePermissionAt(ctx.actor, 'person:import', job.region_code);
    if (
      job.status === 'staged' &&
      job.total_rows > 0 &&
      (await repo.countRows(this.db, jobId)) === 0
    ) {
      // import_row is UNLOGGED: a crash of the database empties it, and with it the dry run
      throw new DomainError('CONFLICT', '预检结果已丢失（服务曾中断），请重新上传文件');
    }
    // claimed before answering, and only once: a second click finds it merging
    if (job.status !== 'staged' || !(await repo.claimForMerge(this.db, jobId))) {
      throw new DomainError(
        'CONFLICT',
        job.status === 'done' ? '该导入已完成' : '该导入尚未完成预检、正在执行或已失败',
      );
    }
    const done = (async () => {
      try {
        await this.runMerge(ctx, jobId);
      } catch (error) {
        await repo.updateJob(this.db, jobId, {
          status: 'failed',
          error:
            error instanceof DomainError
              ? error.message
              : '导入失败：服务器内部错误，未写入任何人员数据',
          finished_at: this.clock(),
        });
        if (!(error instanceof DomainError)) throw error;
      }
      return this.view((await repo.findJob(this.db, jobId))!);
    })();
    return { job: this.view({ ...job, status: 'merging' }), done };
  }

  /** Applies a job already marked `merging` (by staging with apply, or by {@link merge}). */
  private async runMerge(ctx: ActorContext, jobId: string) {
    const at = this.clock();
    const today = chinaDate(at);
    await withChange(
      this.db,
      { actorId: ctx.actor.userId, actorName: ctx.actor.displayName, source: 'import', jobId, at },
      async (tx) => {
        await repo.mergeStagedRows(tx, jobId, today, at);
        await repo.reportImport(tx, jobId);
        const counts = await repo.countOutcomes(tx, jobId);
        await repo.updateJob(tx, jobId, {
          status: 'done',
          finished_at: this.clock(),
          rejected_rows: counts.reject,
          create_rows: counts.create,
          update_rows: counts.update,
          unchanged_rows: counts.unchanged,
        });
        await this.audit.record(tx, ctx, {
          action: 'import.apply',
          targetType: 'import_job',
          targetId: jobId,
          detail: counts,
        });
      },
    );
    // the staged copies of accepted rows are no longer needed; dropping them is housekeeping the
    // user need not wait for (the outcome counts and the rejected rows stay for the report)
    void repo.clearStagedValues(this.db, jobId).catch((error: unknown) => {
      process.emitWarning(`import ${jobId}: could not clear staged rows: ${String(error)}`);
    });
  }

  async get(ctx: ActorContext, jobId: string): Promise<ImportJobView> {
    return this.view(await this.visibleJob(ctx, jobId));
  }

  async list(ctx: ActorContext): Promise<ImportJobView[]> {
    const scopes = requirePermission(ctx.actor, 'person:import');
    return (await repo.listJobs(this.db, scopes, 50)).map((j) => this.view(j));
  }

  async rows(
    ctx: ActorContext,
    jobId: string,
    query: { outcome?: StagedRow['outcome'] | undefined; page: number; pageSize: number },
  ) {
    await this.visibleJob(ctx, jobId);
    const { rows, total } = await repo.listRows(
      this.db,
      jobId,
      query.outcome,
      query.page,
      query.pageSize,
    );
    return {
      items: rows.map((r) => ({
        rowNo: r.row_no,
        outcome: r.outcome,
        name: r.name,
        idNumberMasked: r.id_masked,
        errors: r.errors ?? [],
        warnings: r.warnings ?? [],
      })),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  /**
   * The rejected rows as XLSX, in the file's own columns plus 错误原因, so they can be corrected
   * and imported again. Only whoever may import in the job's region gets it: it holds full values.
   */
  async rejectedFile(
    ctx: ActorContext,
    jobId: string,
  ): Promise<{ fileName: string; stream: Readable }> {
    const job = await this.visibleJob(ctx, jobId);
    requirePermissionAt(ctx.actor, 'person:import', job.region_code);
    await this.audit.record(null, ctx, {
      action: 'import.rejected_download',
      targetType: 'import_job',
      targetId: jobId,
      regionCode: job.region_code,
    });
    const headers = job.headers.length > 0 ? job.headers : personImportColumns.map((c) => c.label);
    const stream = rejectedRowsWorkbook(
      this.cipher,
      headers,
      job.mapping,
      repo.streamRejectedRows(this.db, jobId),
    );
    return { fileName: `未导入的行_${job.file_name.replace(/\.[^.]+$/, '')}.xlsx`, stream };
  }

  /** The import template: every column with a sample row, and a sheet of instructions. */
  template(): Promise<Buffer> {
    return importTemplate();
  }

  private async visibleJob(ctx: ActorContext, jobId: string): Promise<JobRow> {
    const scopes = requirePermission(ctx.actor, 'person:import');
    const job = await repo.findJob(this.db, jobId);
    if (!job || !isWithinAny(job.region_code, scopes))
      throw new DomainError('NOT_FOUND', '该导入任务不存在');
    return job;
  }

  view(job: JobRow): ImportJobView {
    return {
      id: job.id,
      status: job.status,
      fileName: job.file_name,
      format: job.format,
      encoding: job.encoding,
      regionCode: job.region_code,
      headers: job.headers,
      mapping: job.mapping,
      createdByName: job.created_by_name,
      createdAt: job.created_at.toISOString(),
      stagedAt: job.staged_at?.toISOString() ?? null,
      finishedAt: job.finished_at?.toISOString() ?? null,
      totalRows: job.total_rows,
      rejectedRows: job.rejected_rows,
      createRows: job.create_rows,
      updateRows: job.update_rows,
      unchangedRows: job.unchanged_rows,
      rate: this.rates.get(job.id) ?? null,
      error: job.error,
    };
  }

  /**
   * At start: jobs a crash interrupted are marked failed (their merges rolled back), and the staged
   * rows of jobs older than {@link STAGED_ROWS_KEPT_DAYS} days (rejected rows hold the file's cells)
   * are deleted.
   */
  async recoverInterrupted(): Promise<number> {
    const now = this.clock();
    await repo.purgeStagedRows(
      this.db,
      new Date(now.getTime() - STAGED_ROWS_KEPT_DAYS * 86_400_000),
    );
    return repo.failInterruptedJobs(this.db, now);
  }
}

function rejectedRow(
  rowNo: number,
  errors: { path: string; message: string }[],
  raw: Record<string, string>,
  name: string | null,
): StagedRow {
  return {
    rowNo,
    outcome: 'reject',
    errors: errors.map((e) => ({
      path: e.path,
      message: e.message.startsWith(personFieldLabels[e.path as ColumnKey] ?? '\u0000')
        ? e.message
        : `${personFieldLabels[e.path as ColumnKey] ?? e.path}：${e.message}`,
    })),
    warnings: null,
    raw,
    personId: null,
    personVersion: null,
    regionCode: null,
    name: name ? name.slice(0, 50) : null,
    formerNames: null,
    documentType: null,
    documentIndex: null,
    phoneIndex: null,
    pii: null,
    idMasked: null,
    phoneMasked: null,
    sex: null,
    birthDate: null,
    ethnicity: null,
    residenceType: null,
    politicalStatus: null,
    maritalStatus: null,
    education: null,
    occupation: null,
    employer: null,
    health: null,
    tags: null,
    flags: null,
    note: null,
    householdNumber: null,
    relationToHead: null,
    householdType: null,
    compound: null,
    building: null,
    unit: null,
    room: null,
  };
}
