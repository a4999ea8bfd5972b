import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import {
  Kysely,
  Migrator,
  PostgresDialect,
  sql,
  type LogConfig,
  type MigrationResultSet,
} from 'kysely';
import pg from 'pg';
import { PGliteDialect } from './pglite-dialect';
import { migrations } from './migrations/index';
import type { Database } from './schema';

export type Engine = 'pglite' | 'postgresql';

/** The database handle the app runs on, and how to close it. */
export interface Db {
  db: Kysely<Database>;
  engine: Engine;
  /** A description safe to show: the engine and where it lives, never a password. */
  location: string;
  close(): Promise<void>;
}

export interface DbOptions {
  /** PostgreSQL connection string; when absent the embedded PGlite engine is used. */
  databaseUrl?: string | undefined;
  /** Where PGlite keeps its files; `memory://` for a throw-away in-memory database. */
  dataDir: string;
  /** The least-privilege role to act as after migrating (see migration 0001). */
  appRole?: string | null;
  poolSize?: number;
}

const APP_ROLE = 'shequ_app';
const INT8 = 20;
const DATE = 1082;

const typeParsers = {
  // counts and sequence numbers stay below 2^53
  [INT8]: (v: string) => Number(v),
  // calendar dates stay YYYY-MM-DD strings: no time-zone shift
  [DATE]: (v: string) => v,
};

/**
 * Opens the database, runs pending migrations as the owner, then acts as the least-privilege
 * application role (so the app itself cannot rewrite the audit trail).
 */
export async function openDatabase(options: DbOptions): Promise<Db> {
  const appRole = options.appRole === undefined ? APP_ROLE : options.appRole;
  if (options.databaseUrl) {
    const owner = createPgKysely(options.databaseUrl, 1, null);
    try {
      await migrateToLatest(owner);
    } finally {
      await owner.destroy();
    }
    const db = createPgKysely(options.databaseUrl, options.poolSize ?? 10, appRole);
    return {
      db,
      engine: 'postgresql',
      location: redactUrl(options.databaseUrl),
      close: () => db.destroy(),
    };
  }

  const dataDir = options.dataDir;
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  // options go in one object: PGlite(undefined, options) silently drops the options, parsers included
  const pglite = new PGlite({
    ...(dataDir.startsWith('memory://') ? {} : { dataDir: path.resolve(dataDir) }),
    parsers: typeParsers,
  });
  await pglite.waitReady;
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite), log: slowQueryLog() });
  await migrateToLatest(db);
  if (appRole) await sql`SET ROLE ${sql.id(appRole)}`.execute(db);
  return {
    db,
    engine: 'pglite',
    location: dataDir.startsWith('memory://') ? 'memory' : path.resolve(dataDir),
    close: () => db.destroy(),
  };
}

function createPgKysely(url: string, max: number, appRole: string | null): Kysely<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    // the role is set at connection start, so no statement can run before it and a refused
    // role fails the connection instead of leaving it as the owner
    ...(appRole ? { options: `-c role=${appRole}` } : {}),
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid in typeParsers
          ? typeParsers[oid as keyof typeof typeParsers]
          : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle connection the server ends (a restart, an administrator, a dropped database) is an
  // error event on the pool; unheard, it would bring the whole process down. The pool replaces
  // the connection on the next checkout, so telling the operator is enough.
  pool.on('error', (error) => {
    process.emitWarning(`PostgreSQL closed an idle connection: ${error.message}`);
  });
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log: slowQueryLog() });
}

/**
 * With SHEQU_SLOW_QUERY_MS set, statements slower than that many milliseconds are printed to
 * stderr with their duration (an operator's tool for finding a slow import step or report).
 */
function slowQueryLog(): LogConfig | undefined {
  const threshold = Number(process.env.SHEQU_SLOW_QUERY_MS);
  if (!process.env.SHEQU_SLOW_QUERY_MS || !Number.isFinite(threshold)) return undefined;
  return (event) => {
    if (event.queryDurationMillis >= threshold) {
      const text = event.query.sql.replace(/\s+/g, ' ').slice(0, 160);
      process.stderr.write(`[slow ${event.queryDurationMillis.toFixed(0)} ms] ${text}\n`);
    }
  };
}

/** Runs every pending migration; throws with the failing migration's name. */
export async function migrateToLatest(
  db: Kysely<unknown> | Kysely<Database>,
): Promise<MigrationResultSet> {
  const migrator = new Migrator({
    db: db as Kysely<unknown>,
    provider: { getMigrations: async () => migrations },
    migrationTableName: 'schema_migration',
    migrationLockTableName: 'schema_migration_lock',
  });
  const result = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`migration ${failed} failed: ${String(result.error)}`, { cause: result.error });
  }
  return result;
}

function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgresql';
  }
}
