import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, testEngine, type TestDb } from '../test/harness';

// PGlite runs in this process: there is no server that could end a connection
describe.skipIf(testEngine !== 'postgresql')('the PostgreSQL connection pool', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(async () => t?.close());

  it('outlives the server ending its idle connections, and connects again', async () => {
    // fill the pool with idle connections
    await Promise.all(Array.from({ length: 4 }, () => sql`SELECT pg_sleep(0.05)`.execute(t.db)));
    const warnings: string[] = [];
    const listen = (warning: Error) => warnings.push(warning.message);
    process.on('warning', listen);
    try {
      const ended = await t.asOwner((owner) =>
        sql<{ n: number }>`
          SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND pid <> pg_backend_pid()`.execute(owner),
      );
      const n = ended.rows[0]!.n;
      expect(n).toBeGreaterThan(0);
      // each ended connection is heard of once and dropped from the pool
      await expect.poll(() => warnings.length).toBe(n);
      expect(warnings[0]).toContain('PostgreSQL closed an idle connection');
      const after = await sql<{ one: number }>`SELECT 1 AS one`.execute(t.db);
      expect(after.rows[0]!.one).toBe(1);
    } finally {
      process.off('warning', listen);
    }
  });
});
