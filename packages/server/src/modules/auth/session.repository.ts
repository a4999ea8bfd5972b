import { createHash, randomBytes } from 'node:crypto';
import type { SessionStage } from '@shequ/core';
import type { Executor } from '../audit/audit.repository';

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

export async function findSessionByToken(
  db: Executor,
  token: string,
): Promise<SessionRecord | undefined> {
  const row = await db
    .selectFrom('user_session')
    .selectAll()
    .where('id', '=', sessionIdOf(token))
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    userId: row.user_id,
    stage: row.stage,
    csrfToken: row.csrf_token,
    activeGrantId: row.active_grant_id,
    currentRegionCode: row.current_region_code,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    expiresAt: row.expires_at,
    passwordChangeRequired: false,
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
