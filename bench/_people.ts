/**
 * Shared set-up of the people benchmarks: a throw-away database with the Nanjing division tree,
 * an importing account over the whole city, and a generated roster imported through the real
 * import path. (A leading underscore keeps this file out of `npm run bench`'s list.)
 */
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase } from '../packages/server/src/db/database';
import { FieldCipher } from '../packages/server/src/crypto/field-cipher';
import { syncCodeSets } from '../packages/server/src/modules/code-sets/code-sets.repository';
import { writePeopleCsv } from '../packages/server/src/seed/people-generator';
import { createServices, type Services } from '../packages/server/src/services';
import { makeUser } from '../packages/server/src/test/factories';
import { createTestDb, type TestDb } from '../packages/server/src/test/harness';

export const CITY = '3201';
export const TODAY = '2026-11-28';

export interface PeopleBench {
  db: TestDb;
  services: Services;
  username: string;
  communities: { code: string; name: string }[];
}

/**
 * The benchmarks' data key: the data is synthetic, and a fixed key lets `bench search --database`
 * read a database that `bench import --keep` left behind.
 */
export const benchCipher = FieldCipher.fromKey(Buffer.alloc(32, 0x5a));

/** A fresh database (PostgreSQL at DATABASE_URL, else PGlite on disk) with Nanjing loaded. */
export async function openPeopleBench(): Promise<PeopleBench> {
  const db = await createTestDb({ onDisk: true });
  const services = createServices(db.db, db.engine, () => new Date(), benchCipher);
  await services.departments.ensureTypes();
  await syncCodeSets(db.db);
  await services.regions.loadDivisions(CITY);
  const user = await makeUser(services, [{ role: 'street_staff', regionCode: CITY }]);
  const communities = await db.db
    .selectFrom('region')
    .select(['code', 'name'])
    .where('level', '=', 'community')
    .where('code', 'like', `${CITY}%`)
    .orderBy('code')
    .execute();
  return { db, services, username: user.username, communities };
}

/** Writes `count` generated people to a CSV file; returns the seconds it took. */
export async function writeRoster(
  file: string,
  count: number,
  seed: number,
  communities: { code: string; name: string }[],
): Promise<number> {
  const started = performance.now();
  const out = createWriteStream(file);
  await writePeopleCsv(out, { seed, communities, today: TODAY, count });
  out.end();
  await once(out, 'finish');
  return (performance.now() - started) / 1000;
}

/** Imports a file through ImportService (stage + merge) as the bench account. */
export async function importRoster(bench: PeopleBench, file: string) {
  const ctx = await bench.services.auth.commandLineContext(bench.username);
  const started = performance.now();
  const { done } = await bench.services.imports.start(ctx, {
    filePath: file,
    fileName: 'bench.csv',
    regionCode: bench.communities[0]!.code,
    apply: true,
  });
  const job = await done;
  return { job, seconds: (performance.now() - started) / 1000 };
}

/** Peak resident set size of this process so far, in MiB. */
export function peakRssMiB(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

/**
 * The database of a people benchmark: the one `bench import --keep` left at `url`, or a fresh one
 * filled through the real import path with `people` generated residents (minutes per million).
 */
export async function peopleDatabase(
  url: string | undefined,
  people: number,
  log: (s: string) => void,
) {
  if (url) {
    const db = await openDatabase({ databaseUrl: url, dataDir: 'unused' });
    const services = createServices(db.db, db.engine, () => new Date(), benchCipher);
    return { db: db.db, engine: db.engine, services, url, close: () => db.close(), built: 0 };
  }
  const bench = await openPeopleBench();
  const dir = mkdtempSync(path.join(tmpdir(), 'shequ-bench-people-'));
  try {
    const file = path.join(dir, 'people.csv');
    log(`generating and importing ${people.toLocaleString('en')} people …`);
    await writeRoster(file, people, 7, bench.communities);
    const { job, seconds } = await importRoster(bench, file);
    if (job.status !== 'done') throw new Error(`import ${job.status}: ${job.error ?? ''}`);
    log(`  imported in ${seconds.toFixed(1)} s`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return {
    db: bench.db.db,
    engine: bench.db.engine,
    services: bench.services,
    url: bench.db.env.DATABASE_URL,
    close: () => bench.db.close(),
    built: people,
  };
}
