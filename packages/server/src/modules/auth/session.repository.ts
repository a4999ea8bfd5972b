import { createHash, randomBytes } from 'node:crypto';
import type { SessionStage } from '@shequ/core';
import { sql } from 'kysely';
import type { AppUserRow } from '../../db/schema';
import type { Executor } from '../audit/audit.repository';
import type { GrantViewRow } from '../users/users.repository';

export interface SessionRecord {
  id: string;
  userId: string;
  stage: SessionStage;
  csrfToken: string;
  activeGrantId: string | null;
  currentRegionCode: string | null;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  /** Computed when the session is resolved, never stored: the password must be changed first. */
  passwordChangeRequired: boolean;
}

export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

export async function createSession(
  db: Executor,
  input: {
    userId: string;
    stage: SessionStage;
    activeGrantId: string | null;
    currentRegionCode: string | null;
    clientIp: string | null;
    userAgent: string | null;
    now: Date;
    expiresAt: Date;
  },
): Promise<{ token: string; session: SessionRecord }> {
  const token = randomToken();
  const session: SessionRecord = {
    id: sessionIdOf(token),
    userId: input.userId,
    stage: input.stage,
    csrfToken: randomToken(),
    activeGrantId: input.activeGrantId,
    currentRegionCode: input.currentRegionCode,
    createdAt: input.now,
    lastSeenAt: input.now,
    expiresAt: input.expiresAt,
    passwordChangeRequired: false,
  };
  await db
    .insertInto('user_session')
    .values({
      id: session.id,
      user_id: session.userId,
      stage: session.stage,
      csrf_token: session.csrfToken,
      active_grant_id: session.activeGrantId,
      current_region_code: session.currentRegionCode,
      client_ip: input.clientIp,
      user_agent: input.userAgent,
      created_at: input.now,
      last_seen_at: input.now,
      expires_at: input.expiresAt,
    })
    .execute();
  return { token, session };
}

/** What every request needs to know about its session, read in one round trip. */
export interface SessionState {
  session: SessionRecord;
  user: AppUserRow;
  /** The user's active grants, oldest first. */
  grants: GrantViewRow[];
  /** The stored security settings (see policyOf). */
  settings: { key: string; value: unknown }[];
}

/**
 * The session behind a cookie token with its user, the user's active grants and the security
 * settings: one statement, as every authenticated request starts with it.
 */
export async function findSessionState(
  db: Executor,
  token: string,
): Promise<SessionState | undefined> {
  const row = await db
    .selectFrom('user_session as s')
    .innerJoin('app_user as u', 'u.id', 's.user_id')
    .selectAll('u')
    .select([
      's.id as session_id',
      's.stage as session_stage',
      's.csrf_token as session_csrf_token',
      's.active_grant_id as session_active_grant_id',
      's.current_region_code as session_current_region_code',
      's.created_at as session_created_at',
      's.last_seen_at as session_last_seen_at',
      's.expires_at as session_expires_at',
      sql<GrantViewRow[]>`(
        SELECT coalesce(json_agg(json_build_object('id', g.id, 'role', g.role,
                 'region_code', g.region_code, 'region_name', r.name,
                 'department_id', g.department_id, 'department_name', d.name)
               ORDER BY g.granted_at, g.id), '[]'::json)
        FROM role_grant g JOIN region r ON r.code = g.region_code
        LEFT JOIN department d ON d.id = g.department_id
        WHERE g.user_id = s.user_id AND g.revoked_at IS NULL)`.as('grants'),
      sql<{ key: string; value: unknown }[]>`(
        SELECT coalesce(json_agg(json_build_object('key', key, 'value', value)), '[]'::json)
        FROM security_setting)`.as('settings'),
    ])
    .where('s.id', '=', sessionIdOf(token))
    .executeTakeFirst();
  if (!row) return undefined;
  const {
    session_id,
    session_stage,
    session_csrf_token,
    session_active_grant_id,
    session_current_region_code,
    session_created_at,
    session_last_seen_at,
    session_expires_at,
    grants,
    settings,
    ...user
  } = row;
  return {
    session: {
      id: session_id,
      userId: user.id,
      stage: session_stage,
      csrfToken: session_csrf_token,
      activeGrantId: session_active_grant_id,
      currentRegionCode: session_current_region_code,
      createdAt: session_created_at,
      lastSeenAt: session_last_seen_at,
      expiresAt: session_expires_at,
      passwordChangeRequired: false,
    },
    user,
    grants,
    settings,
  };
}

export async function updateSession(
  db: Executor,
  id: string,
  patch: Partial<{
    stage: SessionStage;
    activeGrantId: string | null;
    currentRegionCode: string | null;
    lastSeenAt: Date;
  }>,
): Promise<void> {
  await db
    .updateTable('user_session')
    .set({
      ...(patch.stage !== undefined ? { stage: patch.stage } : {}),
      ...(patch.activeGrantId !== undefined ? { active_grant_id: patch.activeGrantId } : {}),
      ...(patch.currentRegionCode !== undefined
        ? { current_region_code: patch.currentRegionCode }
        : {}),
      ...(patch.lastSeenAt !== undefined ? { last_seen_at: patch.lastSeenAt } : {}),
    })
    .where('id', '=', id)
    .execute();
}

export async function deleteSession(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('user_session').where('id', '=', id).execute();
}

export async function deleteSessionsOfUser(db: Executor, userId: string): Promise<void> {
  await db.deleteFrom('user_session').where('user_id', '=', userId).execute();
}

export async function deleteExpiredSessions(db: Executor, now: Date): Promise<void> {
  await db.deleteFrom('user_session').where('expires_at', '<', now).execute();
}

/** Ends every other session of a user, keeping the one given. */
export async function deleteOtherSessions(
  db: Executor,
  userId: string,
  keepId: string,
): Promise<void> {
  await db
    .deleteFrom('user_session')
    .where('user_id', '=', userId)
    .where('id', '!=', keepId)
    .execute();
}

/** Sessions acting under a revoked grant fall back to another grant at their next request. */
export async function clearActiveGrant(db: Executor, grantId: string): Promise<void> {
  await db
    .updateTable('user_session')
    .set({ active_grant_id: null })
    .where('active_grant_id', '=', grantId)
    .execute();
}
