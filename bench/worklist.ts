/**
 * Work queue benchmark: `npm run bench -- worklist [--database <url>] [--applications 1000000]
 * [--requests 400] [--warmup 50] [--seed 11] [--explain] [--keep]`. PostgreSQL only (DATABASE_URL
 * or --database).
 *
 * The database: a fresh one with the Nanjing division tree and the city's service matter catalog
 * (or the one at `--database`; applications are loaded only when it has none), then
 * `--applications` applications (at most 1,000,000: the number's six digits are the row's
 * sequence) bulk-loaded in SQL, batch by batch, through the history trigger:
 *   - the 11 default matters with their own volumes; 85% decided (approved or rejected at a
 *     step, `decided_at` set), 15% open — waiting for acceptance, returned for supplement, or in
 *     process at every later step (a countersign step with one or both departments still to act);
 *   - the step columns and time limits computed by core (`applyApplicationAction`,
 *     `currentAssignment`, `applicationTimeLimit` with the real work calendar) per matter and
 *     acceptance day; open deadlines spread over ±30 days around today, submissions over 2 years;
 *   - applicants drawn from a pool of generated residents (one per ten applications), each with
 *     their ID number and phone in a FieldCipher envelope (the bench key) and blind indexes, in a
 *     community of Nanjing drawn uniformly.
 * Then `VACUUM (ANALYZE)`, and with the app listening on loopback, a 玄武区民政局 department
 * reviewer (department_reviewer on 320102 with a civil_affairs department) and a street_staff
 * account of one 玄武区 street each ask over keep-alive HTTP for their queue
 * (`GET /api/applications/queue`, first page of 20 in deadline order with the total) with no
 * filter, a matter, `timeLimit=overdue`, `timeLimit=warning` and a region (a street for the
 * reviewer, a community for the street), `--requests` times at concurrency 1 and 10.
 * Baseline, same run: the service's two statements (the page and the count, in parallel as the
 * service sends them) as plain SQL through the pool. `ratio` = worst API p95 / worst SQL p95 at
 * concurrency 10. The last line of output is one JSON object.
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  applicationTimeLimit,
  applyApplicationAction,
  chinaDate,
  codeLengthOfLevel,
  currentAssignment,
  initialApplicationState,
  type ApplicationState,
  type ServiceMatter,
} from '../packages/core/src/index';
import { buildApp } from '../packages/server/src/app';
import { openDatabase } from '../packages/server/src/db/database';
import { assignedTo } from '../packages/server/src/modules/applications/applications.repository';
import { syncCodeSets } from '../packages/server/src/modules/code-sets/code-sets.repository';
import { documentIndexOf, phoneIndexOf } from '../packages/server/src/modules/people/pii';
import { generatePeople } from '../packages/server/src/seed/people-generator';
import { createServices, type Services } from '../packages/server/src/services';
import { makeDepartment, makeUser } from '../packages/server/src/test/factories';
import { sql } from '../packages/server/src/test/harness';
import { Client, fmt, measure, positiveInt, rng, round, signIn, table, type Stats } from './_http';
import { benchCipher, CITY, openPeopleBench, peakRssMiB } from './_people';

const { values: args } = parseArgs({
  options: {
    database: { type: 'string' },
    applications: { type: 'string', default: '1000000' },
    requests: { type: 'string', default: '400' },
    warmup: { type: 'string', default: '50' },
    seed: { type: 'string', default: '11' },
    /** Print EXPLAIN (ANALYZE, BUFFERS) of every queue statement (always when a p95 ≥ 100 ms). */
    explain: { type: 'boolean', default: false },
    /** Keep the database this run created, for `--database` next time. */
    keep: { type: 'boolean', default: false },
  },
  strict: true,
});
const APPLICATIONS = positiveInt('applications', args.applications);
if (APPLICATIONS > 1_000_000) throw new Error('--applications is at most 1,000,000');
const REQUESTS = positiveInt('requests', args.requests);
const WARMUP = positiveInt('warmup', args.warmup);
const SEED = positiveInt('seed', args.seed);
const BATCH = 100_000;
const COUNTY = '320102'; // 玄武区
const TARGET_MS = 100;
const log = (s: string) => console.error(s);
if (!args.database && !process.env.DATABASE_URL) {
  throw new Error('bench worklist runs on PostgreSQL: set DATABASE_URL or pass --database');
}

function psql(url: string, statement: string): { seconds: number; out: string } {
  const started = performance.now();
  const result = spawnSync('psql', [url, '-v', 'ON_ERROR_STOP=1', '-qAt', '-c', statement], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`psql failed: ${result.stderr}`);
  return { seconds: (performance.now() - started) / 1000, out: result.stdout.trim() };
}

/** One field of COPY's text format. */
const copyField = (v: string | number | null) =>
  v === null
    ? '\\N'
    : String(v).replaceAll('\\', '\\\\').replaceAll('\t', '\\t').replaceAll('\n', '\\n');

async function writeTsv(file: string, rows: Iterable<(string | number | null)[]>) {
  const out = createWriteStream(file);
  for (const row of rows) {
    if (!out.write(`${row.map(copyField).join('\t')}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

function shiftDate(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

// ---------------------------------------------------------------- the mix

/** Share of all applications per matter (a city's volumes, roughly); others get 5. */
const matterVolume: Record<string, number> = {
  elderly_allowance_claim: 12,
  minimum_living_application: 5,
  extreme_poverty_application: 2,
  temporary_assistance_application: 6,
  disability_subsidies_application: 6,
  home_care_subsidy_application: 8,
  residence_permit_application: 14,
  employment_certificate_application: 8,
  birth_registration: 10,
  resident_medical_insurance_enrolment: 14,
  residence_certificate: 15,
};

/** How the row's dates are made: see the INSERT below. */
type Timing = 'decided' | 'processing' | 'submitted' | 'returned' | 'paused';

interface Kind {
  matter: ServiceMatter;
  state: ApplicationState;
  timing: Timing;
  weight: number;
}

const PLACEHOLDER_DAY = '2026-01-05';
const actor = { userId: 'bench' };

function act(
  matter: ServiceMatter,
  state: ApplicationState,
  action: 'accept' | 'approve' | 'reject' | 'return',
  departmentType?: string,
) {
  return applyApplicationAction(
    matter,
    state,
    { action, opinion: action === 'reject' || action === 'return' ? '材料不全' : '' },
    { ...actor, departmentType: departmentType ?? null },
    PLACEHOLDER_DAY,
  ).state;
}

/** Passes the current step: one approval, or one per department at a countersign step. */
function passStep(matter: ServiceMatter, state: ApplicationState): ApplicationState {
  if (matter.steps[state.stepIndex]!.kind !== 'countersign') return act(matter, state, 'approve');
  let next = state;
  for (const type of state.waitingOn) next = act(matter, next, 'approve', type);
  return next;
}

/** Accepted and in process at step `index` (≥ 1). */
function atStep(matter: ServiceMatter, index: number): ApplicationState {
  let state = act(matter, initialApplicationState(matter), 'accept');
  while (state.stepIndex < index) state = passStep(matter, state);
  return state;
}

/** The states one matter's applications are in, with their shares of the matter's volume. */
function kindsOf(matter: ServiceMatter, volume: number): Kind[] {
  const kinds: Kind[] = [];
  const add = (state: ApplicationState, timing: Timing, share: number) =>
    kinds.push({ matter, state, timing, weight: volume * share });
  const last = matter.steps.length - 1;
  const later = matter.steps.map((_, i) => i).filter((i) => i >= 1);
  // decided: 78% approved at the last step, 7% rejected at one of the steps after acceptance
  add(passStep(matter, atStep(matter, last)), 'decided', 0.78);
  for (const i of later)
    add(act(matter, atStep(matter, i), 'reject'), 'decided', 0.07 / later.length);
  // open: 1.5% waiting for acceptance, 1% returned for supplement, 12.5% in process
  const initial = initialApplicationState(matter);
  add(initial, 'submitted', 0.015);
  add(act(matter, initial, 'return'), 'returned', 0.005);
  for (const i of later) {
    add(act(matter, atStep(matter, i), 'return'), 'paused', 0.005 / later.length);
    const state = atStep(matter, i);
    const share = 0.125 / later.length;
    if (matter.steps[i]!.kind === 'countersign' && state.waitingOn.length > 1) {
      add(state, 'processing', share / 2);
      for (const type of state.waitingOn) {
        add(act(matter, state, 'approve', type), 'processing', share / 2 / state.waitingOn.length);
      }
    } else {
      add(state, 'processing', share);
    }
  }
  return kinds;
}

/** Per-matter example values for the form and materials (the queue never reads them). */
function formOf(matter: ServiceMatter): Record<string, string | number | boolean> {
  const values: Record<string, string | number | boolean> = {};
  for (const f of matter.form) {
    const type = (f as { type?: string }).type;
    values[f.key] =
      type === 'date'
        ? '1941-05-12'
        : type === 'phone'
          ? '13951712345'
          : type === 'number'
            ? 3
            : type === 'boolean'
              ? true
              : `${f.label}（示例）`;
  }
  return values;
}

// ---------------------------------------------------------------- the load

interface Target {
  db: Services['db'];
  services: Services;
  url: string;
  close(): Promise<void>;
  keep(): Promise<void>;
}

async function openTarget(): Promise<Target> {
  if (args.database) {
    const db = await openDatabase({ databaseUrl: args.database, dataDir: 'unused' });
    const services = createServices(db.db, db.engine, () => new Date(), benchCipher);
    await services.departments.ensureTypes();
    await syncCodeSets(db.db);
    const loaded = await db.db
      .selectFrom('region')
      .select('code')
      .where('code', 'like', `${CITY}%`)
      .where('level', '=', 'community')
      .limit(1)
      .executeTakeFirst();
    if (!loaded) await services.regions.loadDivisions(CITY);
    return {
      db: db.db,
      services,
      url: args.database,
      close: () => db.close(),
      keep: () => db.close(),
    };
  }
  const bench = await openPeopleBench();
  return {
    db: bench.db.db,
    services: bench.services,
    url: bench.db.env.DATABASE_URL!,
    close: () => bench.db.close(),
    keep: () => bench.db.db.destroy(),
  };
}

/** Loads the applications; returns the seconds the whole load took (pool, tables, inserts). */
async function loadApplications(target: Target, today: string, dir: string): Promise<number> {
  const started = performance.now();
  const { db, services, url } = target;
  await services.matters.ensureCity(CITY);
  const matters = await db
    .selectFrom('service_matter')
    .select(['id', 'code', 'version', 'department_type', 'definition'])
    .where('city_code', '=', CITY)
    .where('enabled', '=', true)
    .orderBy('code')
    .execute();
  const communities = (
    await db
      .selectFrom('region')
      .select(['code', 'name'])
      .where('level', '=', 'community')
      .where('code', 'like', `${CITY}%`)
      .orderBy('code')
      .execute()
  ).filter((c) => c.code.length === 12);

  // time limits per matter and acceptance day (core, real calendar)
  const limits: (string | number | null)[][] = [];
  const openCount = new Map<string, number>();
  const from = shiftDate(today, -30);
  const to = shiftDate(today, 30);
  for (const m of matters) {
    const matter = m.definition as ServiceMatter;
    let k = 0;
    for (let back = 800; back >= 0; back -= 1) {
      const acceptedOn = shiftDate(today, -back);
      const state = { ...atStep(matter, 1), acceptedOn, pauses: [] };
      const limit = applicationTimeLimit(services.calendar, matter, state);
      const inWindow = limit.deadline !== null && limit.deadline >= from && limit.deadline <= to;
      limits.push([m.code, acceptedOn, limit.deadline, limit.warnOn, inWindow ? k : null]);
      if (inWindow) k += 1;
    }
    if (k === 0) throw new Error(`no acceptance day gives ${m.code} a deadline within ±30 days`);
    openCount.set(m.code, k);
  }

  // the mix, as 10,000 buckets of kinds
  const kinds = matters.flatMap((m) =>
    kindsOf(m.definition as ServiceMatter, matterVolume[m.code] ?? 5),
  );
  const totalWeight = kinds.reduce((a, k) => a + k.weight, 0);
  const buckets: number[][] = [];
  let cumulative = 0;
  kinds.forEach((k, n) => {
    const end = Math.round(((cumulative += k.weight) / totalWeight) * 10_000);
    while (buckets.length < end) buckets.push([buckets.length, n]);
  });
  const matterRow = new Map(matters.map((m) => [m.code, m]));
  const kindRows = kinds.map((k, n) => {
    const m = matterRow.get(k.matter.code)!;
    const a = currentAssignment(k.matter, k.state, communities[0]!.code);
    return [
      n,
      m.id,
      m.code,
      m.version,
      m.department_type,
      k.state.status,
      k.state.stepIndex,
      a.key,
      a.role,
      codeLengthOfLevel[a.level],
      `{${k.state.waitingOn.join(',')}}`,
      k.timing,
      openCount.get(m.code)!,
      JSON.stringify(formOf(k.matter)),
      JSON.stringify(
        k.matter.materials.map((x) => ({
          code: x.code,
          name: x.name,
          state: 'provided',
          reason: null,
        })),
      ),
    ];
  });

  // the applicants: generated residents holding an ID card, each in a community drawn uniformly
  const pool = Math.max(1000, Math.ceil(APPLICATIONS / 10));
  const random = rng(SEED);
  const applicants: (string | number)[][] = [];
  for (const p of generatePeople({ seed: SEED, communities, today })) {
    if (applicants.length >= pool) break;
    const c = p.cells;
    if (c['证件类型'] !== '111') continue;
    const idNumber = c['证件号码']!;
    const phone = c['联系电话'] || `139${String(applicants.length).padStart(8, '0')}`;
    applicants.push([
      applicants.length,
      c['姓名']!,
      benchCipher.encrypt(JSON.stringify({ idNumber, phone })),
      documentIndexOf(benchCipher, idNumber),
      phoneIndexOf(benchCipher, phone)!,
      communities[Math.floor(random() * communities.length)]!.code,
    ]);
  }

  const files = {
    limit: path.join(dir, 'limit.tsv'),
    kind: path.join(dir, 'kind.tsv'),
    bucket: path.join(dir, 'bucket.tsv'),
    applicant: path.join(dir, 'applicant.tsv'),
  };
  await writeTsv(files.limit, limits);
  await writeTsv(files.kind, kindRows);
  await writeTsv(files.bucket, buckets);
  await writeTsv(files.applicant, applicants);
  dropHelpers(url);
  psql(
    url,
    `CREATE UNLOGGED TABLE bench_wl_limit (matter_code text, accepted_on date, deadline date,
       warn_on date, open_k int, PRIMARY KEY (matter_code, accepted_on));
     CREATE UNLOGGED TABLE bench_wl_kind (n int PRIMARY KEY, matter_id uuid, matter_code text,
       matter_version int, department_type text, status text, step_index int, step_key text,
       step_role text, step_length int, waiting_on text[], timing text, open_count int,
       form jsonb, materials jsonb);
     CREATE UNLOGGED TABLE bench_wl_bucket (b int PRIMARY KEY, kind int);
     CREATE UNLOGGED TABLE bench_wl_applicant (n int PRIMARY KEY, name text, pii text,
       document_bidx text, phone_bidx text, region_code text)`,
  );
  for (const [name, file] of Object.entries(files))
    psql(url, `\\copy bench_wl_${name} FROM '${file}'`);
  psql(
    url,
    `CREATE INDEX ON bench_wl_limit (matter_code, open_k);
     ANALYZE bench_wl_limit; ANALYZE bench_wl_kind; ANALYZE bench_wl_bucket; ANALYZE bench_wl_applicant`,
  );
  log(
    `  ${kinds.length} kinds over ${matters.length} matters, ${applicants.length.toLocaleString('en')} applicants over ${communities.length} communities (${((performance.now() - started) / 1000).toFixed(1)} s)`,
  );

  // deterministic uniform draws in [0, 1) per row and purpose
  const u = (k: number) =>
    `((hashint8extended(g.i, ${SEED * 16 + k}) & 2147483647)::float8 / 2147483648)`;
  const change = JSON.stringify({
    actorName: 'bench',
    source: 'seed',
    at: new Date().toISOString(),
  });
  for (let lo = 1; lo <= APPLICATIONS; lo += BATCH) {
    const hi = Math.min(APPLICATIONS, lo + BATCH - 1);
    const batch = psql(
      url,
      `BEGIN;
       SELECT set_config('shequ.change', '${change}', true);
       INSERT INTO application (number, city_code, matter_id, matter_code, matter_version,
         department_type, applicant_name, applicant_pii, applicant_document_bidx,
         applicant_phone_bidx, region_code, channel, status, step_index, step_key, step_role,
         step_region_code, waiting_on, accepted_on, deadline, warn_on, pauses, form, materials,
         submitted_at, decided_at, returned_count, created_at, updated_at)
       SELECT 'SQ' || to_char(s.submitted_at AT TIME ZONE 'Asia/Shanghai', 'YYYYMMDD')
                || lpad((g.i % 1000000)::text, 6, '0'),
              '${CITY}', k.matter_id, k.matter_code, k.matter_version, k.department_type,
              p.name, p.pii, p.document_bidx, p.phone_bidx, p.region_code,
              CASE WHEN ${u(3)} < 0.70 THEN 'window' WHEN ${u(3)} < 0.95 THEN 'online' ELSE 'visit' END,
              k.status, k.step_index, k.step_key, k.step_role, left(p.region_code, k.step_length),
              k.waiting_on, a.accepted_on,
              CASE k.timing WHEN 'processing' THEN lo.deadline WHEN 'decided' THEN ld.deadline END,
              CASE k.timing WHEN 'processing' THEN lo.warn_on WHEN 'decided' THEN ld.warn_on END,
              CASE k.timing WHEN 'paused'
                THEN jsonb_build_array(jsonb_build_object('from', a.accepted_on + 2, 'to', null))
                ELSE '[]'::jsonb END,
              k.form, k.materials, s.submitted_at,
              CASE k.timing WHEN 'decided' THEN least(now() - interval '1 hour',
                s.submitted_at + ${u(6)} * (ld.deadline - ld.accepted_on + 1) * interval '1 day') END,
              CASE WHEN k.status = 'supplement' THEN 1 ELSE 0 END,
              s.submitted_at,
              CASE k.timing WHEN 'decided' THEN least(now() - interval '1 hour',
                s.submitted_at + ${u(6)} * (ld.deadline - ld.accepted_on + 1) * interval '1 day')
                ELSE s.submitted_at END
       FROM generate_series(${lo}::bigint, ${hi}::bigint) AS g(i)
       JOIN bench_wl_bucket b ON b.b = floor(${u(1)} * 10000)::int
       JOIN bench_wl_kind k ON k.n = b.kind
       JOIN bench_wl_applicant p ON p.n = floor(${u(2)} * ${applicants.length})::int
       LEFT JOIN bench_wl_limit lo ON k.timing = 'processing' AND lo.matter_code = k.matter_code
         AND lo.open_k = floor(${u(4)} * k.open_count)::int
       LEFT JOIN bench_wl_limit ld ON k.timing = 'decided' AND ld.matter_code = k.matter_code
         AND ld.accepted_on = date '${today}' - (8 + floor(${u(4)} * 722)::int)
       CROSS JOIN LATERAL (SELECT CASE k.timing
           WHEN 'processing' THEN lo.accepted_on
           WHEN 'decided' THEN ld.accepted_on
           WHEN 'paused' THEN date '${today}' - (5 + floor(${u(4)} * 40)::int) END AS accepted_on) a
       CROSS JOIN LATERAL (SELECT CASE
           WHEN a.accepted_on IS NOT NULL THEN least(now(),
             ((a.accepted_on + time '08:30') + ${u(5)} * interval '8 hours 30 minutes')
               AT TIME ZONE 'Asia/Shanghai')
           WHEN k.timing = 'submitted' THEN now() - ${u(5)} * interval '3 days'
           ELSE now() - ${u(5)} * interval '20 days' END AS submitted_at) s;
       COMMIT`,
    );
    log(`  ${hi.toLocaleString('en')} applications (batch ${batch.seconds.toFixed(1)} s)`);
  }
  psql(url, `SELECT setval('application_number_seq', ${APPLICATIONS})`);
  dropHelpers(url);
  return (performance.now() - started) / 1000;
}

function dropHelpers(url: string) {
  psql(
    url,
    'DROP TABLE IF EXISTS bench_wl_limit, bench_wl_kind, bench_wl_bucket, bench_wl_applicant',
  );
}

// ---------------------------------------------------------------- the measurement

interface Case {
  user: 'reviewer' | 'street';
  filter: string;
  query: {
    matterCode?: string;
    timeLimit?: 'overdue' | 'warning';
    regionCode?: string;
  };
}

interface Result {
  c: Case;
  total: number;
  api: Record<number, Stats>;
  sql: Record<number, Stats>;
  planMs: { page: number; count: number };
  plans: string[];
}

const target = await openTarget();
let keep = false;
const dir = mkdtempSync(path.join(tmpdir(), 'shequ-bench-worklist-'));
try {
  const { db, services, url } = target;
  const today = chinaDate(new Date());
  const engine = `postgresql ${psql(url, 'SHOW server_version').out.split(' ')[0]}`;
  const present = Number(
    (
      await db
        .selectFrom('application')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  let loadSeconds: number | null = null;
  if (present === 0) {
    log(`loading ${APPLICATIONS.toLocaleString('en')} applications …`);
    loadSeconds = await loadApplications(target, today, dir);
    log(`  loaded in ${loadSeconds.toFixed(1)} s`);
  } else {
    log(`the database holds ${present.toLocaleString('en')} applications: measuring those`);
  }
  const vacuum = psql(url, 'VACUUM (ANALYZE) application');
  log(`  VACUUM (ANALYZE) application: ${vacuum.seconds.toFixed(1)} s`);
  const applications = Number(psql(url, 'SELECT count(*) FROM application').out);
  const open = Number(
    psql(
      url,
      "SELECT count(*) FROM application WHERE status IN ('submitted','processing','supplement')",
    ).out,
  );

  // the accounts: 玄武区民政局's reviewer, and the staff of the 玄武区 street with most communities
  const street = psql(
    url,
    `SELECT left(code, 9) FROM region WHERE level = 'community' AND code LIKE '${COUNTY}%'
     GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`,
  ).out;
  const community = psql(
    url,
    `SELECT region_code FROM application WHERE region_code LIKE '${street}%'
       AND status IN ('submitted','processing','supplement')
     GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`,
  ).out;
  const departmentId = await makeDepartment(services, 'civil_affairs', COUNTY);
  const reviewer = await makeUser(services, [
    { role: 'department_reviewer', regionCode: COUNTY, departmentId },
  ]);
  const staff = await makeUser(services, [{ role: 'street_staff', regionCode: street }]);
  const cases: Case[] = [];
  for (const [user, region] of [
    ['reviewer', street],
    ['street', community],
  ] as const) {
    cases.push(
      { user, filter: 'none', query: {} },
      { user, filter: 'matterCode', query: { matterCode: 'elderly_allowance_claim' } },
      { user, filter: 'overdue', query: { timeLimit: 'overdue' } },
      { user, filter: 'warning', query: { timeLimit: 'warning' } },
      { user, filter: 'regionCode', query: { regionCode: region } },
    );
  }

  // the service's statements, built as ApplicationsService.queue builds them (page 1 of 20): the
  // page's ids and the count from `application` alone (the service then reads those 20 rows)
  const reachesOf = {
    reviewer: await services.applications.workReaches(
      await services.auth.commandLineContext(reviewer.username),
    ),
    street: await services.applications.workReaches(
      await services.auth.commandLineContext(staff.username),
    ),
  };
  const statementsOf = (c: Case) => {
    let q = db
      .selectFrom('application as a')
      .where('a.status', 'in', ['submitted', 'processing', 'supplement'])
      .where((eb) => assignedTo(eb, reachesOf[c.user]));
    if (c.query.matterCode) q = q.where('a.matter_code', '=', c.query.matterCode);
    if (c.query.regionCode) q = q.where('a.region_code', 'like', `${c.query.regionCode}%`);
    if (c.query.timeLimit === 'overdue') q = q.where('a.deadline', '<', today);
    if (c.query.timeLimit === 'warning') {
      q = q.where('a.warn_on', '<=', today).where('a.deadline', '>=', today);
    }
    return {
      page: q
        .select('a.id')
        .orderBy(sql`a.deadline NULLS LAST`)
        .orderBy('a.id')
        .limit(20)
        .offset(0)
        .compile(),
      count: q.select((eb) => eb.fn.countAll<string>().as('n')).compile(),
    };
  };

  const app = await buildApp({ services, logLevel: 'silent' });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('not listening on TCP');
  const clients = { reviewer: new Client(address.port, 10), street: new Client(address.port, 10) };
  const results: Result[] = [];
  try {
    await signIn(clients.reviewer, reviewer.username, reviewer.password, reviewer.totpSecret);
    await signIn(clients.street, staff.username, staff.password, staff.totpSecret);
    log(
      `load average before measuring: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
    for (const c of cases) {
      const client = clients[c.user];
      const pathOf = `/api/applications/queue?${new URLSearchParams({ status: 'open', ...c.query, page: '1', pageSize: '20' })}`;
      const statements = statementsOf(c);
      const runSql = async () => {
        const [page, count] = await Promise.all([
          db.executeQuery(statements.page),
          db.executeQuery(statements.count),
        ]);
        return { page: page.rows as { id: string }[], count: count.rows as { n: string }[] };
      };
      // the baseline is the same query: same page, same total
      const reply = await client.getOk<{ total: number; items: { id: string }[] }>(pathOf);
      const direct = await runSql();
      if (
        reply.total !== Number(direct.count[0]!.n) ||
        reply.items.map((i) => i.id).join() !== direct.page.map((r) => r.id).join()
      ) {
        throw new Error(`${c.user} ${c.filter}: the API and the SQL disagree`);
      }
      await measure(WARMUP, 10, async () => {
        await client.getOk(pathOf);
        await runSql();
      });
      const api: Record<number, Stats> = {};
      const base: Record<number, Stats> = {};
      for (const concurrency of [1, 10]) {
        api[concurrency] = await measure(REQUESTS, concurrency, async () => {
          await client.getOk(pathOf);
        });
        base[concurrency] = await measure(REQUESTS, concurrency, async () => {
          await runSql();
        });
      }
      const plans: string[] = [];
      const planMs = { page: NaN, count: NaN };
      for (const part of ['page', 'count'] as const) {
        const s = statements[part];
        const explained = await db.executeQuery<{ 'QUERY PLAN': string }>({
          ...s,
          sql: `EXPLAIN (ANALYZE, BUFFERS) ${s.sql}`,
        });
        const text = explained.rows.map((r) => r['QUERY PLAN']).join('\n');
        planMs[part] = Number(/Execution Time: ([\d.]+) ms/.exec(text)?.[1] ?? NaN);
        plans.push(
          `-- ${c.user} ${c.filter}, ${part}\n${s.sql}\n${JSON.stringify(s.parameters)}\n${text}`,
        );
      }
      results.push({ c, total: reply.total, api, sql: base, planMs, plans });
      log(
        `  ${c.user} ${c.filter}: total ${reply.total}, API p95 ${fmt(api[1]!.p95)} / ${fmt(api[10]!.p95)} ms, SQL p95 ${fmt(base[1]!.p95)} / ${fmt(base[10]!.p95)} ms (c1 / c10)`,
      );
    }
  } finally {
    clients.reviewer.close();
    clients.street.close();
    await app.close();
  }

  const rss = peakRssMiB();
  const worst = results.reduce((a, r) => (r.api[10]!.p95 > a.api[10]!.p95 ? r : a));
  const worstSql = Math.max(...results.map((r) => r.sql[10]!.p95));
  const slow = results.filter((r) => r.api[10]!.p95 >= TARGET_MS || r.api[1]!.p95 >= TARGET_MS);
  for (const r of args.explain ? results : slow) log(r.plans.join('\n\n'));
  console.log(
    table([
      [
        'user, filter',
        'total',
        'conc.',
        'req/s',
        'p50 ms',
        'p95 ms',
        'p99 ms',
        'SQL p50',
        'SQL p95',
        'SQL req/s',
        'ratio',
        'plan ms',
      ],
      ...results.flatMap((r) =>
        [1, 10].map((conc) => [
          `${r.c.user}, ${r.c.filter}`,
          String(r.total),
          String(conc),
          fmt(r.api[conc]!.rps, 0),
          fmt(r.api[conc]!.p50),
          fmt(r.api[conc]!.p95),
          fmt(r.api[conc]!.p99),
          fmt(r.sql[conc]!.p50),
          fmt(r.sql[conc]!.p95),
          fmt(r.sql[conc]!.rps, 0),
          fmt(r.api[conc]!.p95 / r.sql[conc]!.p95),
          conc === 1 ? `${fmt(r.planMs.page)}+${fmt(r.planMs.count)}` : '',
        ]),
      ),
    ]),
  );
  console.log(
    `${engine}; ${applications.toLocaleString('en')} applications (${open.toLocaleString('en')} open); reviewer: department_reviewer ${COUNTY} (玄武区) civil_affairs; street: street_staff ${street}; matter elderly_allowance_claim; regions ${street} / ${community}; ${REQUESTS} requests per row; peak RSS ${rss} MiB` +
      (loadSeconds === null
        ? ''
        : `; load ${loadSeconds.toFixed(1)} s (${Math.round(applications / loadSeconds)} rows/s)`),
  );
  const p95s = (conc: number) =>
    Object.fromEntries(
      (['reviewer', 'street'] as const).map((user) => [
        user,
        Object.fromEntries(
          results
            .filter((r) => r.c.user === user)
            .map((r) => [r.c.filter, round(r.api[conc]!.p95)]),
        ),
      ]),
    );
  console.log(
    JSON.stringify({
      bench: 'worklist',
      engine,
      applications,
      open,
      concurrency: 10,
      p95_ms: round(worst.api[10]!.p95),
      worst: `${worst.c.user} ${worst.c.filter}`,
      rows_per_s: loadSeconds === null ? null : Math.round(applications / loadSeconds),
      load_s: loadSeconds === null ? null : round(loadSeconds, 1),
      peak_rss_mib: rss,
      baseline: 'the same page and count statements through the pool',
      baseline_p95_ms: round(worstSql),
      ratio: round(worst.api[10]!.p95 / worstSql),
      p95_c10: p95s(10),
      p95_c1: p95s(1),
    }),
  );
  keep = args.keep;
} finally {
  rmSync(dir, { recursive: true, force: true });
  if (keep && !args.database) {
    await target.keep();
    console.error(`kept: npm run bench -- worklist --database ${target.url}`);
    process.exit(0); // the harness's owner pool stays open with the kept database
  } else {
    await target.close();
  }
}
