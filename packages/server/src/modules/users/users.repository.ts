import type { Grant, GrantView, Role, UserView } from '@shequ/core';
import type { Insertable, Updateable } from 'kysely';
import type { AppUserRow, AppUserTable, RoleGrantTable } from '../../db/schema';
import { withinScopes } from '../../db/scope';
import { escapeLike, type Executor } from '../audit/audit.repository';

export async function findUserByUsername(
  db: Executor,
  username: string,
): Promise<AppUserRow | undefined> {
  return db.selectFrom('app_user').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function findUserById(db: Executor, id: string): Promise<AppUserRow | undefined> {
  return db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The user's active grants with the names the UI shows. */
export async function loadGrantViews(
  db: Executor,
  userIds: readonly string[],
): Promise<Map<string, GrantView[]>> {
  const out = new Map<string, GrantView[]>();
  if (userIds.length === 0) return out;
  const rows = await db
    .selectFrom('role_grant as g')
    .innerJoin('region as r', 'r.code', 'g.region_code')
    .leftJoin('department as d', 'd.id', 'g.department_id')
    .select([
      'g.id',
      'g.user_id',
      'g.role',
      'g.region_code',
      'r.name as region_name',
      'g.department_id',
      'd.name as department_name',
    ])
    .where('g.user_id', 'in', userIds)
    .where('g.revoked_at', 'is', null)
    .orderBy('g.granted_at')
    .orderBy('g.id')
    .execute();
  for (const row of rows) {
    const list = out.get(row.user_id) ?? [];
    list.push(grantViewOf(row));
    out.set(row.user_id, list);
  }
  return out;
}

/** A grant row joined with its region and department names, as the UI shows it. */
export interface GrantViewRow {
  id: string;
  role: string;
  region_code: string;
  region_name: string;
  department_id: string | null;
  department_name: string | null;
}

export function grantViewOf(row: GrantViewRow): GrantView {
  return {
    id: row.id,
    role: row.role as Role,
    regionCode: row.region_code,
    regionName: row.region_name,
    departmentId: row.department_id,
    departmentName: row.department_name ?? null,
  };
}

export function grantsOf(views: readonly GrantView[]): Grant[] {
  return views.map((v) => ({
    id: v.id,
    role: v.role,
    regionCode: v.regionCode,
    departmentId: v.departmentId,
  }));
}

export interface UserListFilter {
  scopes: string[];
  q?: string | undefined;
  role?: Role | undefined;
  regionCode?: string | undefined;
  status?: 'active' | 'disabled' | undefined;
}

/** Users whose home region lies inside the scopes: the repository-layer region filter. */
export async function listUsers(
  db: Executor,
  filter: UserListFilter,
  page: number,
  pageSize: number,
): Promise<{ rows: (AppUserRow & { home_region_name: string })[]; total: number }> {
  let query = db
    .selectFrom('app_user as u')
    .innerJoin('region as hr', 'hr.code', 'u.home_region_code')
    .where('u.kind', '=', 'staff')
    .where((eb) => withinScopes(eb, 'u.home_region_code', filter.scopes));
  if (filter.q) {
    const pattern = `%${escapeLike(filter.q)}%`;
    query = query.where((eb) =>
      eb.or([eb('u.username', 'like', pattern), eb('u.display_name', 'like', pattern)]),
    );
  }
  if (filter.regionCode) query = query.where('u.home_region_code', 'like', `${filter.regionCode}%`);
  if (filter.status) query = query.where('u.status', '=', filter.status);
  if (filter.role) {
    const role = filter.role;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('role_grant as g')
          .select('g.id')
          .whereRef('g.user_id', '=', 'u.id')
          .where('g.role', '=', role)
          .where('g.revoked_at', 'is', null),
      ),
    );
  }
  const [rows, count] = await Promise.all([
    query
      .selectAll('u')
      .select('hr.name as home_region_name')
      .orderBy('u.home_region_code')
      .orderBy('u.username')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export function toUserView(
  row: AppUserRow,
  homeRegionName: string,
  grants: GrantView[],
  now: Date,
): UserView {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    phone: row.phone,
    homeRegionCode: row.home_region_code,
    homeRegionName,
    status: row.status,
    locked: row.locked_until !== null && row.locked_until > now,
    secondFactorEnabled: row.totp_enabled_at !== null,
    lastLoginAt: row.last_login_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    grants,
  };
}

export async function insertUser(db: Executor, values: Insertable<AppUserTable>): Promise<string> {
  const row = await db
    .insertInto('app_user')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateUser(
  db: Executor,
  id: string,
  set: Updateable<AppUserTable>,
): Promise<void> {
  await db.updateTable('app_user').set(set).where('id', '=', id).execute();
}

export async function insertGrant(
  db: Executor,
  values: Insertable<RoleGrantTable>,
): Promise<string> {
  const row = await db
    .insertInto('role_grant')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Revokes a grant (the row stays, with who and when). */
export async function revokeGrant(
  db: Executor,
  grantId: string,
  revokedBy: string,
  at: Date,
): Promise<void> {
  await db
    .updateTable('role_grant')
    .set({ revoked_at: at, revoked_by: revokedBy })
    .where('id', '=', grantId)
    .execute();
}

/** An active grant of the same role, region and department, if the user has one. */
export async function findActiveGrant(
  db: Executor,
  grant: { userId: string; role: string; regionCode: string; departmentId: string | null },
): Promise<{ id: string } | undefined> {
  return db
    .selectFrom('role_grant')
    .select('id')
    .where('user_id', '=', grant.userId)
    .where('role', '=', grant.role)
    .where('region_code', '=', grant.regionCode)
    .where('revoked_at', 'is', null)
    .where((eb) =>
      grant.departmentId
        ? eb('department_id', '=', grant.departmentId)
        : eb('department_id', 'is', null),
    )
    .executeTakeFirst();
}
