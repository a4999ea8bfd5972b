import { sql, type Insertable, type Updateable } from 'kysely';
import type { Executor } from '../audit/audit.repository';
import type { OrgUnitTable } from '../../db/schema';
import { withinScopes } from '../../db/scope';

export interface OrgUnitFilter {
  scopes: readonly string[];
  q?: string | undefined;
  kind?: string | undefined;
  regionCode?: string | undefined;
}

export async function listOrgUnits(
  db: Executor,
  filter: OrgUnitFilter,
  page: number,
  pageSize: number,
) {
  let q = db
    .selectFrom('org_unit as u')
    .where((eb) => withinScopes(eb, 'u.region_code', filter.scopes));
  if (filter.q) {
    const term = filter.q;
    q = q.where((eb) =>
      eb.or([
        eb('u.name', 'like', `%${term.replace(/[\\%_]/g, '\\$&')}%`),
        eb('u.credit_code', '=', term.toUpperCase()),
      ]),
    );
  }
  if (filter.kind) q = q.where('u.kind', '=', filter.kind);
  if (filter.regionCode) q = q.where('u.region_code', 'like', `${filter.regionCode}%`);
  const [rows, count] = await Promise.all([
    q
      .innerJoin('region as r', 'r.code', 'u.region_code')
      .selectAll('u')
      .select('r.name as region_name')
      .orderBy('u.name')
      .orderBy('u.id')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export async function findOrgUnit(db: Executor, id: string) {
  return db
    .selectFrom('org_unit as u')
    .innerJoin('region as r', 'r.code', 'u.region_code')
    .selectAll('u')
    .select('r.name as region_name')
    .where('u.id', '=', id)
    .executeTakeFirst();
}

export async function findOrgUnitByCreditCode(db: Executor, creditCode: string) {
  return db
    .selectFrom('org_unit')
    .select(['id', 'name'])
    .where('credit_code', '=', creditCode)
    .executeTakeFirst();
}

export async function insertOrgUnit(db: Executor, values: Insertable<OrgUnitTable>) {
  return db.insertInto('org_unit').values(values).returning('id').executeTakeFirstOrThrow();
}

export async function updateOrgUnit(
  db: Executor,
  id: string,
  version: number,
  values: Updateable<OrgUnitTable>,
  at: Date,
) {
  return db
    .updateTable('org_unit')
    .set({ ...values, updated_at: at, version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
}
