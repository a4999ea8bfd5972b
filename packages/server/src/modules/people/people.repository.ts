import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Executor } from '../audit/audit.repository';
import type { GroupMembershipTable, PersonHouseTable, PersonTable } from '../../db/schema';
import { withinScopes } from '../../db/scope';

export type PersonRecordRow = Selectable<PersonTable> & { region_name: string };

export interface PersonFilter {
  scopes: readonly string[];
  name?: string | undefined;
  documentIndex?: string | undefined;
  phoneIndex?: string | undefined;
  householdNumber?: string | undefined;
  address?: string | undefined;
  regionCode?: string | undefined;
  group?: string | undefined;
  tag?: string | undefined;
  /** Inclusive birth-date bounds computed from ages. */
  bornFrom?: string | undefined;
  bornTo?: string | undefined;
  residenceType?: string | undefined;
  lifeStatus?: string | undefined;
  houseId?: string | undefined;
  includeMerged?: boolean;
}

/** Names sort in code-point order (COLLATE "C"), the order the name index keeps. */
const SORT_COLUMNS = {
  name: 'p.name',
  birthDate: 'p.birth_date',
  updatedAt: 'p.updated_at',
  regionCode: 'p.region_code',
} as const;

function filtered(db: Executor, filter: PersonFilter) {
  let q = db
    .selectFrom('person as p')
    .where((eb) => withinScopes(eb, 'p.region_code', filter.scopes));
  if (!filter.includeMerged) q = q.where('p.merged_into', 'is', null);
  if (filter.regionCode) q = q.where('p.region_code', 'like', `${filter.regionCode}%`);
  if (filter.name) {
    const prefix = `${filter.name.replace(/[\\%_]/g, '\\$&')}%`;
    q = q.where(sql<boolean>`p.name COLLATE "C" LIKE ${prefix}`);
  }
  if (filter.documentIndex) q = q.where('p.document_bidx', '=', filter.documentIndex);
  if (filter.phoneIndex) q = q.where('p.phone_bidx', '=', filter.phoneIndex);
  if (filter.residenceType) q = q.where('p.residence_type', '=', filter.residenceType as never);
  if (filter.lifeStatus) q = q.where('p.life_status', '=', filter.lifeStatus);
  if (filter.tag) q = q.where(sql<boolean>`${filter.tag} = ANY (p.tags)`);
  if (filter.bornFrom) q = q.where('p.birth_date', '>=', filter.bornFrom);
  if (filter.bornTo) q = q.where('p.birth_date', '<=', filter.bornTo);
  if (filter.group) {
    const group = filter.group;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('group_membership as g')
          .select('g.id')
          .whereRef('g.person_id', '=', 'p.id')
          .where('g.group_code', '=', group)
          .where('g.status', '=', 'active'),
      ),
    );
  }
  if (filter.householdNumber) {
    const number = filter.householdNumber;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('household_member as m')
          .innerJoin('household as h', 'h.id', 'm.household_id')
          .select('m.id')
          .whereRef('m.person_id', '=', 'p.id')
          .where('m.left_on', 'is', null)
          .where('h.number', '=', number),
      ),
    );
  }
  if (filter.houseId) {
    const houseId = filter.houseId;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('person_house as ph')
          .select('ph.id')
          .whereRef('ph.person_id', '=', 'p.id')
          .where('ph.end_date', 'is', null)
          .where('ph.house_id', '=', houseId),
      ),
    );
  }
  if (filter.address) {
    const pattern = `%${filter.address.replace(/[\\%_]/g, '\\$&')}%`;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('person_house as ph')
          .innerJoin('place as h', 'h.id', 'ph.house_id')
          .leftJoin('place as p1', 'p1.id', 'h.parent_id')
          .leftJoin('place as p2', 'p2.id', 'p1.parent_id')
          .leftJoin('place as p3', 'p3.id', 'p2.parent_id')
          .select('ph.id')
          .whereRef('ph.person_id', '=', 'p.id')
          .where('ph.end_date', 'is', null)
          .where(sql<boolean>`concat_ws(' ', p3.name, p2.name, p1.name, h.name) LIKE ${pattern}`),
      ),
    );
  }
  return q;
}

/** One page of people matching the filter, with the total. */
export async function searchPeople(
  db: Executor,
  filter: PersonFilter,
  sort: keyof typeof SORT_COLUMNS,
  order: 'asc' | 'desc',
  page: number,
  pageSize: number,
): Promise<{ rows: PersonRecordRow[]; total: number }> {
  const base = filtered(db, filter);
  const [rows, count] = await Promise.all([
    base
      .innerJoin('region as r', 'r.code', 'p.region_code')
      .selectAll('p')
      .select('r.name as region_name')
      .orderBy(sort === 'name' ? sql`p.name COLLATE "C"` : sql.ref(SORT_COLUMNS[sort]), order)
      .orderBy('p.id')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** Every person matching the filter, in batches, for export. */
export async function* streamPeople(
  db: Executor,
  filter: PersonFilter,
  batchSize = 2000,
): AsyncGenerator<PersonRecordRow[]> {
  let after = '';
  for (;;) {
    const rows = await filtered(db, filter)
      .innerJoin('region as r', 'r.code', 'p.region_code')
      .selectAll('p')
      .select('r.name as region_name')
      .where('p.id', '>', after || '00000000-0000-0000-0000-000000000000')
      .orderBy('p.id')
      .limit(batchSize)
      .execute();
    if (rows.length === 0) return;
    yield rows;
    after = rows[rows.length - 1]!.id;
  }
}

export async function findPerson(db: Executor, id: string): Promise<PersonRecordRow | undefined> {
  return db
    .selectFrom('person as p')
    .innerJoin('region as r', 'r.code', 'p.region_code')
    .selectAll('p')
    .select('r.name as region_name')
    .where('p.id', '=', id)
    .executeTakeFirst();
}

/** Current (not merged) people with this document blind index. */
export async function findByDocumentIndex(db: Executor, documentIndex: string) {
  return db
    .selectFrom('person as p')
    .innerJoin('region as r', 'r.code', 'p.region_code')
    .select(['p.id', 'p.name', 'p.region_code', 'r.name as region_name'])
    .where('p.document_bidx', '=', documentIndex)
    .where('p.merged_into', 'is', null)
    .execute();
}

export async function insertPerson(db: Executor, values: Insertable<PersonTable>) {
  return db.insertInto('person').values(values).returning('id').executeTakeFirstOrThrow();
}

/** Updates a person at the version read; undefined when someone else changed it meanwhile. */
export async function updatePerson(
  db: Executor,
  id: string,
  version: number,
  values: Updateable<PersonTable>,
  at: Date,
) {
  return db
    .updateTable('person')
    .set({ ...values, updated_at: at, version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
}

export async function findCurrentHousehold(db: Executor, personId: string) {
  return db
    .selectFrom('household_member as m')
    .innerJoin('household as h', 'h.id', 'm.household_id')
    .innerJoin('region as r', 'r.code', 'h.region_code')
    .select(['h.id', 'h.number', 'h.household_type', 'h.region_code', 'r.name as region_name'])
    .where('m.person_id', '=', personId)
    .where('m.left_on', 'is', null)
    .executeTakeFirst();
}

export async function findHousehold(db: Executor, id: string) {
  return db
    .selectFrom('household as h')
    .innerJoin('region as r', 'r.code', 'h.region_code')
    .select(['h.id', 'h.number', 'h.household_type', 'h.region_code', 'r.name as region_name'])
    .where('h.id', '=', id)
    .executeTakeFirst();
}

export async function listHouseholdMembers(db: Executor, householdId: string) {
  return db
    .selectFrom('household_member as m')
    .innerJoin('person as p', 'p.id', 'm.person_id')
    .select([
      'm.id',
      'm.person_id',
      'm.relation',
      'm.joined_on',
      'p.name',
      'p.id_masked',
      'p.sex',
      'p.birth_date',
    ])
    .where('m.household_id', '=', householdId)
    .where('m.left_on', 'is', null)
    .orderBy(sql`m.relation = '02'`, 'desc')
    .orderBy('m.relation')
    .orderBy('p.birth_date')
    .execute();
}

const houseAddress = sql<string>`concat_ws(' ', p3.name, p2.name, p1.name, h.name)`;

export async function listPersonHouses(db: Executor, personId: string) {
  return db
    .selectFrom('person_house as ph')
    .innerJoin('place as h', 'h.id', 'ph.house_id')
    .leftJoin('place as p1', 'p1.id', 'h.parent_id')
    .leftJoin('place as p2', 'p2.id', 'p1.parent_id')
    .leftJoin('place as p3', 'p3.id', 'p2.parent_id')
    .selectAll('ph')
    .select(houseAddress.as('address'))
    .where('ph.person_id', '=', personId)
    .orderBy('ph.end_date', (ob) => ob.desc().nullsFirst())
    .orderBy('ph.start_date', 'desc')
    .execute();
}

/** The address (compound building unit house) of each house id. */
export async function houseAddresses(
  db: Executor,
  ids: readonly string[],
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('place as h')
    .leftJoin('place as p1', 'p1.id', 'h.parent_id')
    .leftJoin('place as p2', 'p2.id', 'p1.parent_id')
    .leftJoin('place as p3', 'p3.id', 'p2.parent_id')
    .select(['h.id', houseAddress.as('address')])
    .where('h.id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.id, r.address]));
}

export async function insertPersonHouse(db: Executor, values: Insertable<PersonHouseTable>) {
  return db.insertInto('person_house').values(values).returning('id').executeTakeFirstOrThrow();
}

/** Ends the current primary residence of a person (if any) on `endDate`, the new one's start. */
export async function endPrimaryResidence(
  db: Executor,
  personId: string,
  endDate: string,
  at: Date,
) {
  await db
    .updateTable('person_house')
    .set({ end_date: endDate, updated_at: at, version: sql`version + 1` })
    .where('person_id', '=', personId)
    .where('relation', '=', 'lives')
    .where('is_primary', '=', true)
    .where('end_date', 'is', null)
    .execute();
}

export async function listMemberships(db: Executor, personId: string) {
  return db
    .selectFrom('group_membership')
    .selectAll()
    .where('person_id', '=', personId)
    .orderBy('status')
    .orderBy('start_date', 'desc')
    .execute();
}

export async function insertMembership(db: Executor, values: Insertable<GroupMembershipTable>) {
  return db.insertInto('group_membership').values(values).returning('id').executeTakeFirstOrThrow();
}

export async function findMembership(db: Executor, id: string) {
  return db.selectFrom('group_membership').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function endMembership(
  db: Executor,
  id: string,
  endDate: string,
  endReason: string,
  at: Date,
) {
  await db
    .updateTable('group_membership')
    .set({
      status: 'ended',
      end_date: endDate,
      end_reason: endReason,
      updated_at: at,
      version: sql`version + 1`,
    })
    .where('id', '=', id)
    .where('status', '=', 'active')
    .execute();
}

/** Members of a group register inside the scopes, one page. */
export async function listGroupRegister(
  db: Executor,
  groupCode: string,
  status: 'active' | 'ended',
  scopes: readonly string[],
  regionCode: string | undefined,
  page: number,
  pageSize: number,
) {
  let q = db
    .selectFrom('group_membership as g')
    .innerJoin('person as p', 'p.id', 'g.person_id')
    .where('g.group_code', '=', groupCode)
    .where('g.status', '=', status)
    .where('p.merged_into', 'is', null)
    .where((eb) => withinScopes(eb, 'p.region_code', scopes));
  if (regionCode) q = q.where('p.region_code', 'like', `${regionCode}%`);
  const [rows, count] = await Promise.all([
    q
      .innerJoin('region as r', 'r.code', 'p.region_code')
      .selectAll('p')
      .select([
        'r.name as region_name',
        'g.id as membership_id',
        'g.status as membership_status',
        'g.start_date as membership_start',
        'g.end_date as membership_end',
        'g.attention_level',
        'g.attributes',
      ])
      .orderBy('p.region_code')
      .orderBy('p.name')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** The person and every record attached to them (memberships, houses, groups, merged duplicates). */
export async function historyEntityIds(db: Executor, personId: string): Promise<string[]> {
  const rows = await sql<{ id: string }>`
    SELECT id FROM person WHERE id = ${personId} OR merged_into = ${personId}
    UNION ALL SELECT id FROM household_member WHERE person_id IN
      (SELECT id FROM person WHERE id = ${personId} OR merged_into = ${personId})
    UNION ALL SELECT id FROM person_house WHERE person_id IN
      (SELECT id FROM person WHERE id = ${personId} OR merged_into = ${personId})
    UNION ALL SELECT id FROM group_membership WHERE person_id IN
      (SELECT id FROM person WHERE id = ${personId} OR merged_into = ${personId})
    UNION ALL SELECT id FROM party_member WHERE person_id IN
      (SELECT id FROM person WHERE id = ${personId} OR merged_into = ${personId})`.execute(db);
  return rows.rows.map((r) => r.id);
}

export async function listChanges(db: Executor, entityIds: readonly string[], until?: Date) {
  if (entityIds.length === 0) return [];
  let q = db
    .selectFrom('entity_change')
    .selectAll()
    .where('entity_id', 'in', entityIds)
    .orderBy('seq');
  if (until) q = q.where('changed_at', '<', until);
  return q.execute();
}

/** Groups of likely duplicates inside the scopes. */
export async function findDuplicateGroups(db: Executor, scopes: readonly string[], limit: number) {
  const scope = (column: string) =>
    scopes.length === 0
      ? sql`false`
      : sql.join(
          scopes.map((s) => sql`${sql.ref(column)} LIKE ${`${s}%`}`),
          sql` OR `,
        );
  const sameId = await sql<{ ids: string[] }>`
    SELECT array_agg(id ORDER BY created_at) AS ids FROM person
    WHERE merged_into IS NULL AND (${scope('region_code')})
    GROUP BY document_bidx HAVING count(*) > 1 LIMIT ${limit}`.execute(db);
  const sameNameBirth = await sql<{ ids: string[] }>`
    SELECT array_agg(id ORDER BY created_at) AS ids FROM person
    WHERE merged_into IS NULL AND birth_date IS NOT NULL AND (${scope('region_code')})
    GROUP BY left(region_code, 12), name, birth_date
    HAVING count(*) > 1 AND count(DISTINCT document_bidx) > 1 LIMIT ${limit}`.execute(db);
  return {
    sameId: sameId.rows.map((r) => r.ids),
    sameNameBirth: sameNameBirth.rows.map((r) => r.ids),
  };
}

export async function findPeople(db: Executor, ids: readonly string[]): Promise<PersonRecordRow[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('person as p')
    .innerJoin('region as r', 'r.code', 'p.region_code')
    .selectAll('p')
    .select('r.name as region_name')
    .where('p.id', 'in', ids)
    .execute();
}

/** Moves the records attached to `from` onto `to` where `to` has none of the same kind. */
export async function reattachRecords(
  db: Executor,
  from: string,
  to: string,
  at: Date,
  today: string,
) {
  const bump = { updated_at: at, version: sql<number>`version + 1` };
  const toHasHousehold = await db
    .selectFrom('household_member')
    .select('id')
    .where('person_id', '=', to)
    .where('left_on', 'is', null)
    .executeTakeFirst();
  if (toHasHousehold) {
    await db
      .updateTable('household_member')
      .set({ left_on: today, ...bump })
      .where('person_id', '=', from)
      .where('left_on', 'is', null)
      .execute();
  } else {
    await db
      .updateTable('household_member')
      .set({ person_id: to, ...bump })
      .where('person_id', '=', from)
      .where('left_on', 'is', null)
      .execute();
  }
  await db
    .updateTable('person_house as a')
    .set({ end_date: today, ...bump })
    .where('a.person_id', '=', from)
    .where('a.end_date', 'is', null)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('person_house as b')
          .select('b.id')
          .where('b.person_id', '=', to)
          .where('b.end_date', 'is', null)
          .where((w) =>
            w.or([
              w.and([
                w('b.house_id', '=', w.ref('a.house_id')),
                w('b.relation', '=', w.ref('a.relation')),
              ]),
              w.and([
                w('a.relation', '=', 'lives'),
                w('a.is_primary', '=', true),
                w('b.relation', '=', 'lives'),
                w('b.is_primary', '=', true),
              ]),
            ]),
          ),
      ),
    )
    .execute();
  await db
    .updateTable('person_house')
    .set({ person_id: to, ...bump })
    .where('person_id', '=', from)
    .where('end_date', 'is', null)
    .execute();
  await db
    .updateTable('group_membership as a')
    .set({ status: 'ended', end_date: today, end_reason: '重复人员合并', ...bump })
    .where('a.person_id', '=', from)
    .where('a.status', '=', 'active')
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('group_membership as b')
          .select('b.id')
          .where('b.person_id', '=', to)
          .where('b.status', '=', 'active')
          .whereRef('b.group_code', '=', 'a.group_code'),
      ),
    )
    .execute();
  await db
    .updateTable('group_membership')
    .set({ person_id: to, ...bump })
    .where('person_id', '=', from)
    .where('status', '=', 'active')
    .execute();
  const toIsMember = await db
    .selectFrom('party_member')
    .select('id')
    .where('person_id', '=', to)
    .where('status', '<>', 'transferred_out')
    .executeTakeFirst();
  if (!toIsMember) {
    await db
      .updateTable('party_member')
      .set({ person_id: to, ...bump })
      .where('person_id', '=', from)
      .where('status', '<>', 'transferred_out')
      .execute();
  }
}
