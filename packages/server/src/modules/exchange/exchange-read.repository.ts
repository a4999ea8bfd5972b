import { sql, type Selectable } from 'kysely';
import type {
  CatalogSettingTable,
  ElementValueTable,
  EntityChangeTable,
  HouseholdTable,
} from '../../db/schema';
import type { Executor } from '../audit/audit.repository';

/** The rows a machine read is assembled from: people, their registers, history, value status. */

export type ChangeRow = Selectable<EntityChangeTable>;
export type ElementValueRow = Selectable<ElementValueTable>;
export type CatalogSettingRow = Selectable<CatalogSettingTable>;
export type HouseholdRow = Pick<
  Selectable<HouseholdTable>,
  'id' | 'number' | 'household_type' | 'region_code'
>;

export async function findPersonHead(db: Executor, id: string) {
  return db
    .selectFrom('person')
    .select(['id', 'region_code', 'merged_into'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Current (not merged) people with this document blind index. */
export async function findPeopleByDocumentIndex(db: Executor, documentIndex: string) {
  return db
    .selectFrom('person')
    .select(['id', 'region_code'])
    .where('document_bidx', '=', documentIndex)
    .where('merged_into', 'is', null)
    .orderBy('id')
    .execute();
}

const householdColumns = ['id', 'number', 'household_type', 'region_code'] as const;

export async function findHousehold(db: Executor, id: string): Promise<HouseholdRow | undefined> {
  return db
    .selectFrom('household')
    .select(householdColumns)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function findHouseholdByNumber(
  db: Executor,
  number: string,
): Promise<HouseholdRow | undefined> {
  return db
    .selectFrom('household')
    .select(householdColumns)
    .where('number', '=', number)
    .executeTakeFirst();
}

/** The households these people currently belong to. */
export async function currentHouseholdsOf(
  db: Executor,
  personIds: readonly string[],
): Promise<HouseholdRow[]> {
  if (personIds.length === 0) return [];
  return db
    .selectFrom('household_member as m')
    .innerJoin('household as h', 'h.id', 'm.household_id')
    .select(['h.id', 'h.number', 'h.household_type', 'h.region_code'])
    .where('m.person_id', 'in', personIds)
    .where('m.left_on', 'is', null)
    .distinct()
    .orderBy('h.id')
    .execute();
}

/** A household's current members who are current people: the head first, then by relation. */
export async function currentMembersOf(db: Executor, householdId: string) {
  return db
    .selectFrom('household_member as m')
    .innerJoin('person as p', 'p.id', 'm.person_id')
    .select(['m.person_id', 'm.relation', 'm.joined_on', 'p.region_code'])
    .where('m.household_id', '=', householdId)
    .where('m.left_on', 'is', null)
    .where('p.merged_into', 'is', null)
    .orderBy(sql`m.relation = '02'`, 'desc')
    .orderBy('m.relation')
    .orderBy('m.joined_on')
    .orderBy('m.person_id')
    .execute();
}

/** The register memberships of these people (any status): their history belongs to them. */
export async function membershipsOf(db: Executor, personIds: readonly string[]) {
  if (personIds.length === 0) return [];
  return db
    .selectFrom('group_membership')
    .select(['id', 'person_id'])
    .where('person_id', 'in', personIds)
    .execute();
}

/** The history of these rows recorded before `until`, in order. */
export async function changesBefore(
  db: Executor,
  entityIds: readonly string[],
  until: Date,
): Promise<ChangeRow[]> {
  if (entityIds.length === 0) return [];
  return db
    .selectFrom('entity_change')
    .selectAll()
    .where('entity_id', 'in', entityIds)
    .where('entity', 'in', ['person', 'group_membership'])
    .where('changed_at', '<', until)
    .orderBy('seq')
    .execute();
}

/** Status rows of these people's values of these elements. */
export async function elementValuesOf(
  db: Executor,
  personIds: readonly string[],
  elementCodes: readonly string[],
): Promise<ElementValueRow[]> {
  if (personIds.length === 0 || elementCodes.length === 0) return [];
  return db
    .selectFrom('element_value')
    .selectAll()
    .where('person_id', 'in', personIds)
    .where('element_code', 'in', elementCodes)
    .execute();
}

export async function catalogSettings(db: Executor): Promise<CatalogSettingRow[]> {
  return db.selectFrom('catalog_setting').selectAll().execute();
}

/**
 * The next people (by id) who may have lived inside the region subtree by the end of the as-of
 * day: those who live there now, and, for a past day, those whose history places them there.
 */
export async function exportCandidates(
  db: Executor,
  filter: { regionCode: string; afterId: string | null; includeMovedAway: boolean; until: Date },
  limit: number,
): Promise<string[]> {
  const prefix = `${filter.regionCode}%`;
  const after = filter.afterId ?? '00000000-0000-0000-0000-000000000000';
  const moved = filter.includeMovedAway
    ? sql`UNION SELECT entity_id AS id FROM entity_change
          WHERE entity = 'person' AND new_values->>'region_code' LIKE ${prefix}
            AND changed_at < ${filter.until} AND entity_id > ${after}::uuid`
    : sql``;
  const rows = await sql<{ id: string }>`
    SELECT id FROM (
      SELECT id FROM person WHERE region_code LIKE ${prefix} AND id > ${after}::uuid
      ${moved}
    ) c ORDER BY id LIMIT ${limit}`.execute(db);
  return rows.rows.map((r) => r.id);
}
