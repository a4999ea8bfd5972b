import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Database } from '../../db/schema';
import type { Executor } from '../audit/audit.repository';
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
      .selectAll('v')
      .select([...subjectColumns, 'd.name as department_name'])
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
    .selectAll('v')
    .select([...subjectColumns, 'd.name as department_name'])
    .where('v.id', '=', id)
    .executeTakeFirst();
}

export async function valuesOfPerson(db: Executor, personId: string) {
  return db
    .selectFrom('element_value as v')
    .leftJoin('department as d', 'd.id', 'v.verifying_department_id')
    .selectAll('v')
    .select('d.name as department_name')
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
  filter: { status: 'open' | 'ruled'; elementCode?: string; regionCode?: string; overdueAt?: Date },
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
