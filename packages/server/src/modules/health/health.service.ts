import { sql, type Kysely } from 'kysely';
import type { Engine } from '../../db/database';
import type { Database } from '../../db/schema';

export interface HealthReport {
  status: 'ok' | 'degraded';
  database: { engine: Engine; status: 'ok' | 'error'; latencyMs: number };
  version: string;
}

/** Checks that the database answers, and how fast. */
export async function checkHealth(
  db: Kysely<Database>,
  engine: Engine,
  version: string,
): Promise<HealthReport> {
  const started = performance.now();
  let ok = true;
  try {
    await sql`SELECT 1`.execute(db);
  } catch {
    ok = false;
  }
  return {
    status: ok ? 'ok' : 'degraded',
    database: {
      engine,
      status: ok ? 'ok' : 'error',
      latencyMs: Math.round((performance.now() - started) * 10) / 10,
    },
    version,
  };
}
