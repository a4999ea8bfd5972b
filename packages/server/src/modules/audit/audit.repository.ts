import { createHash } from 'node:crypto';
import {
  auditGenesisHash,
  auditHashInput,
  type AuditChainVerdict,
  type AuditEntryContent,
  type AuditOutcome,
} from '@shequ/core';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { AuditEventRow, Database } from '../../db/schema';
import { withinScopes } from '../../db/scope';

/** Any executor: the database or a caller's transaction. */
export type Executor = Kysely<Database> | Transaction<Database>;

/** What a caller states about an audited action; the chain fields are filled in here. */
export interface AuditInput {
  actorId: string | null;
  actorName: string;
  role: string | null;
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  regionCode?: string | null;
  purpose?: string | null;
  outcome: AuditOutcome;
  requestId?: string | null;
  clientIp?: string | null;
  detail?: unknown;
}

// One advisory lock key serialises appends so each entry links to the one before it.
const AUDIT_CHAIN_LOCK = 7_243_001;

export function hashEntry(content: AuditEntryContent): string {
  return createHash('sha256').update(auditHashInput(content), 'utf8').digest('hex');
}

/**
 * Appends an entry to the chain. Runs inside the caller's transaction when given one (so the entry
 * commits or rolls back with the change it records), otherwise in a transaction of its own.
 */
export async function appendAuditEvent(
  executor: Executor,
  input: AuditInput,
  now: Date,
): Promise<number> {
  const [seq] = await appendAuditEvents(executor, [{ input, now }]);
  return seq!;
}

/**
 * Appends entries in order under the chain lock, in the caller's transaction or a new one: one
 * lock, one read of the chain's head and one INSERT for the whole batch (group commit).
 */
export async function appendAuditEvents(
  executor: Executor,
  entries: readonly { input: AuditInput; now: Date }[],
): Promise<number[]> {
  if (executor.isTransaction) return appendLocked(executor as Transaction<Database>, entries);
  return executor.transaction().execute((trx) => appendLocked(trx, entries));
}

async function appendLocked(
  trx: Transaction<Database>,
  entries: readonly { input: AuditInput; now: Date }[],
): Promise<number[]> {
  await sql`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`.execute(trx);
  const last = await trx
    .selectFrom('audit_event')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  let seq = last?.seq ?? 0;
  let prevHash = last?.hash ?? auditGenesisHash;
  const rows = entries.map(({ input, now }) => {
    seq += 1;
    const content: AuditEntryContent = {
      seq,
      occurredAt: now.toISOString(),
      actorId: input.actorId,
      actorName: input.actorName,
      role: input.role,
      action: input.action,
      targetType: input.targetType ?? null,
      targetId: input.targetId ?? null,
      regionCode: input.regionCode ?? null,
      purpose: input.purpose ?? null,
      outcome: input.outcome,
      requestId: input.requestId ?? null,
      clientIp: input.clientIp ?? null,
      detail: input.detail ?? null,
      prevHash,
    };
    prevHash = hashEntry(content);
    return {
      seq: content.seq,
      occurred_at: content.occurredAt,
      actor_id: content.actorId,
      actor_name: content.actorName,
      role: content.role,
      action: content.action,
      target_type: content.targetType,
      target_id: content.targetId,
      region_code: content.regionCode,
      purpose: content.purpose,
      outcome: content.outcome,
      request_id: content.requestId,
      client_ip: content.clientIp,
      detail: content.detail === null ? null : JSON.stringify(content.detail),
      prev_hash: content.prevHash,
      hash: prevHash,
    };
  });
  if (rows.length > 0) await trx.insertInto('audit_event').values(rows).execute();
  return rows.map((r) => r.seq);
}

export function contentOfRow(row: AuditEventRow): AuditEntryContent {
  return {
    seq: row.seq,
    occurredAt: row.occurred_at.toISOString(),
    actorId: row.actor_id,
    actorName: row.actor_name,
    role: row.role,
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    regionCode: row.region_code,
    purpose: row.purpose,
    outcome: row.outcome,
    requestId: row.request_id,
    clientIp: row.client_ip,
    detail: row.detail ?? null,
    prevHash: row.prev_hash,
  };
}

/**
 * Walks the whole chain in order, a batch at a time, and names the first entry whose stored hash
 * does not match its content (hash) or whose link does not match the previous entry (link).
 */
export async function verifyAuditChain(db: Executor, batchSize = 5000): Promise<AuditChainVerdict> {
  let prevHash = auditGenesisHash;
  let expectedSeq = 1;
  let checked = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_event')
      .selectAll()
      .where('seq', '>=', expectedSeq)
      .orderBy('seq')
      .limit(batchSize)
      .execute();
    for (const row of rows) {
      if (row.seq !== expectedSeq || row.prev_hash !== prevHash) {
        return { ok: false, checked, brokenSeq: row.seq, reason: 'link' };
      }
      if (hashEntry(contentOfRow(row)) !== row.hash) {
        return { ok: false, checked, brokenSeq: row.seq, reason: 'hash' };
      }
      prevHash = row.hash;
      expectedSeq = row.seq + 1;
      checked += 1;
    }
    if (rows.length < batchSize) return { ok: true, checked };
  }
}

export interface AuditFilter {
  scopes: string[];
  includeUnplaced: boolean;
  action?: string | undefined;
  actor?: string | undefined;
  outcome?: AuditOutcome | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/** A page of entries inside the scopes, newest first. */
export async function listAuditEvents(
  db: Executor,
  filter: AuditFilter,
  page: number,
  pageSize: number,
): Promise<{ rows: AuditEventRow[]; total: number }> {
  let query = db.selectFrom('audit_event').where((eb) => {
    const placed = withinScopes(eb, 'region_code', filter.scopes);
    return filter.includeUnplaced ? eb.or([placed, eb('region_code', 'is', null)]) : placed;
  });
  if (filter.action) query = query.where('action', 'like', `${escapeLike(filter.action)}%`);
  if (filter.actor) query = query.where('actor_name', '=', filter.actor);
  if (filter.outcome) query = query.where('outcome', '=', filter.outcome);
  if (filter.from) query = query.where('occurred_at', '>=', new Date(filter.from));
  if (filter.to) query = query.where('occurred_at', '<', new Date(filter.to));
  const [rows, count] = await Promise.all([
    query
      .selectAll()
      .orderBy('seq', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}
