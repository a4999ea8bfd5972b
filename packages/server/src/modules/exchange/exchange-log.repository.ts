import {
  auditGenesisHash,
  exchangeLogHashInput,
  type AuditChainVerdict,
  type ExchangeLogContent,
  type ExchangeOutcome,
} from '@shequ/core';
import { sql, type Selectable, type Transaction } from 'kysely';
import type { Database, ExchangeLogTable } from '../../db/schema';
import { withinScopes } from '../../db/scope';
import type { Executor } from '../audit/audit.repository';
import { sha256Hex } from './exchange-secrets';

export type ExchangeLogRow = Selectable<ExchangeLogTable>;

/** What is known about a request when it is logged; the chain fields are filled in here. */
export type ExchangeLogInput = Omit<ExchangeLogContent, 'seq' | 'at' | 'prevHash'>;

// its own advisory lock key, beside the audit chain's 7_243_001
const EXCHANGE_CHAIN_LOCK = 7_243_002;

export function hashExchangeEntry(content: ExchangeLogContent): string {
  return sha256Hex(exchangeLogHashInput(content));
}

/**
 * Appends one entry under the chain lock: in the caller's transaction when given one, otherwise
 * in its own. The approach is audit_event's (ADR 0002): lock, read the head, link, insert.
 */
export async function appendExchangeLog(
  executor: Executor,
  input: ExchangeLogInput,
  now: Date,
): Promise<ExchangeLogContent & { hash: string }> {
  if (executor.isTransaction) return appendLocked(executor as Transaction<Database>, input, now);
  return executor.transaction().execute((trx) => appendLocked(trx, input, now));
}

async function appendLocked(
  trx: Transaction<Database>,
  input: ExchangeLogInput,
  now: Date,
): Promise<ExchangeLogContent & { hash: string }> {
  await sql`SELECT pg_advisory_xact_lock(${EXCHANGE_CHAIN_LOCK})`.execute(trx);
  const last = await trx
    .selectFrom('exchange_log')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  const content: ExchangeLogContent = {
    ...input,
    seq: (last?.seq ?? 0) + 1,
    at: now.toISOString(),
    prevHash: last?.hash ?? auditGenesisHash,
  };
  const hash = hashExchangeEntry(content);
  await trx
    .insertInto('exchange_log')
    .values({
      seq: content.seq,
      at: content.at,
      request_id: content.requestId,
      exchange_client_id: content.exchangeClientId,
      client_id: content.clientId,
      agreement_id: content.agreementId,
      region_code: content.regionCode,
      method: content.method,
      path: content.path,
      purpose: content.purpose,
      case_ref: content.caseRef,
      end_user: content.endUser,
      request_hash: content.requestHash,
      response_hash: content.responseHash,
      status_code: content.statusCode,
      outcome: content.outcome,
      reason: content.reason,
      detail: content.detail === null ? null : JSON.stringify(content.detail),
      prev_hash: content.prevHash,
      hash,
    })
    .execute();
  return { ...content, hash };
}

export function contentOfLogRow(row: ExchangeLogRow): ExchangeLogContent {
  return {
    seq: row.seq,
    at: row.at.toISOString(),
    requestId: row.request_id,
    exchangeClientId: row.exchange_client_id,
    clientId: row.client_id,
    agreementId: row.agreement_id,
    regionCode: row.region_code,
    method: row.method,
    path: row.path,
    purpose: row.purpose,
    caseRef: row.case_ref,
    endUser: row.end_user,
    requestHash: row.request_hash,
    responseHash: row.response_hash,
    statusCode: row.status_code,
    outcome: row.outcome,
    reason: row.reason,
    detail: row.detail ?? null,
    prevHash: row.prev_hash,
  };
}

/**
 * Walks the whole chain in order, a batch at a time, and names the first entry whose stored hash
 * does not match its content (hash) or whose link to the entry before it is broken (link).
 */
export async function verifyExchangeLog(
  db: Executor,
  batchSize = 5000,
): Promise<AuditChainVerdict> {
  let prevHash = auditGenesisHash;
  let expectedSeq = 1;
  let checked = 0;
  for (;;) {
    const rows = await db
      .selectFrom('exchange_log')
      .selectAll()
      .where('seq', '>=', expectedSeq)
      .orderBy('seq')
      .limit(batchSize)
      .execute();
    for (const row of rows) {
      if (row.seq !== expectedSeq || row.prev_hash !== prevHash) {
        return { ok: false, checked, brokenSeq: row.seq, reason: 'link' };
      }
      if (hashExchangeEntry(contentOfLogRow(row)) !== row.hash) {
        return { ok: false, checked, brokenSeq: row.seq, reason: 'hash' };
      }
      prevHash = row.hash;
      expectedSeq = row.seq + 1;
      checked += 1;
    }
    if (rows.length < batchSize) return { ok: true, checked };
  }
}

/** A client's own entry of one request. */
export async function findOwnLogEntry(
  db: Executor,
  exchangeClientId: string,
  requestId: string,
): Promise<ExchangeLogRow | undefined> {
  return db
    .selectFrom('exchange_log')
    .selectAll()
    .where('request_id', '=', requestId)
    .where('exchange_client_id', '=', exchangeClientId)
    .executeTakeFirst();
}

export interface ExchangeLogFilter {
  scopes: string[];
  includeUnplaced: boolean;
  clientRef?: string | undefined;
  outcome?: ExchangeOutcome | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/** A page of entries inside the scopes, newest first, with the client's name. */
export async function listExchangeLog(
  db: Executor,
  filter: ExchangeLogFilter,
  page: number,
  pageSize: number,
) {
  let query = db
    .selectFrom('exchange_log as l')
    .leftJoin('exchange_client as c', 'c.id', 'l.exchange_client_id')
    .where((eb) => {
      const placed = withinScopes(eb, 'l.region_code', filter.scopes);
      return filter.includeUnplaced ? eb.or([placed, eb('l.region_code', 'is', null)]) : placed;
    });
  if (filter.clientRef) query = query.where('l.exchange_client_id', '=', filter.clientRef);
  if (filter.outcome) query = query.where('l.outcome', '=', filter.outcome);
  if (filter.from) query = query.where('l.at', '>=', new Date(filter.from));
  if (filter.to) query = query.where('l.at', '<', new Date(filter.to));
  const [rows, count] = await Promise.all([
    query
      .selectAll('l')
      .select('c.name as client_name')
      .orderBy('l.seq', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}
