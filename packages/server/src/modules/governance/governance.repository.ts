import type { DataElement } from '@shequ/core';
import {
  sql,
  type Expression,
  type ExpressionBuilder,
  type Selectable,
  type SqlBool,
} from 'kysely';
import type { Database, ElementValueTable, ValueSource } from '../../db/schema';
import type { ActorContext } from '../../http/context';
import type { Executor } from '../audit/audit.repository';
import { emitExchangeEvent } from '../exchange/exchange-events.repository';
import { escapeLike } from '../audit/audit.repository';

/** A verifier's reach: one department type inside one region subtree. */
export interface Reach {
  type: string;
  scope: string;
  departmentId: string;
}

/** Rows whose verifier and region fall inside one of the reaches; none when there are none. */
function within<TB extends keyof Database>(
  eb: ExpressionBuilder<Database, TB>,
  alias: 'v' | 'x',
  reaches: readonly Reach[],
): Expression<SqlBool> {
  if (reaches.length === 0) return sql<SqlBool>`false`;
  const verifier = sql.ref(`${alias}.verifier`);
  const region = sql.ref(`${alias}.region_code`);
  return eb.or(
    reaches.map(
      (r) =>
        sql<SqlBool>`(${verifier} = ${r.type} AND ${region} LIKE ${`${escapeLike(r.scope)}%`})`,
    ),
  );
}

const subjectColumns = [
  'p.name as person_name',
  'p.id_masked as person_id_masked',
  'p.region_code as person_region_code',
  'r.name as person_region_name',
] as const;

export async function listQueue(
  db: Executor,
  reaches: readonly Reach[],
  filter: { elementCode?: string; regionCode?: string; overdueAt?: Date },
  page: number,
  pageSize: number,
) {
  let q = db
    .selectFrom('element_value as v')
    .innerJoin('person as p', 'p.id', 'v.person_id')
    .innerJoin('region as r', 'r.code', 'p.region_code')
    .where('v.status', '=', 'collected')
    .where('v.due_at', 'is not', null)
    .where((eb) => within(eb as never, 'v', reaches));
  if (filter.elementCode) q = q.where('v.element_code', '=', filter.elementCode);
  if (filter.regionCode) {
    q = q.where('v.region_code', 'like', `${escapeLike(filter.regionCode)}%`);
  }
  if (filter.overdueAt) q = q.where('v.due_at', '<', filter.overdueAt);
  const [rows, count] = await Promise.all([
    q
      .leftJoin('department as d', 'd.id', 'v.verifying_department_id')
      .leftJoin('department as c', 'c.id', 'v.last_corroborated_by')
      .selectAll('v')
      .select([...subjectColumns, 'd.name as department_name', 'c.name as corroborator_name'])
      .orderBy('v.due_at')
      .orderBy('v.id')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export type QueueRow = Awaited<ReturnType<typeof listQueue>>['rows'][number];

export async function findValue(db: Executor, id: string) {
  return db
    .selectFrom('element_value as v')
    .innerJoin('person as p', 'p.id', 'v.person_id')
    .innerJoin('region as r', 'r.code', 'p.region_code')
    .leftJoin('department as d', 'd.id', 'v.verifying_department_id')
    .leftJoin('department as c', 'c.id', 'v.last_corroborated_by')
    .selectAll('v')
    .select([...subjectColumns, 'd.name as department_name', 'c.name as corroborator_name'])
    .where('v.id', '=', id)
    .executeTakeFirst();
}

export async function valuesOfPerson(db: Executor, personId: string) {
  return db
    .selectFrom('element_value as v')
    .leftJoin('department as d', 'd.id', 'v.verifying_department_id')
    .leftJoin('department as c', 'c.id', 'v.last_corroborated_by')
    .selectAll('v')
    .select(['d.name as department_name', 'c.name as corroborator_name'])
    .where('v.person_id', '=', personId)
    .orderBy('v.element_code')
    .execute();
}

export async function findValueOf(db: Executor, personId: string, elementCode: string) {
  return db
    .selectFrom('element_value')
    .selectAll()
    .where('person_id', '=', personId)
    .where('element_code', '=', elementCode)
    .forUpdate()
    .executeTakeFirst();
}

export async function listDiscrepancies(
  db: Executor,
  visible: { reaches: readonly Reach[]; raisedBy: readonly string[] },
  filter: {
    status: 'open' | 'ruled';
    elementCode?: string;
    regionCode?: string;
    overdueAt?: Date;
    comparisonJobId?: string;
  },
  page: number,
  pageSize: number,
) {
  let q = db
    .selectFrom('discrepancy as x')
    .innerJoin('person as p', 'p.id', 'x.person_id')
    .innerJoin('region as r', 'r.code', 'p.region_code')
    .innerJoin('department as td', 'td.id', 'x.their_department_id')
    .where('x.status', '=', filter.status)
    .where((eb) =>
      eb.or([
        within(eb as never, 'x', visible.reaches),
        visible.raisedBy.length > 0
          ? eb('x.their_department_id', 'in', visible.raisedBy)
          : sql<SqlBool>`false`,
      ]),
    );
  if (filter.elementCode) q = q.where('x.element_code', '=', filter.elementCode);
  if (filter.regionCode) {
    q = q.where('x.region_code', 'like', `${escapeLike(filter.regionCode)}%`);
  }
  if (filter.overdueAt) q = q.where('x.due_at', '<', filter.overdueAt);
  if (filter.comparisonJobId) q = q.where('x.comparison_job_id', '=', filter.comparisonJobId);
  const [rows, count] = await Promise.all([
    q
      .selectAll('x')
      .select([...subjectColumns, 'td.name as their_department_name'])
      .orderBy(
        filter.status === 'open' ? 'x.due_at' : 'x.ruled_at',
        filter.status === 'open' ? 'asc' : 'desc',
      )
      .orderBy('x.id')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export type DiscrepancyRow = Awaited<ReturnType<typeof listDiscrepancies>>['rows'][number];

export async function findDiscrepancy(db: Executor, id: string) {
  return db
    .selectFrom('discrepancy as x')
    .innerJoin('person as p', 'p.id', 'x.person_id')
    .innerJoin('region as r', 'r.code', 'p.region_code')
    .innerJoin('department as td', 'td.id', 'x.their_department_id')
    .selectAll('x')
    .select([...subjectColumns, 'td.name as their_department_name'])
    .where('x.id', '=', id)
    .executeTakeFirst();
}

/** Departments by id, with their type and region (a grant names its department by id). */
export async function findDepartmentsByIds(db: Executor, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('department')
    .select(['id', 'type_code', 'region_code', 'name'])
    .where('id', 'in', ids)
    .execute();
}

export /** The department a comparing or verifying user acts for. */
interface ActingDepartment {
  id: string;
  type: string;
  scope: string;
}

const DAY = 86_400_000;

/** Inserts or replaces a value's status as collected (or verified, when its verifier wrote it). */
export async function upsertCollected(
  tx: Executor,
  v: {
    personId: string;
    element: DataElement;
    regionCode: string;
    value: string | null;
    source: ValueSource;
    actorId: string | null;
    actorName: string;
    at: Date;
    /** The writer's department when the writer is the value's verifier. */
    verifiedBy: string | null;
    /** False for stock values first seen by a comparison: recorded, not put in the queue. */
    queued?: boolean;
  },
) {
  const verified = v.verifiedBy !== null;
  const due =
    verified || v.queued === false
      ? null
      : new Date(v.at.getTime() + v.element.timeLimitDays * DAY);
  return tx
    .insertInto('element_value')
    .values({
      person_id: v.personId,
      element_code: v.element.code,
      region_code: v.regionCode,
      value: v.value,
      status: verified ? 'verified' : 'collected',
      verifier: v.element.verifier!,
      source: v.source,
      collected_by: v.actorId,
      collected_by_name: v.actorName,
      collected_at: v.at,
      due_at: due,
      ...(verified
        ? {
            verified_value: v.value,
            verified_at: v.at,
            verified_by: v.actorId,
            verified_by_name: v.actorName,
            verifying_department_id: v.verifiedBy,
          }
        : {}),
      created_at: v.at,
      updated_at: v.at,
    })
    .onConflict((oc) =>
      oc.columns(['person_id', 'element_code']).doUpdateSet((eb) => ({
        value: eb.ref('excluded.value'),
        region_code: eb.ref('excluded.region_code'),
        verifier: eb.ref('excluded.verifier'),
        source: eb.ref('excluded.source'),
        collected_by: eb.ref('excluded.collected_by'),
        collected_by_name: eb.ref('excluded.collected_by_name'),
        collected_at: eb.ref('excluded.collected_at'),
        reason: null,
        // changed back to the verified value: it stays verified, and leaves the queue
        status: sql`CASE WHEN excluded.status = 'verified' OR (element_value.verified_at IS NOT NULL
                    AND element_value.verified_value IS NOT DISTINCT FROM excluded.value)
                    THEN 'verified' ELSE 'collected' END`,
        due_at: sql`CASE WHEN excluded.status = 'verified' OR (element_value.verified_at IS NOT NULL
                    AND element_value.verified_value IS NOT DISTINCT FROM excluded.value)
                    THEN NULL ELSE excluded.due_at END`,
        verified_value: sql`CASE WHEN excluded.status = 'verified' THEN excluded.value ELSE element_value.verified_value END`,
        verified_at: sql`CASE WHEN excluded.status = 'verified' THEN excluded.verified_at ELSE element_value.verified_at END`,
        verified_by: sql`CASE WHEN excluded.status = 'verified' THEN excluded.verified_by ELSE element_value.verified_by END`,
        verified_by_name: sql`CASE WHEN excluded.status = 'verified' THEN excluded.verified_by_name ELSE element_value.verified_by_name END`,
        verifying_department_id: sql`CASE WHEN excluded.status = 'verified' THEN excluded.verifying_department_id ELSE element_value.verifying_department_id END`,
        updated_at: eb.ref('excluded.updated_at'),
        version: sql`element_value.version + 1`,
      })),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A comparing department's match: counted, and from the verifier itself a verification. */
export async function corroborate(
  tx: Executor,
  m: {
    person: { id: string; region_code: string };
    element: DataElement;
    value: string | null;
    department: ActingDepartment;
    existing: Selectable<ElementValueTable> | undefined;
    verifies: boolean;
    ctx: ActorContext;
    at: Date;
  },
) {
  const row =
    m.existing ??
    (await upsertCollected(tx, {
      personId: m.person.id,
      element: m.element,
      regionCode: m.person.region_code,
      value: m.value,
      source: 'comparison',
      actorId: null,
      actorName: '存量数据',
      at: m.at,
      verifiedBy: null,
      queued: false,
    }));
  await tx
    .updateTable('element_value')
    .set({
      corroborations: sql`corroborations + 1`,
      last_corroborated_at: m.at,
      last_corroborated_by: m.department.id,
      ...(m.verifies && row.status !== 'disputed'
        ? {
            status: 'verified' as const,
            due_at: null,
            verified_value: m.value,
            verified_at: m.at,
            verified_by: m.ctx.actor.userId,
            verified_by_name: m.ctx.actor.displayName,
            verifying_department_id: m.department.id,
          }
        : {}),
      updated_at: m.at,
      version: sql`version + 1`,
    })
    .where('id', '=', row.id)
    .execute();
}

export const eventNames = {
  confirm: 'verified',
  reject: 'rejected',
  correct: 'corrected',
} as const;

/**
 * Reports a change of governed values to the exchange outbox, in the writer's transaction: the
 * change feed and webhooks of clients whose agreement covers an element carry its entry.
 */
export async function valueEvent(
  tx: Executor,
  type: string,
  personId: string,
  regionCode: string,
  elements: Record<string, Record<string, unknown>>,
) {
  await emitExchangeEvent(tx, {
    type,
    personId,
    regionCode,
    elementCodes: Object.keys(elements),
    payload: { elements },
  });
}

/** The person a queue item or case is about, as the API shows them (masked). */
export function subjectOf(r: {
  person_id: string;
  person_name: string;
  person_id_masked: string;
  person_region_code: string;
  person_region_name: string;
}) {
  return {
    id: r.person_id,
    name: r.person_name,
    idMasked: r.person_id_masked,
    regionCode: r.person_region_code,
    regionName: r.person_region_name,
  };
}
