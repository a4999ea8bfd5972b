import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Executor } from '../audit/audit.repository';
import type { OrgUnitTable, PlaceTable } from '../../db/schema';
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

export type PlaceRow = Selectable<PlaceTable>;

/** Places under a parent (or the compounds of a region subtree), with child and resident counts. */
export async function listPlaces(
  db: Executor,
  parentId: string | null,
  regionCode: string | null,
  scopes: readonly string[],
) {
  let q = db
    .selectFrom('place as pl')
    .selectAll('pl')
    .select((eb) => [
      eb
        .selectFrom('place as c')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('c.parent_id', '=', 'pl.id')
        .as('child_count'),
      sql<number>`(SELECT count(DISTINCT ph.person_id) FROM person_house ph
        WHERE ph.end_date IS NULL AND ph.relation IN ('lives', 'rents') AND ph.house_id IN (
          SELECT h.id FROM place h WHERE h.id = pl.id
          UNION ALL SELECT h.id FROM place h WHERE h.parent_id = pl.id
          UNION ALL SELECT h.id FROM place h JOIN place u ON u.id = h.parent_id WHERE u.parent_id = pl.id
          UNION ALL SELECT h.id FROM place h JOIN place u ON u.id = h.parent_id
            JOIN place b ON b.id = u.parent_id WHERE b.parent_id = pl.id))`.as('resident_count'),
    ])
    .where((eb) => withinScopes(eb, 'pl.region_code', scopes));
  q = parentId ? q.where('pl.parent_id', '=', parentId) : q.where('pl.parent_id', 'is', null);
  if (regionCode) q = q.where('pl.region_code', 'like', `${regionCode}%`);
  return q
    .orderBy(sql`length(pl.name)`)
    .orderBy('pl.name')
    .limit(1000)
    .execute();
}

export async function findPlace(db: Executor, id: string) {
  return db.selectFrom('place').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertPlace(db: Executor, values: Insertable<PlaceTable>) {
  return db.insertInto('place').values(values).returning('id').executeTakeFirstOrThrow();
}
