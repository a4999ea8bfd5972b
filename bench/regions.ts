/**
 * Region tree benchmark: `npm run bench -- regions [--requests 2000] [--search 1000]
 * [--concurrency 10] [--warmup 200] [--seed 1]`.
 *
 * On a throw-away database of its own (a new database on the DATABASE_URL server, dropped after;
 * else PGlite in a temp directory, removed after) it
 *   1. loads the whole Jiangsu division tree with RegionsService.loadDivisions('32') (rows/s);
 *   2. starts the real app on a loopback port, signs in a system administrator (password + TOTP);
 *   3. measures GET /api/regions/{code} for random county and street codes (the tree-expand path)
 *      and GET /api/regions?q=<name> searches, over keep-alive HTTP at a fixed concurrency;
 *   4. measures the baseline: the same region + children read as two SQL statements through Kysely
 *      (the repository's own statements, no session, scope check, service or HTTP), at the same
 *      concurrency. (Kysely's query builder rather than its `sql` tag: kysely is installed under
 *      packages/server/node_modules only, so bench/ cannot import it; the app's instance is used.)
 * The HTTP client runs in the same process as the server (one event loop), as a browser's requests
 * would reach one Node process. The last line of output is one JSON object.
 */
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { buildApp } from '../packages/server/src/app';
import { createServices } from '../packages/server/src/services';
import { makeUser } from '../packages/server/src/test/factories';
import { createTestDb, type TestDb } from '../packages/server/src/test/harness';
import { Client, fmt, measure, positiveInt, rng, round, signIn, table } from './_http';

const { values: args } = parseArgs({
  options: {
    requests: { type: 'string', default: '2000' },
    search: { type: 'string', default: '1000' },
    concurrency: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '200' },
    seed: { type: 'string', default: '1' },
  },
  strict: true,
});

const REQUESTS = positiveInt('requests', args.requests);
const SEARCHES = positiveInt('search', args.search);
const CONCURRENCY = positiveInt('concurrency', args.concurrency);
const WARMUP = positiveInt('warmup', args.warmup);
const SEED = positiveInt('seed', args.seed);
const PROVINCE = '32';

type AppDb = TestDb['db'];

/** A region row with its number of current children, as the repository selects it. */
function regionsWithChildCount(db: AppDb) {
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

/** The region + children read without the app: two statements straight through Kysely. */
async function baselineRead(db: AppDb, code: string): Promise<number> {
  const region = await regionsWithChildCount(db).where('r.code', '=', code).execute();
  if (region.length !== 1) throw new Error(`baseline: region ${code} not found`);
  const children = await regionsWithChildCount(db)
    .where('r.parent_code', '=', code)
    .where('r.valid_to', 'is', null)
    .orderBy('r.code')
    .execute();
  return children.length;
}

async function main(): Promise<void> {
  const log = (s: string) => console.error(s);
  log(
    `regions benchmark: ${process.env.DATABASE_URL ? 'PostgreSQL (throw-away database on DATABASE_URL)' : 'PGlite (temp directory)'}`,
  );

  let db: TestDb | undefined;
  let client: Client | undefined;
  let closeApp: (() => Promise<void>) | undefined;
  const cleanup = async () => {
    client?.close();
    await closeApp?.().catch(() => undefined);
    await db?.close().catch((error: unknown) => log(`cleanup: ${String(error)}`));
  };
  process.once('SIGINT', () => {
    log('interrupted: dropping the benchmark database');
    void cleanup().finally(() => process.exit(130));
  });

  try {
    db = await createTestDb({ onDisk: true });
    log(`  database ${db.location} (removed at the end)`);
    const services = createServices(db.db, db.engine);
    await services.departments.ensureTypes();
    const version = (
      await db.db
        .selectNoFrom((eb) => eb.fn<string>('current_setting', [eb.val('server_version')]).as('v'))
        .executeTakeFirstOrThrow()
    ).v;

    // 1. Load the province.
    log('loading the Jiangsu division tree …');
    const loadStarted = performance.now();
    const loaded = await services.regions.loadDivisions(PROVINCE);
    const loadSeconds = (performance.now() - loadStarted) / 1000;
    const rowsPerSecond = loaded.inserted / loadSeconds;
    log(`  ${loaded.inserted} rows in ${fmt(loadSeconds)} s: ${JSON.stringify(loaded.counts)}`);

    // 2. The app on a loopback port and a signed-in system administrator over the province.
    const admin = await makeUser(services, [{ role: 'system_admin', regionCode: PROVINCE }]);
    const app = await buildApp({ services, logLevel: 'silent' });
    await app.listen({ host: '127.0.0.1', port: 0 });
    closeApp = () => app.close();
    const address = app.server.address();
    if (!address || typeof address === 'string')
      throw new Error('the app is not listening on a TCP port');
    client = new Client(address.port, CONCURRENCY);
    await signIn(client, admin.username, admin.password, admin.totpSecret);

    // The samples: random county and street codes (tree expand), names for searches.
    const random = rng(SEED);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
    const places = await db.db
      .selectFrom('region')
      .select(['code', 'level', 'name'])
      .where('level', 'in', ['county', 'street'])
      .where('code', 'like', `${PROVINCE}%`)
      .where('valid_to', 'is', null)
      .orderBy('code')
      .execute();
    const counties = places.filter((p) => p.level === 'county');
    const streets = places.filter((p) => p.level === 'street');
    const expandCodes = Array.from(
      { length: REQUESTS + WARMUP },
      (_, i) => (i % 2 === 0 ? pick(streets) : pick(counties)).code,
    );
    // A search term is the first two characters of a random street name (玄武门街道 → 玄武):
    // the prefix of a place name, as a user starts typing it; most match several regions.
    const terms = Array.from({ length: SEARCHES + WARMUP }, () =>
      [...pick(streets).name].slice(0, 2).join(''),
    );

    // Sanity: the API and the baseline read return the same children.
    const probe = expandCodes[0]!;
    const viaApi = await client.getOk<{ children: unknown[] }>(`/api/regions/${probe}`);
    const viaSql = await baselineRead(db.db, probe);
    if (viaApi.children.length !== viaSql)
      throw new Error(`children of ${probe}: API ${viaApi.children.length}, SQL ${viaSql}`);

    // Warm-up (JIT, plans, caches), then the measured runs.
    log(`warming up (${WARMUP} of each) …`);
    await measure(WARMUP, CONCURRENCY, (i) =>
      baselineRead(db!.db, expandCodes[REQUESTS + i]!).then(() => undefined),
    );
    await measure(WARMUP, CONCURRENCY, (i) =>
      client!.getOk(`/api/regions/${expandCodes[REQUESTS + i]!}`).then(() => undefined),
    );
    await measure(WARMUP, CONCURRENCY, (i) =>
      client!
        .getOk(`/api/regions?q=${encodeURIComponent(terms[SEARCHES + i]!)}`)
        .then(() => undefined),
    );

    log(
      `measuring: ${REQUESTS} tree expands, ${SEARCHES} searches, ${REQUESTS} baseline reads at concurrency ${CONCURRENCY} …`,
    );
    const baseline = await measure(REQUESTS, CONCURRENCY, (i) =>
      baselineRead(db!.db, expandCodes[i]!).then(() => undefined),
    );
    const expand = await measure(REQUESTS, CONCURRENCY, (i) =>
      client!.getOk(`/api/regions/${expandCodes[i]!}`).then(() => undefined),
    );
    let hits = 0;
    const search = await measure(SEARCHES, CONCURRENCY, async (i) => {
      const result = await client!.getOk<{ items: unknown[] }>(
        `/api/regions?q=${encodeURIComponent(terms[i]!)}`,
      );
      hits += result.items.length;
    });
    const peakRss = process.resourceUsage().maxRSS / 1024;

    const cpu = cpus();
    console.log('');
    console.log(
      `engine ${db.engine} (server ${version}) · ${cpu.length} × ${cpu[0]?.model.trim() ?? '?'} · node ${process.version} · ${new Date().toISOString()}`,
    );
    console.log(
      `load: ${loaded.inserted} regions in ${fmt(loadSeconds)} s = ${fmt(rowsPerSecond, 0)} rows/s`,
    );
    console.log(
      `concurrency ${CONCURRENCY}, keep-alive HTTP on 127.0.0.1 (client in the same process), seed ${SEED}`,
    );
    console.log('');
    console.log(
      table([
        ['measurement', 'requests', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'],
        ...(
          [
            ['GET /api/regions/{code} (tree expand)', expand],
            ['GET /api/regions?q= (search)', search],
            ['baseline: region + children, Kysely', baseline],
          ] as const
        ).map(([label, s]) => [
          label,
          String(s.count),
          fmt(s.rps, 0),
          fmt(s.p50),
          fmt(s.p95),
          fmt(s.p99),
          fmt(s.max),
        ]),
      ]),
    );
    console.log('');
    console.log(
      `tree expand p95 / baseline p95 = ${fmt(expand.p95 / baseline.p95)} · search hits per query ${fmt(hits / SEARCHES, 1)} · peak RSS ${fmt(peakRss, 0)} MiB`,
    );
    console.log(
      JSON.stringify({
        name: 'regions',
        engine: db.engine,
        rows_per_s: round(rowsPerSecond, 0),
        p50_ms: round(expand.p50),
        p95_ms: round(expand.p95),
        search_p95_ms: round(search.p95),
        baseline_p95_ms: round(baseline.p95),
        ratio: round(expand.p95 / baseline.p95),
        baseline: 'region + children, two statements through Kysely, no HTTP, same concurrency',
        peak_rss_mib: round(peakRss, 0),
        server_version: version,
        rows: loaded.inserted,
        load_s: round(loadSeconds),
        tree_rps: round(expand.rps, 0),
        search_p50_ms: round(search.p50),
        baseline_p50_ms: round(baseline.p50),
        requests: REQUESTS,
        searches: SEARCHES,
        concurrency: CONCURRENCY,
      }),
    );
  } finally {
    await cleanup();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
