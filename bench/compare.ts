/**
 * Bulk comparison benchmark: `npm run bench -- compare [--database <url>] [--people 1000000]
 * [--records <n>] [--mismatch 0.02] [--seed 5]`. PostgreSQL only (DATABASE_URL or --database).
 *
 * The database: the one `bench import --keep` left at `--database`, or a fresh one filled through
 * the real import path with `--people` generated residents. A 民政 (civil affairs) department of
 * 南京市 then holds one record per person (or `--records` of them): ID number, the element
 * `person.ethnicity`, and the ethnicity's name as its own system spells it (汉族), with a share
 * `--mismatch` of them different from ours.
 *   - real path: the file (CSV) through ComparisonService — parsing, normalisation by the code
 *     set, blind index of each ID number, lookup, classification, a row per record kept for the
 *     detail file, discrepancies and disputed statuses written for the mismatches;
 *   - baseline, same run: the department's records already keyed by blind index and coded in a
 *     bare table, and one plain SQL join with `person` that finds the same mismatches
 *     (`CREATE TABLE … AS SELECT`, timed alone).
 * The last line of output is one JSON object.
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { codeName, ethnicityCodes, findDataElement } from '../packages/core/src/index';
import {
  documentIndexInput,
  documentIndexOf,
  openPii,
} from '../packages/server/src/modules/people/pii';
import { makeDepartment, makeUser } from '../packages/server/src/test/factories';
import { positiveInt, rng } from './_http';
import { benchCipher, CITY, peakRssMiB, peopleDatabase } from './_people';

const { values: args } = parseArgs({
  options: {
    database: { type: 'string' },
    people: { type: 'string', default: '1000000' },
    records: { type: 'string' },
    mismatch: { type: 'string', default: '0.02' },
    seed: { type: 'string', default: '5' },
  },
  strict: true,
});
const PEOPLE = positiveInt('people', args.people);
const MISMATCH = Number(args.mismatch);
if (!(MISMATCH >= 0 && MISMATCH <= 1)) throw new Error('--mismatch must be between 0 and 1');
const log = (s: string) => console.error(s);
if (!args.database && !process.env.DATABASE_URL) {
  throw new Error('bench compare runs on PostgreSQL: set DATABASE_URL or pass --database');
}

function psql(url: string, statement: string): { seconds: number; out: string } {
  const started = performance.now();
  const result = spawnSync('psql', [url, '-v', 'ON_ERROR_STOP=1', '-qAt', '-c', statement], {
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`psql failed: ${result.stderr}`);
  return { seconds: (performance.now() - started) / 1000, out: result.stdout.trim() };
}

async function write(out: NodeJS.WritableStream, text: string) {
  if (!out.write(text)) await once(out, 'drain');
}

const target = await peopleDatabase(args.database, PEOPLE, log);
const url = target.url!;
const dir = mkdtempSync(path.join(tmpdir(), 'shequ-bench-compare-'));
try {
  const departmentId = await makeDepartment(target.services, 'civil_affairs', CITY);
  const reviewer = await makeUser(target.services, [
    { role: 'department_reviewer', regionCode: CITY, departmentId },
  ]);

  // the department's records, from the people themselves (the bench key opens their ID numbers)
  const random = rng(Number(args.seed));
  const names = ethnicityCodes.items.map((i) => i.name);
  const file = path.join(dir, 'department.csv');
  const keyed = path.join(dir, 'department.tsv');
  const csv = createWriteStream(file);
  const tsv = createWriteStream(keyed);
  await write(csv, '证件号码,数据元,值\r\n');
  const limit = args.records ? positiveInt('records', args.records) : Infinity;
  let records = 0;
  let planted = 0;
  let after = '00000000-0000-0000-0000-000000000000';
  const idNumbers: string[] = [];
  log('writing the department file …');
  while (records < limit) {
    const page = await target.db
      .selectFrom('person')
      .select(['id', 'pii', 'ethnicity'])
      .where('id', '>', after)
      .where('merged_into', 'is', null)
      .orderBy('id')
      .limit(10_000)
      .execute();
    if (page.length === 0) break;
    for (const p of page) {
      if (records >= limit) break;
      const idNumber = openPii(benchCipher, p.pii).idNumber;
      idNumbers.push(idNumber);
      let code = p.ethnicity ?? '01';
      if (random() < MISMATCH) {
        const other = ethnicityCodes.items.filter((i) => i.code !== code);
        code = other[Math.floor(random() * other.length)]!.code;
        planted += 1;
      }
      const name = codeName(ethnicityCodes, code) ?? names[0]!;
      await write(csv, `${idNumber},person.ethnicity,${name}\r\n`);
      await write(tsv, `${documentIndexOf(benchCipher, idNumber)}\t${code}\n`);
      records += 1;
    }
    after = page[page.length - 1]!.id;
  }
  csv.end();
  tsv.end();
  await Promise.all([once(csv, 'finish'), once(tsv, 'finish')]);

  // a database at rest, as autovacuum leaves it (the visibility map lets the ambiguity check read
  // the blind-index index alone)
  psql(url, 'VACUUM (ANALYZE) person');

  // floor, part 1: keying the records — one blind index per ID number, the fastest way we have
  const indexer = benchCipher.bulkBlindIndex();
  const keyingStarted = performance.now();
  for (const idNumber of idNumbers) indexer(documentIndexInput(idNumber));
  const keying = (performance.now() - keyingStarted) / 1000;
  idNumbers.length = 0;

  // baseline: the records keyed and coded in a bare table, one plain join finds the mismatches
  psql(url, 'DROP TABLE IF EXISTS bench_department; DROP TABLE IF EXISTS bench_mismatch');
  psql(url, 'CREATE TABLE bench_department (document_bidx text, ethnicity text)');
  // the least any path that starts from the department's records can do: load them, then join
  const copy = psql(url, `\\copy bench_department FROM '${keyed}'`);
  psql(url, 'ANALYZE bench_department');
  const join = psql(
    url,
    `CREATE TABLE bench_mismatch AS
       SELECT d.document_bidx, d.ethnicity AS theirs, p.id, p.ethnicity AS ours
       FROM bench_department d JOIN person p ON p.document_bidx = d.document_bidx AND p.merged_into IS NULL
       WHERE p.ethnicity IS DISTINCT FROM d.ethnicity`,
  );
  const joinMismatches = Number(psql(url, 'SELECT count(*) FROM bench_mismatch').out);
  // floor, part 3: what any real path must write for the mismatches — a disputed status and a
  // discrepancy for each, with their history — timed in a transaction that is rolled back
  const element = findDataElement('person.ethnicity')!;
  const writes = psql(
    url,
    `BEGIN;
     SELECT set_config('shequ.change', '{"actorName":"bench","source":"comparison","at":"${new Date().toISOString()}"}', true);
     INSERT INTO element_value (person_id, element_code, region_code, value, status, verifier,
       source, collected_by_name, collected_at, created_at, updated_at)
     SELECT m.id, '${element.code}', p.region_code, m.ours, 'disputed', '${element.verifier}',
       'comparison', '存量数据', now(), now(), now()
     FROM bench_mismatch m JOIN person p ON p.id = m.id ON CONFLICT DO NOTHING;
     INSERT INTO discrepancy (person_id, element_code, region_code, verifier, our_value, their_value,
       their_department_id, their_source, due_at, created_at, updated_at)
     SELECT m.id, '${element.code}', p.region_code, '${element.verifier}', m.ours, m.theirs,
       '${departmentId}', 'bench', now() + interval '${element.timeLimitDays} days', now(), now()
     FROM bench_mismatch m JOIN person p ON p.id = m.id ON CONFLICT DO NOTHING;
     ROLLBACK;`,
  );
  psql(url, 'VACUUM element_value, discrepancy');
  psql(url, 'DROP TABLE bench_department; DROP TABLE bench_mismatch');

  // the real path
  log(`comparing ${records.toLocaleString('en')} records through ComparisonService …`);
  const ctx = await target.services.auth.commandLineContext(reviewer.username);
  const started = performance.now();
  const { done } = await target.services.comparisons.start(ctx, {
    filePath: file,
    fileName: 'department.csv',
  });
  const job = await done;
  const seconds = (performance.now() - started) / 1000;
  if (job.status !== 'done') throw new Error(`comparison ${job.status}: ${job.error ?? ''}`);
  const rss = peakRssMiB();
  const ratio = seconds / join.seconds;
  const floor = keying + copy.seconds + join.seconds + writes.seconds;
  const rows = [
    ['engine', target.engine],
    ['people in database', target.built ? target.built.toLocaleString('en') : '(kept)'],
    ['department records', records.toLocaleString('en')],
    ['planted mismatches', planted.toLocaleString('en')],
    ['plain SQL join (s)', join.seconds.toFixed(2)],
    ['floor: keying 1M ID numbers (s)', keying.toFixed(2)],
    ['  + psql \\copy of the keyed records (s)', copy.seconds.toFixed(2)],
    ['  + the join (s)', join.seconds.toFixed(2)],
    ['  + writing the mismatches (s)', writes.seconds.toFixed(2)],
    ['  = floor (s)', floor.toFixed(2)],
    ['  floor / join', (floor / join.seconds).toFixed(2)],
    ['  mismatches found', joinMismatches.toLocaleString('en')],
    ['real bulk comparison (s)', seconds.toFixed(2)],
    ['  matched / mismatched', `${job.matched} / ${job.mismatched}`],
    ['  unknown / invalid', `${job.unknownSubject} / ${job.invalid}`],
    ['rows/s (real)', Math.round(records / seconds).toLocaleString('en')],
    ['ratio real / join', ratio.toFixed(2)],
    ['peak RSS (MiB)', String(rss)],
  ];
  for (const [k, v] of rows) console.log(`${k!.padEnd(30)} ${v}`);
  if (job.mismatched !== joinMismatches) {
    throw new Error(
      `the join found ${joinMismatches} mismatches, the comparison ${job.mismatched}`,
    );
  }
  console.log(
    JSON.stringify({
      bench: 'compare',
      engine: target.engine,
      records,
      mismatches: job.mismatched,
      join_s: Number(join.seconds.toFixed(2)),
      keying_s: Number(keying.toFixed(2)),
      copy_s: Number(copy.seconds.toFixed(2)),
      writes_s: Number(writes.seconds.toFixed(2)),
      floor_s: Number(floor.toFixed(2)),
      floor_ratio: Number((floor / join.seconds).toFixed(2)),
      compare_s: Number(seconds.toFixed(2)),
      rows_per_s: Math.round(records / seconds),
      peak_rss_mib: rss,
      baseline: 'plain SQL join of pre-keyed records with person',
      ratio: Number(ratio.toFixed(2)),
    }),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
  await target.close();
}
