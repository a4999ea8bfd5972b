import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs } from '../../test/factories';
import { createTestApp, testEngine, type TestApp } from '../../test/harness';
import { verifyAuditChain } from './audit.repository';

const run = promisify(execFile);
const cli = path.resolve(import.meta.dirname, '../../../bin/shequ.mjs');

describe(`audit trail (${testEngine})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ onDisk: true });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('chains every entry to the one before and verifies clean', async () => {
    const { agent } = await loginAs(t, 'community_worker', '320102005001');
    await agent.get('/api/regions/320102005001');
    const bad = t.agent();
    await bad.post('/api/auth/login', { username: 'nobody', password: 'wrong-password' });
    const rows = await t.db.db.selectFrom('audit_event').selectAll().orderBy('seq').execute();
    expect(rows.length).toBeGreaterThanOrEqual(2);
    for (let i = 1; i < rows.length; i += 1) expect(rows[i]!.prev_hash).toBe(rows[i - 1]!.hash);
    expect(await verifyAuditChain(t.db.db)).toEqual({ ok: true, checked: rows.length });
  });

  it('records successful and failed logins with actor, outcome and client address', async () => {
    const { user } = await loginAs(t, 'grid_worker', '320102005001');
    const failed = t.agent();
    await failed.post('/api/auth/login', { username: user.username, password: 'Wrong#Pass2026' });
    const events = await t.db.db
      .selectFrom('audit_event')
      .selectAll()
      .where('actor_name', '=', user.username)
      .where('action', '=', 'auth.login')
      .orderBy('seq')
      .execute();
    expect(events.map((e) => e.outcome)).toEqual(['success', 'failure']);
    expect(events[1]!.detail).toEqual({ reason: 'bad_password' });
    expect(events[0]!.client_ip).toBeTruthy();
    expect(events[0]!.request_id).toBeTruthy();
    expect(events[0]!.region_code).toBe('320102005001');
  });

  it('refuses UPDATE, DELETE and TRUNCATE of audit rows to the application role', async () => {
    await expect(
      sql`UPDATE audit_event SET action = 'x' WHERE seq = 1`.execute(t.db.db),
    ).rejects.toThrow(/permission denied|append-only/);
    await expect(sql`DELETE FROM audit_event WHERE seq = 1`.execute(t.db.db)).rejects.toThrow(
      /permission denied|append-only/,
    );
    await expect(sql`TRUNCATE audit_event`.execute(t.db.db)).rejects.toThrow(
      /permission denied|append-only/,
    );
    const role = await sql<{ u: string }>`SELECT current_user AS u`.execute(t.db.db);
    expect(role.rows[0]!.u).toBe('shequ_app');
  });

  it('refuses changes even to the owner while the append-only trigger is in place', async () => {
    await expect(
      t.db.asOwner((db) => sql`UPDATE audit_event SET action = 'x' WHERE seq = 1`.execute(db)),
    ).rejects.toThrow(/append-only/);
  });

  it('names the exact entry that was changed behind the application’s back (shequ audit verify)', async () => {
    const total = await t.db.db
      .selectFrom('audit_event')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const target = Math.max(2, Math.floor(Number(total.n) / 2));
    await t.db.asOwner(async (db) => {
      await sql`ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only`.execute(db);
      await sql`UPDATE audit_event SET actor_name = 'mallory' WHERE seq = ${target}`.execute(db);
      await sql`ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only`.execute(db);
    });
    expect(await verifyAuditChain(t.db.db)).toEqual({
      ok: false,
      checked: target - 1,
      brokenSeq: target,
      reason: 'hash',
    });

    // the CLI opens the database itself: PGlite files may have one process at a time
    await t.db.disconnect();
    const result = await run(process.execPath, [cli, 'audit', 'verify'], {
      env: { ...process.env, ...t.db.env, LOG_LEVEL: 'silent' },
    }).then(
      (out) => ({ code: 0, stderr: out.stderr }),
      (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`第 ${target} 条记录内容与哈希不符`);
  });
});
