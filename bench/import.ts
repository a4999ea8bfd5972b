/**
 * People import benchmark: `npm run bench -- import [--people 1000000] [--seed 7]`.
 *
 * On a throw-away database (a new database on the DATABASE_URL server, else PGlite on disk):
 *   1. generates `--people` realistic residents of Nanjing's communities as a UTF-8 CSV in the
 *      import template (households, valid unique ID numbers, houses);
 *   2. baseline: copies the same file into a bare table of text columns — `psql \copy` on
 *      PostgreSQL, PGlite's own COPY on the embedded engine;
 *   3. imports it through the real path, ImportService: streaming parse, validation by the domain
 *      rules, AES-256-GCM encryption, blind indexes, staging, then one merge transaction that
 *      writes people, households, members, places, residences and the history of every row.
 * Prints a table and, as its last line, one JSON object. Peak RSS is this Node process (which on
 * PGlite includes the embedded database).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { personImportColumns } from '../packages/core/src/index';
import { sql } from '../packages/server/src/test/harness';
import { importRoster, openPeopleBench, peakRssMiB, writeRoster } from './_people';

const { values: args } = parseArgs({
  options: {
    people: { type: 'string', default: '1000000' },
    seed: { type: 'string', default: '7' },
    /** Keep the PostgreSQL database for `bench search --database <url>`. */
    keep: { type: 'boolean', default: false },
  },
  strict: true,
});
const PEOPLE = Number(args.people);
const SEED = Number(args.seed);
if (!Number.isInteger(PEOPLE) || PEOPLE < 1) throw new Error('--people must be a positive integer');

const bareColumns = personImportColumns.map((_, i) => `c${i} text`).join(', ');

/** psql \copy into a bare table on the same server; seconds. */
function psqlCopy(url: string, file: string): number {
  const run = (sqlText: string) => {
    const result = spawnSync('psql', [url, '-v', 'ON_ERROR_STOP=1', '-q', '-c', sqlText], {
      encoding: 'utf8',
    });
    if (result.status !== 0) throw new Error(`psql failed: ${result.stderr}`);
  };
  run(`CREATE TABLE bare_people (${bareColumns})`);
  const started = performance.now();
  run(`\\copy bare_people FROM '${file}' WITH (FORMAT csv, HEADER true)`);
  const seconds = (performance.now() - started) / 1000;
  run('DROP TABLE bare_people');
  return seconds;
}

/** PGlite's COPY of the file into a bare table of a fresh embedded database; seconds. */
async function pgliteCopy(file: string): Promise<number> {
  const dir = mkdtempSync(path.join(tmpdir(), 'shequ-bare-'));
  const pglite = new PGlite({ dataDir: dir });
  try {
    await pglite.exec(`CREATE TABLE bare_people (${bareColumns})`);
    const started = performance.now();
    await pglite.query(`COPY bare_people FROM '/dev/blob' WITH (FORMAT csv, HEADER true)`, [], {
      blob: new Blob([readFileSync(file)]),
    });
    return (performance.now() - started) / 1000;
  } finally {
    await pglite.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The floor under any import into this schema: the imported people, already validated and
 * encrypted, written once more into an empty table with the person table's indexes (what the ID
 * and name searches need) and its history trigger — no parsing, checks, foreign keys, households,
 * members, places or residences. Rolled back afterwards. Seconds.
 */
async function personFloor(): Promise<number> {
  class Measured {
    constructor(readonly seconds: number) {}
  }
  try {
    await bench.db.asOwner((owner) =>
      owner.transaction().execute(async (tx) => {
        await sql`CREATE TABLE floor_person (LIKE person INCLUDING DEFAULTS INCLUDING INDEXES)`.execute(
          tx,
        );
        await sql`CREATE TRIGGER floor_person_history AFTER INSERT ON floor_person
                  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
                  EXECUTE FUNCTION record_entity_change('created_at', 'updated_at', 'version',
                    'document_bidx', 'phone_bidx', 'id_masked', 'phone_masked')`.execute(tx);
        const change = { actorId: null, actorName: 'bench', source: 'import', at: new Date() };
        await sql`SELECT set_config('shequ.change', ${JSON.stringify(change)}, true)`.execute(tx);
        const started = performance.now();
        await sql`INSERT INTO floor_person SELECT * FROM person`.execute(tx);
        // thrown to roll back: neither the table nor its history stays
        throw new Measured((performance.now() - started) / 1000);
      }),
    );
  } catch (outcome) {
    if (outcome instanceof Measured) return outcome.seconds;
    throw outcome;
  }
  throw new Error('unreachable');
}

const dir = mkdtempSync(path.join(tmpdir(), 'shequ-bench-import-'));
const file = path.join(dir, 'people.csv');
const bench = await openPeopleBench();
try {
  const generateSeconds = await writeRoster(file, PEOPLE, SEED, bench.communities);
  const url = bench.db.env.DATABASE_URL;
  const copySeconds = url ? psqlCopy(url, file) : await pgliteCopy(file);
  const { job, seconds: importSeconds } = await importRoster(bench, file);
  if (job.status !== 'done') throw new Error(`import ${job.status}: ${job.error ?? ''}`);
  const rss = peakRssMiB();
  const floorSeconds = await personFloor();
  const stageSeconds = (Date.parse(job.stagedAt!) - Date.parse(job.createdAt)) / 1000;
  const mergeSeconds = (Date.parse(job.finishedAt!) - Date.parse(job.stagedAt!)) / 1000;
  const ratio = importSeconds / copySeconds;
  const rows = [
    ['engine', bench.db.engine],
    ['people in file', PEOPLE.toLocaleString('en')],
    ['communities', String(bench.communities.length)],
    ['generate CSV (s)', generateSeconds.toFixed(1)],
    [url ? 'psql \\copy, bare table (s)' : 'PGlite COPY, bare table (s)', copySeconds.toFixed(2)],
    ['real import (s)', importSeconds.toFixed(2)],
    ['  staging: parse, check, encrypt (s)', stageSeconds.toFixed(2)],
    ['  merge transaction (s)', mergeSeconds.toFixed(2)],
    ['  created / rejected', `${job.createRows} / ${job.rejectedRows}`],
    ['rows/s (real import)', Math.round(PEOPLE / importSeconds).toLocaleString('en')],
    ['ratio import / copy', ratio.toFixed(2)],
    ['floor: person rows + history only (s)', floorSeconds.toFixed(2)],
    ['ratio floor / copy', (floorSeconds / copySeconds).toFixed(2)],
    ['peak RSS (MiB)', String(rss)],
  ];
  for (const [k, v] of rows) console.log(`${k!.padEnd(40)} ${v}`);
  console.log(
    JSON.stringify({
      bench: 'import',
      engine: bench.db.engine,
      people: PEOPLE,
      copy_s: Number(copySeconds.toFixed(2)),
      import_s: Number(importSeconds.toFixed(2)),
      stage_s: Number(stageSeconds.toFixed(2)),
      merge_s: Number(mergeSeconds.toFixed(2)),
      rows_per_s: Math.round(PEOPLE / importSeconds),
      created: job.createRows,
      rejected: job.rejectedRows,
      peak_rss_mib: rss,
      floor_s: Number(floorSeconds.toFixed(2)),
      floor_ratio: Number((floorSeconds / copySeconds).toFixed(2)),
      baseline: url ? 'psql \\copy into a bare table' : 'PGlite COPY into a bare table',
      ratio: Number(ratio.toFixed(2)),
    }),
  );
} finally {
  if (args.keep && bench.db.env.DATABASE_URL) {
    await bench.db.db.destroy();
    console.error(`kept: npm run bench -- search --database ${bench.db.env.DATABASE_URL}`);
    process.exit(0); // the harness's owner pool stays open with the kept database
  } else {
    await bench.db.close();
  }
  rmSync(dir, { recursive: true, force: true });
}
