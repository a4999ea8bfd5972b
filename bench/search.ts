/**
 * People search benchmark: `npm run bench -- search [--people 1000000] [--database <url>]
 * [--requests 2000] [--concurrency 10] [--seed 3]`.
 *
 * The database: the one `bench import --keep` left at `--database`, or a fresh one filled through
 * the real import path with `--people` generated residents of Nanjing (slow: minutes per million).
 * Then, with the app listening on loopback and a street account signed in whose scope is the whole
 * city (the largest scope short of the province), it measures over keep-alive HTTP:
 *   - exact ID number lookup: GET /api/people?idNumber=… (blind index);
 *   - name-prefix search: GET /api/people?q=<surname + first character> (first page of 20, sorted
 *     by name, with the total);
 * both through session resolution, authorization, the repository and an audit entry per request.
 * Baseline: the same repository query called directly (no HTTP, session, scope or audit).
 * The last line of output is one JSON object.
 */
import { parseArgs } from 'node:util';
import { randomUUID } from 'node:crypto';
import { buildApp } from '../packages/server/src/app';
import { openPii, documentIndexOf } from '../packages/server/src/modules/people/pii';
import { searchPeople } from '../packages/server/src/modules/people/people.repository';
import { makeUser } from '../packages/server/src/test/factories';
import { benchCipher, CITY, peakRssMiB, peopleDatabase } from './_people';
import { Client, fmt, measure, positiveInt, rng, round, signIn, table } from './_http';

const { values: args } = parseArgs({
  options: {
    people: { type: 'string', default: '1000000' },
    database: { type: 'string' },
    requests: { type: 'string', default: '2000' },
    concurrency: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '200' },
    seed: { type: 'string', default: '3' },
  },
  strict: true,
});
const PEOPLE = positiveInt('people', args.people);
const REQUESTS = positiveInt('requests', args.requests);
const CONCURRENCY = positiveInt('concurrency', args.concurrency);
const WARMUP = positiveInt('warmup', args.warmup);
const SEED = positiveInt('seed', args.seed);
const log = (s: string) => console.error(s);

const target = await peopleDatabase(args.database, PEOPLE, log);
try {
  const people = Number(
    (
      await target.db
        .selectFrom('person')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  // samples: ID numbers (decrypted from random people) and two-character name prefixes
  const random = rng(SEED);
  // (kysely's sql tag lives in the server package: the query builder is used here instead)
  const sample: { pii: string; name: string }[] = [];
  for (let i = 0; i < 1000; i += 1) {
    const next = await target.db
      .selectFrom('person')
      .select(['pii', 'name'])
      .where('id', '>', randomUUID())
      .orderBy('id')
      .limit(1)
      .executeTakeFirst();
    if (next) sample.push(next);
  }
  const ids = sample.map((r) => openPii(benchCipher, r.pii).idNumber);
  const prefixes = sample.map((r) => r.name.slice(0, 2));
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;

  const user = await makeUser(target.services, [{ role: 'street_staff', regionCode: CITY }]);
  const app = await buildApp({ services: target.services, logLevel: 'silent' });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('not listening on TCP');
  const client = new Client(address.port, CONCURRENCY);
  try {
    await signIn(client, user.username, user.password, user.totpSecret);
    const byId = (i: number) => `/api/people?idNumber=${ids[i % ids.length]!}`;
    const byName = () => `/api/people?q=${encodeURIComponent(pick(prefixes))}`;
    await measure(WARMUP, CONCURRENCY, async (i) => {
      await client.getOk(i % 2 ? byId(i) : byName());
    });
    const idStats = await measure(REQUESTS, CONCURRENCY, async (i) => {
      const page = await client.getOk<{ total: number }>(byId(i));
      if (page.total < 1) throw new Error(`ID lookup found nobody: ${byId(i)}`);
    });
    const nameStats = await measure(REQUESTS, CONCURRENCY, async () => {
      await client.getOk(byName());
    });
    const filter = { scopes: [CITY] };
    const baseId = await measure(REQUESTS, CONCURRENCY, async (i) => {
      await searchPeople(
        target.db,
        { ...filter, documentIndex: documentIndexOf(benchCipher, ids[i % ids.length]!) },
        'name',
        'asc',
        1,
        20,
      );
    });
    const baseName = await measure(REQUESTS, CONCURRENCY, async () => {
      await searchPeople(target.db, { ...filter, name: pick(prefixes) }, 'name', 'asc', 1, 20);
    });
    const rss = peakRssMiB();
    console.log(
      table([
        ['query', 'requests', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'],
        ...(
          [
            ['ID lookup, HTTP + auth + audit', idStats],
            ['name prefix, HTTP + auth + audit', nameStats],
            ['ID lookup, repository only', baseId],
            ['name prefix, repository only', baseName],
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
    console.log(
      `engine ${target.engine}; ${people.toLocaleString('en')} people; scope ${CITY} (南京市); concurrency ${CONCURRENCY}; peak RSS ${rss} MiB`,
    );
    console.log(
      JSON.stringify({
        bench: 'search',
        engine: target.engine,
        people,
        concurrency: CONCURRENCY,
        id_p95_ms: round(idStats.p95),
        name_p95_ms: round(nameStats.p95),
        p95_ms: round(Math.max(idStats.p95, nameStats.p95)),
        id_rps: round(idStats.rps, 0),
        name_rps: round(nameStats.rps, 0),
        baseline_p95_ms: round(Math.max(baseId.p95, baseName.p95)),
        ratio: round(Math.max(idStats.p95, nameStats.p95) / Math.max(baseId.p95, baseName.p95)),
        peak_rss_mib: rss,
      }),
    );
  } finally {
    client.close();
    await app.close();
  }
} finally {
  await target.close();
}
