import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { agreementValidity, chinaDate, isWithin, type ExportJobView } from '@shequ/core';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { exportCandidates } from './exchange-read.repository';
import type { ExchangeReader } from './exchange-reader';
import * as repo from './exchange.repository';
import { termsOf, type ExportJobRow } from './exchange.repository';

const BATCH = 500;
// a job left `running` this long by a stopped process is taken up again
const STALE_AFTER_MS = 60 * 60_000;
/** How long a finished export's file is kept for its client to fetch (SHEQU_EXPORT_RETENTION_HOURS). */
export const DEFAULT_EXPORT_RETENTION_HOURS = 72;
const EXPIRED_MESSAGE = '导出文件已超过保存期限并已删除，如仍需要请重新申请导出';

/**
 * Bulk exports: an NDJSON file of the agreed elements of every person in a region subtree as of a
 * day, one line per person. Jobs are rows (queued → running → done/failed), so one left behind
 * by a restart is picked up again; the file is written in batches of short statements, so on
 * PGlite other requests are served in between.
 */
export class ExchangeExportService {
  /** Where files are written; `shequ serve` uses DATA_DIR/exports. */
  exportDir = path.join(tmpdir(), 'shequ-exchange-exports');
  /**
   * How long a finished file stays on disk. It holds personal data in clear (ID numbers,
   * addresses), so it is not kept longer than its client needs to fetch it.
   */
  retentionHours = DEFAULT_EXPORT_RETENTION_HOURS;
  private running: Promise<void> | null = null;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: () => Date,
    private readonly reader: ExchangeReader,
  ) {}

  /** Starts working through queued jobs unless that is already happening. */
  kick(): void {
    this.running ??= this.runQueued()
      .then(() => undefined)
      .catch((error: unknown) => console.error('exchange exports', error))
      .finally(() => {
        this.running = null;
      });
  }

  /** Resolves when the current run (if any) is over. */
  async idle(): Promise<void> {
    await this.running;
  }

  /** Runs queued jobs one after another until none is left; returns how many ran. */
  async runQueued(): Promise<number> {
    let ran = 0;
    for (;;) {
      const now = this.clock();
      const id = await repo.claimExportJob(this.db, now, new Date(now.getTime() - STALE_AFTER_MS));
      if (!id) return ran;
      await this.run(id);
      ran += 1;
    }
  }

  /**
   * Deletes the files of exports finished longer ago than the retention (and parts left that
   * long); the job stays, as `expired`, with its row count and hash. Returns how many finished
   * files were deleted.
   */
  async purgeExpired(now: Date = this.clock()): Promise<number> {
    const cutoff = new Date(now.getTime() - this.retentionHours * 3_600_000);
    const due = await this.db
      .selectFrom('export_job')
      .select(['id', 'file_path'])
      .where('status', '=', 'done')
      .where('file_path', 'is not', null)
      .where('finished_at', '<', cutoff)
      .execute();
    for (const job of due) {
      await rm(job.file_path!, { force: true });
      await this.db
        .updateTable('export_job')
        .set({ file_path: null, error: EXPIRED_MESSAGE })
        .where('id', '=', job.id)
        .execute();
    }
    // parts a stopped process left behind hold personal data as well
    const names = await readdir(this.exportDir).catch(() => [] as string[]);
    for (const name of names.filter((n) => n.endsWith('.part'))) {
      const file = path.join(this.exportDir, name);
      const modified = await stat(file).then(
        (st) => st.mtime,
        () => null,
      );
      if (modified && modified < cutoff) await rm(file, { force: true });
    }
    return due.length;
  }

  private async run(id: string): Promise<void> {
    const job = (await repo.findExportJob(this.db, id))!;
    try {
      const agreement = await repo.findAgreement(this.db, job.agreement_id);
      const client = await repo.findClient(this.db, job.exchange_client_id);
      const today = chinaDate(this.clock());
      if (
        !agreement ||
        !client ||
        client.status !== 'active' ||
        agreementValidity(termsOf(agreement), today) !== 'valid'
      ) {
        throw new ExportRefused('共享协议已终止或已过有效期，导出未执行');
      }
      const asOf = this.reader.asOf(job.as_of, today);
      await mkdir(this.exportDir, { recursive: true });
      const finalPath = path.join(this.exportDir, `${job.id}.ndjson`);
      const partPath = `${finalPath}.part`;
      const out = createWriteStream(partPath, { mode: 0o600 });
      const hash = createHash('sha256');
      let size = 0;
      let rows = 0;
      let afterId: string | null = null;
      try {
        for (;;) {
          const ids = await exportCandidates(
            this.db,
            {
              regionCode: job.region_code,
              afterId,
              includeMovedAway: !asOf.current,
              until: asOf.until,
            },
            BATCH,
          );
          if (ids.length === 0) break;
          afterId = ids[ids.length - 1]!;
          const people = await this.reader.readPeople(ids, job.element_codes, asOf);
          for (const person of people) {
            // where they lived on the as-of day, inside both the export's and the agreement's region
            if (
              !isWithin(person.regionCode, job.region_code) ||
              !isWithin(person.regionCode, agreement.region_code)
            ) {
              continue;
            }
            const line = Buffer.from(`${JSON.stringify(person)}\n`, 'utf8');
            hash.update(line);
            size += line.length;
            rows += 1;
            if (!out.write(line)) await once(out, 'drain');
          }
        }
        out.end();
        await once(out, 'finish');
      } catch (error) {
        out.destroy();
        // the part written so far holds personal data too
        await rm(partPath, { force: true });
        throw error;
      }
      await rename(partPath, finalPath);
      await repo.finishExportJob(
        this.db,
        id,
        {
          status: 'done',
          file_path: finalPath,
          file_size: size,
          file_hash: hash.digest('hex'),
          row_count: rows,
        },
        this.clock(),
      );
    } catch (error) {
      const message =
        error instanceof ExportRefused ? error.message : '导出失败（服务器内部错误），请重新申请';
      if (!(error instanceof ExportRefused)) console.error('export failed', error);
      await repo.finishExportJob(this.db, id, { status: 'failed', error: message }, this.clock());
    }
  }
}

class ExportRefused extends Error {}

/** An export job as its client sees it. */
export function exportJobView(job: ExportJobRow): ExportJobView {
  return {
    id: job.id,
    // a finished job whose file the retention has deleted
    status: job.status === 'done' && !job.file_path ? 'expired' : job.status,
    regionCode: job.region_code,
    elementCodes: job.element_codes,
    asOf: job.as_of,
    rowCount: job.row_count,
    fileSize: job.file_size === null ? null : Number(job.file_size),
    fileHash: job.file_hash,
    error: job.error,
    createdAt: job.created_at.toISOString(),
    finishedAt: job.finished_at?.toISOString() ?? null,
  };
}
