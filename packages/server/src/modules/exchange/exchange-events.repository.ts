import { exchangeEventProblems, type ExchangeEventRecord } from '@shequ/core';
import { sql, type Transaction } from 'kysely';
import type { Database } from '../../db/schema';
import type { Executor } from '../audit/audit.repository';

/**
 * The outbox of change events and its sequencer. Writers insert events in their own transaction
 * (`emitExchangeEvent`), without a position. After they commit, the one sequencer gives them the
 * next positions in a single statement under an advisory lock, so positions are handed out in
 * commit order and every position a reader can see has all smaller ones visible too: a cursor
 * never skips an event that committed late.
 */

export interface ExchangeEventInput {
  /** `value.verified`, `value.ruled`, `person.updated`, `membership.added` … */
  type: string;
  personId: string | null;
  /** Where the subject lives (its community or grid): agreements select by this subtree. */
  regionCode: string;
  /** The data elements the event is about; agreements select by these. */
  elementCodes: readonly string[];
  /**
   * Facts of the event. `payload.elements[code]` (value, status …) is what clients whose
   * agreement covers `code` receive; nothing else in the payload leaves the server. Encrypted
   * personal values (ID number, phone, addresses) may not be put here in clear.
   */
  payload: Record<string, unknown>;
}

// beside the audit (7_243_001) and exchange log (7_243_002) chains
const SEQUENCER_LOCK = 7_243_003;

/**
 * Puts an event in the outbox inside the caller's transaction, so it commits or rolls back with
 * the change it reports. Returns its stable id (the webhook's `X-Shequ-Event-Id`).
 */
export async function emitExchangeEvent(db: Executor, event: ExchangeEventInput): Promise<string> {
  const problems = exchangeEventProblems(event);
  if (problems.length > 0) throw new Error(`invalid exchange event: ${problems.join('; ')}`);
  const row = await db
    .insertInto('exchange_event')
    .values({
      type: event.type,
      person_id: event.personId,
      region_code: event.regionCode,
      element_codes: [...event.elementCodes],
      payload: JSON.stringify(event.payload),
      created_at: sql<Date>`clock_timestamp()`,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Gives every committed, unsequenced event its position (oldest first, at most `limit`) and queues
 * a webhook delivery for each active subscription whose agreement covers it, in one transaction.
 * Returns the positions assigned, or null when there was nothing to do.
 */
export async function sequenceEvents(
  db: Executor,
  now: Date,
  today: string,
  limit = 5000,
): Promise<{ from: number; to: number } | null> {
  const work = async (trx: Transaction<Database>) => {
    await sql`SELECT pg_advisory_xact_lock(${SEQUENCER_LOCK})`.execute(trx);
    // one statement, so its snapshot is taken after the lock: it sees the previous run's positions
    const assigned = await sql<{ position: number }>`
      WITH head AS (SELECT coalesce(max(position), 0) AS p FROM exchange_event),
      next AS (
        SELECT id, row_number() OVER (ORDER BY emitted) AS rn
        FROM exchange_event WHERE position IS NULL
        ORDER BY emitted LIMIT ${limit}
      )
      UPDATE exchange_event e SET position = head.p + next.rn, sequenced_at = ${now}
      FROM next, head WHERE e.id = next.id
      RETURNING e.position`.execute(trx);
    if (assigned.rows.length === 0) return null;
    const positions = assigned.rows.map((r) => Number(r.position));
    const range = { from: Math.min(...positions), to: Math.max(...positions) };
    await queueDeliveries(trx, range, now, today);
    return range;
  };
  return db.isTransaction
    ? work(db as Transaction<Database>)
    : db.transaction().execute((trx) => work(trx));
}

/**
 * Queues deliveries of the events in a position range to every active subscription whose
 * agreement (valid today, its client active) covers one of their elements and their region.
 * An existing delivery of the same event to the same subscription is left alone.
 */
export async function queueDeliveries(
  db: Executor,
  range: { from: number; to: number },
  now: Date,
  today: string,
  subscriptionId?: string,
): Promise<number> {
  const result = await sql`
    INSERT INTO webhook_delivery (subscription_id, event_id, next_attempt_at, queued_at, created_at)
    SELECT s.id, e.id, ${now}, ${now}, ${now}
    FROM exchange_event e
    JOIN sharing_agreement a ON a.status = 'active'
      AND a.valid_from <= ${today}::date AND (a.valid_to IS NULL OR a.valid_to >= ${today}::date)
      AND e.element_codes && a.element_codes
      AND e.region_code LIKE a.region_code || '%'
    JOIN exchange_client c ON c.id = a.exchange_client_id AND c.status = 'active'
    JOIN webhook_subscription s ON s.agreement_id = a.id AND s.status = 'active'
    WHERE e.position BETWEEN ${range.from} AND ${range.to}
      ${subscriptionId ? sql`AND s.id = ${subscriptionId}` : sql``}
    ORDER BY e.position
    ON CONFLICT ON CONSTRAINT webhook_delivery_unique DO NOTHING`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/** The highest position handed out so far (0 when none). */
export async function feedHead(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('exchange_event')
    .select((eb) => eb.fn.max('position').as('head'))
    .executeTakeFirstOrThrow();
  return Number(row.head ?? 0);
}

type EventRow = {
  id: string;
  position: number | null;
  type: string;
  person_id: string | null;
  region_code: string;
  element_codes: string[];
  payload: Record<string, unknown>;
  created_at: Date;
};

export function recordOf(row: EventRow): ExchangeEventRecord {
  return {
    id: row.id,
    position: Number(row.position),
    type: row.type,
    personId: row.person_id,
    regionCode: row.region_code,
    elementCodes: row.element_codes,
    payload: row.payload,
    occurredAt: row.created_at.toISOString(),
  };
}

/**
 * Sequenced events after `cursor` up to `head` that touch one of the elements inside the region
 * subtree, in position order.
 */
export async function eventsAfter(
  db: Executor,
  filter: { cursor: number; head: number; elementCodes: readonly string[]; regionCode: string },
  limit: number,
): Promise<ExchangeEventRecord[]> {
  if (filter.elementCodes.length === 0) return [];
  const rows = await db
    .selectFrom('exchange_event')
    .select([
      'id',
      'position',
      'type',
      'person_id',
      'region_code',
      'element_codes',
      'payload',
      'created_at',
    ])
    .where('position', '>', filter.cursor)
    .where('position', '<=', filter.head)
    .where(
      sql<boolean>`element_codes && ARRAY[${sql.join(filter.elementCodes.map((c) => sql`${c}`))}]::text[]`,
    )
    .where('region_code', 'like', `${filter.regionCode}%`)
    .orderBy('position')
    .limit(limit)
    .execute();
  return rows.map(recordOf);
}

export async function findEvent(
  db: Executor,
  id: string,
): Promise<ExchangeEventRecord | undefined> {
  const row = await db
    .selectFrom('exchange_event')
    .select([
      'id',
      'position',
      'type',
      'person_id',
      'region_code',
      'element_codes',
      'payload',
      'created_at',
    ])
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? recordOf(row) : undefined;
}
