import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { buildApp } from '../app';
import { openDatabase, type Db } from '../db/database';
import type { Database } from '../db/schema';
import { syncCodeSets } from '../modules/code-sets/code-sets.repository';
import { createServices, type Services } from '../services';

/** The sql tag, for the benchmarks under bench/ (kysely is installed under packages/server). */
export { sql };

/** The engine under test: PostgreSQL when DATABASE_URL is set, else embedded PGlite. */
export const testEngine = process.env.DATABASE_URL ? 'postgresql' : 'pglite';

export interface TestDb extends Db {
  /** Runs statements as the database owner, behind the application's back (tests only). */
  asOwner<T>(fn: (db: Kysely<Database>) => Promise<T>): Promise<T>;
  /** How another process (the CLI) reaches this database. */
  env: Record<string, string>;
  /** Closes this process's connection but keeps the data, so another process may open it. */
  disconnect(): Promise<void>;
}

/**
 * A fresh, migrated database of its own: a new PostgreSQL database on the DATABASE_URL server, or
 * a PGlite instance (in memory, or in a temp directory when another process must open it later).
 */
export async function createTestDb(options: { onDisk?: boolean } = {}): Promise<TestDb> {
  const adminUrl = process.env.DATABASE_URL;
  if (adminUrl) {
    const name = `shequ_t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    // the role is the cluster's, and test files migrate their databases in parallel: on a fresh
    // cluster two of them could both find it missing in migration 0001 and both create it
    await admin.query(`DO $$ BEGIN CREATE ROLE shequ_app NOLOGIN;
      EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`);
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const db = await openDatabase({ databaseUrl: url.toString(), dataDir: 'unused' });
    const ownerPool = new pg.Pool({ connectionString: url.toString(), max: 1 });
    ownerPool.on('error', () => undefined); // the database is dropped with its connections
    const owner = new Kysely<Database>({ dialect: new PostgresDialect({ pool: ownerPool }) });
    return {
      ...db,
      env: { DATABASE_URL: url.toString() },
      asOwner: (fn) => fn(owner),
      disconnect: async () => {},
      close: async () => {
        await db.close();
        await owner.destroy();
        const drop = new pg.Client({ connectionString: adminUrl });
        await drop.connect();
        await drop.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await drop.end();
      },
    };
  }
  const dir = options.onDisk ? mkdtempSync(path.join(tmpdir(), 'shequ-test-')) : 'memory://';
  // the same layout as the CLI's DATA_DIR: the embedded database lives in pglite/
  const db = await openDatabase({ dataDir: dir === 'memory://' ? dir : path.join(dir, 'pglite') });
  let closed: Promise<void> | undefined;
  const disconnect = () => (closed ??= db.close());
  return {
    ...db,
    env: { DATA_DIR: dir },
    asOwner: (fn) =>
      db.db.connection().execute(async (conn) => {
        await sql`RESET ROLE`.execute(conn);
        try {
          return await fn(conn);
        } finally {
          await sql`SET ROLE shequ_app`.execute(conn);
        }
      }),
    disconnect,
    close: async () => {
      await disconnect();
      if (options.onDisk) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A clock tests can move forward. */
export interface TestClock {
  (): Date;
  advance(ms: number): void;
}

export function testClock(): TestClock {
  let offset = 0;
  const clock = (() => new Date(Date.now() + offset)) as TestClock;
  clock.advance = (ms: number) => {
    offset += ms;
  };
  return clock;
}

export interface TestApp {
  app: FastifyInstance;
  services: Services;
  db: TestDb;
  clock: TestClock;
  /** A new cookie-keeping client. */
  agent(): Agent;
  close(): Promise<void>;
}

/**
 * A built app on a fresh database with the region tree under `regionPrefix` (default 南京市玄武区
 * and 秦淮区, real codes) loaded. The full Jiangsu load is its own test.
 */
export async function createTestApp(
  options: { regionPrefixes?: string[]; onDisk?: boolean } = {},
): Promise<TestApp> {
  const db = await createTestDb({ onDisk: options.onDisk });
  const clock = testClock();
  const services = createServices(db.db, db.engine, clock);
  await services.departments.ensureTypes();
  await syncCodeSets(db.db);
  for (const prefix of options.regionPrefixes ?? ['320102', '320104'])
    await services.regions.loadDivisions(prefix);
  const app = await buildApp({ services, logLevel: process.env.TEST_LOG ?? 'silent' });
  return {
    app,
    services,
    db,
    clock,
    agent: () => new Agent(app),
    close: async () => {
      await app.close();
      await db.close();
    },
  };
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Drives the app like a browser: keeps cookies and sends the CSRF token on every change. */
export class Agent {
  private readonly cookies = new Map<string, string>();
  csrfToken: string | undefined;

  constructor(private readonly app: FastifyInstance) {}

  async request(
    method: Method,
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<LightMyRequestResponse> {
    if (method !== 'GET' && this.csrfToken === undefined) await this.refreshSession();
    const response = await this.app.inject({
      method,
      url,
      headers: {
        ...(this.cookies.size > 0
          ? { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') }
          : {}),
        ...(method !== 'GET' && this.csrfToken ? { 'x-csrf-token': this.csrfToken } : {}),
        ...(body !== undefined && typeof body !== 'string' && !Buffer.isBuffer(body)
          ? { 'content-type': 'application/json' }
          : {}),
        ...headers,
      },
      ...(body !== undefined
        ? {
            payload:
              typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body),
          }
        : {}),
    });
    for (const cookie of response.cookies) {
      if (cookie.value === '' || (cookie.expires && cookie.expires.getTime() < Date.now()))
        this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
    const type = String(response.headers['content-type'] ?? '');
    if (type.includes('json')) {
      const json = response.json() as { csrfToken?: unknown };
      if (typeof json?.csrfToken === 'string') this.csrfToken = json.csrfToken;
    }
    return response;
  }

  get(url: string, headers?: Record<string, string>) {
    return this.request('GET', url, undefined, headers);
  }
  post(url: string, body?: unknown, headers?: Record<string, string>) {
    return this.request('POST', url, body ?? {}, headers);
  }
  put(url: string, body: unknown) {
    return this.request('PUT', url, body);
  }
  patch(url: string, body: unknown) {
    return this.request('PATCH', url, body);
  }
  delete(url: string) {
    return this.request('DELETE', url);
  }

  /** Uploads a file as the raw request body (the import routes' protocol). */
  upload(url: string, file: Buffer, contentType = 'application/octet-stream') {
    return this.request('POST', url, file, { 'content-type': contentType });
  }

  async refreshSession(): Promise<void> {
    await this.get('/api/auth/session');
  }

  /** Logs in with a password; returns the stage the server answered. */
  async login(username: string, password: string): Promise<string | null> {
    const response = await this.post('/api/auth/login', { username, password });
    if (response.statusCode !== 200)
      throw new Error(`login as ${username} failed: ${response.statusCode} ${response.body}`);
    return (response.json() as { stage: string | null }).stage;
  }
}
