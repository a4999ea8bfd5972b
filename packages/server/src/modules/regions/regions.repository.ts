import type { Region, RegionChangeKind, RegionLevel } from '@shequ/core';
import { sql } from 'kysely';
import type { NewRegion, RegionRow } from '../../db/schema';
import { withinScopes } from '../../db/scope';
import { escapeLike, type Executor } from '../audit/audit.repository';

type RegionWithCount = RegionRow & { child_count: number };

function selectRegions(db: Executor) {
  return db
    .selectFrom('region as r')
    .selectAll('r')
    .select((eb) =>
      eb
        .selectFrom('region as c')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('c.parent_code', '=', 'r.code')
        .where('c.valid_to', 'is', null)
        .as('child_count'),
    );
}

export function toRegion(row: RegionWithCount): Region {
  return {
    code: row.code,
    name: row.name,
    level: row.level,
    parentCode: row.parent_code,
    path: row.path,
    validFrom: row.valid_from,
    validTo: row.valid_to,
    childCount: Number(row.child_count ?? 0),
  };
}

export async function findRegion(db: Executor, code: string): Promise<RegionWithCount | undefined> {
  return selectRegions(db).where('r.code', '=', code).executeTakeFirst() as Promise<
    RegionWithCount | undefined
  >;
}

export async function findRegions(
  db: Executor,
  codes: readonly string[],
): Promise<RegionWithCount[]> {
  if (codes.length === 0) return [];
  return (await selectRegions(db)
    .where('r.code', 'in', codes)
    .orderBy('r.code')
    .execute()) as RegionWithCount[];
}

/**
 * Current children of a region that the caller may see: inside a scope, or an ancestor of one
 * (so the path down to a granted subtree stays navigable).
 */
export async function listChildren(
  db: Executor,
  parentCode: string,
  scopes: readonly string[],
  scopeAncestors: readonly string[],
): Promise<RegionWithCount[]> {
  return (await selectRegions(db)
    .where('r.parent_code', '=', parentCode)
    .where('r.valid_to', 'is', null)
    .where((eb) =>
      scopeAncestors.length > 0
        ? eb.or([withinScopes(eb, 'r.code', scopes), eb('r.code', 'in', scopeAncestors)])
        : withinScopes(eb, 'r.code', scopes),
    )
    .orderBy('r.code')
    .execute()) as RegionWithCount[];
}

/** Regions inside the scopes whose name contains the text, shortest codes (highest levels) first. */
export async function searchRegions(
  db: Executor,
  q: string,
  scopes: readonly string[],
  level: RegionLevel | undefined,
  limit: number,
): Promise<RegionWithCount[]> {
  let query = selectRegions(db)
    .where('r.name', 'like', `%${escapeLike(q)}%`)
    .where('r.valid_to', 'is', null)
    .where((eb) => withinScopes(eb, 'r.code', scopes));
  if (level) query = query.where('r.level', '=', level);
  return (await query
    .orderBy(sql`length(r.code)`)
    .orderBy('r.code')
    .limit(limit)
    .execute()) as RegionWithCount[];
}

/** The whole current subtree under a code, in code order, for export. */
export async function listSubtree(
  db: Executor,
  code: string,
  maxRows: number,
): Promise<RegionRow[]> {
  return db
    .selectFrom('region')
    .selectAll()
    .where('code', 'like', `${code}%`)
    .where('valid_to', 'is', null)
    .orderBy('code')
    .limit(maxRows)
    .execute();
}

export async function countByLevel(
  db: Executor,
  prefix: string,
): Promise<Record<RegionLevel, number>> {
  const rows = await db
    .selectFrom('region')
    .select(['level', (eb) => eb.fn.countAll<number>().as('n')])
    .where('code', 'like', `${prefix}%`)
    .where('valid_to', 'is', null)
    .groupBy('level')
    .execute();
  const out: Record<RegionLevel, number> = {
    province: 0,
    city: 0,
    county: 0,
    street: 0,
    community: 0,
    grid: 0,
  };
  for (const row of rows) out[row.level] = Number(row.n);
  return out;
}

/** Inserts regions in batches; existing codes are left as they are (loading is idempotent). */
export async function insertRegions(
  db: Executor,
  rows: readonly NewRegion[],
  batchSize = 1000,
): Promise<number> {
  let inserted = 0;
  for (let i = 0; i < rows.length; i += batchSize) {
    const batch = rows.slice(i, i + batchSize);
    const result = await db
      .insertInto('region')
      .values(batch)
      .onConflict((oc) => oc.column('code').doNothing())
      .executeTakeFirst();
    inserted += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  return inserted;
}

export async function nextGridSequence(db: Executor, communityCode: string): Promise<number> {
  const row = await db
    .selectFrom('region')
    .select((eb) => eb.fn.max('code').as('max'))
    .where('parent_code', '=', communityCode)
    .where('level', '=', 'grid')
    .executeTakeFirst();
  const max = row?.max ? Number(String(row.max).slice(-3)) : 0;
  return max + 1;
}

/** The recorded changes of one region, newest first. */
export async function listRegionChanges(db: Executor, code: string) {
  const rows = await db
    .selectFrom('region_change')
    .selectAll()
    .where('region_code', '=', code)
    .orderBy('recorded_at', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    regionCode: r.region_code,
    effectiveDate: r.effective_date,
    before: r.before,
    after: r.after,
    reason: r.reason,
    actorName: r.actor_name,
    recordedAt: r.recorded_at.toISOString(),
  }));
}

export async function insertRegionChange(
  db: Executor,
  change: {
    kind: RegionChangeKind;
    regionCode: string;
    effectiveDate: string;
    before: unknown;
    after: unknown;
    reason: string | null;
    actorId: string | null;
    actorName: string;
    recordedAt: Date;
  },
): Promise<void> {
  await db
    .insertInto('region_change')
    .values({
      kind: change.kind,
      region_code: change.regionCode,
      effective_date: change.effectiveDate,
      before: change.before === null ? null : JSON.stringify(change.before),
      after: JSON.stringify(change.after),
      reason: change.reason,
      actor_id: change.actorId,
      actor_name: change.actorName,
      recorded_at: change.recordedAt,
    })
    .execute();
}

/**
 * Renames a region. The full names of the region and of everything below it start with the old
 * full name; that prefix is replaced in one statement, so the subtree stays consistent.
 */
export async function renameRegion(
  db: Executor,
  region: { code: string; fullName: string },
  name: string,
  fullName: string,
  now: Date,
): Promise<void> {
  await db
    .updateTable('region')
    .set({
      full_name: sql<string>`${fullName} || substr(full_name, ${region.fullName.length + 1})`,
      updated_at: now,
    })
    .where('code', 'like', `${region.code}%`)
    .where(sql<boolean>`left(full_name, ${region.fullName.length}) = ${region.fullName}`)
    .execute();
  await db
    .updateTable('region')
    .set({ name, updated_at: now })
    .where('code', '=', region.code)
    .execute();
}

/** Closes a region on its last day, naming its successor when it was merged into one. */
export async function closeRegion(
  db: Executor,
  code: string,
  validTo: string,
  successor: string | null,
  now: Date,
): Promise<void> {
  await db
    .updateTable('region')
    .set({ valid_to: validTo, successor_code: successor, updated_at: now })
    .where('code', '=', code)
    .execute();
}
