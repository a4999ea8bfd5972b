import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/database';
import type { Database } from '../../db/schema';
import { makeIdNumber, makeUser } from '../../test/factories';
import { createTestApp, testEngine, type TestApp } from '../../test/harness';

const cli = path.resolve(import.meta.dirname, '../../../bin/shequ.mjs');
const COMMUNITY = '320102005001';
// enough rows that the merge outlasts the last kill on each engine
const ROWS = testEngine === 'postgresql' ? 20_000 : 4_000;

/** A roster of `ROWS` valid people in households of three, written as UTF-8 CSV. */
function writeRoster(file: string): void {
  const lines = ['姓名,身份证号,户号,与户主关系,小区,楼栋,房号'];
  for (let i = 0; i < ROWS; i += 1) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    const month = String(1 + (Math.floor(i / 28) % 12)).padStart(2, '0');
    const year = 1940 + (Math.floor(i / 336) % 60);
    const household = `K${String(Math.floor(i / 3)).padStart(7, '0')}`;
    const relation = i % 3 === 0 ? '户主' : i % 3 === 1 ? '配偶' : '子';
    lines.push(
      `居民${[...String(i)].map((d) => '零一二三四五六七八九'[Number(d)]).join('')},${makeIdNumber(`${year}${month}${day}`)},${household},${relation},崩溃小区,${1 + (i % 40)}栋,${100 + (i % 300)}`,
    );
  }
  writeFileSync(file, lines.join('\n'));
}

interface Counts {
  person: number;
  history: number;
  household: number;
  member: number;
  place: number;
}

async function countsOf(db: Kysely<Database>): Promise<Counts> {
  const n = async (table: string) =>
    (await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(db))
      .rows[0]!.n;
  return {
    person: await n('person'),
    history: await n('entity_change'),
    household: await n('household'),
    member: await n('household_member'),
    place: await n('place'),
  };
}

/** Runs the CLI import and kills it with SIGKILL `delayMs` after its merge transaction began. */
async function killImportMidway(t: TestApp, file: string, username: string, delayMs: number) {
  const child = spawn(
    process.execPath,
    [cli, 'import', file, '--region', COMMUNITY, '--as', username],
    {
      env: { ...process.env, ...t.db.env, LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // the CLI prints when the merge transaction begins; the kill comes `delayMs` later
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline && !output.includes('开始写入') && child.exitCode === null) {
    await new Promise((r) => setTimeout(r, 5));
  }
  await new Promise((r) => setTimeout(r, delayMs));
  const killedIn = `${delayMs} ms into the merge`;
  child.kill('SIGKILL');
  await exited;
  return { killedIn, output };
}

describe('a killed import leaves the database as before or fully done, never half', () => {
  let t: TestApp;
  let dir: string;
  let file: string;
  let username: string;

  beforeAll(async () => {
    t = await createTestApp({ onDisk: true });
    username = (await makeUser(t.services, [{ role: 'community_worker', regionCode: COMMUNITY }]))
      .username;
    dir = mkdtempSync(path.join(tmpdir(), 'shequ-crash-'));
    file = path.join(dir, 'roster.csv');
    writeRoster(file);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('after SIGKILL mid-import, people, households, places and history are all or nothing', async () => {
    const before = await countsOf(t.db.db);
    await t.db.disconnect();
    const expectComplete = (after: Counts) => {
      expect(after.person - before.person).toBe(ROWS);
      expect(after.household - before.household).toBe(Math.ceil(ROWS / 3));
      expect(after.member - before.member).toBe(ROWS);
      expect(after.history - before.history).toBeGreaterThan(ROWS * 3);
    };
    const reopen = () =>
      openDatabase({
        databaseUrl: t.db.env.DATABASE_URL,
        dataDir: path.join(t.db.env.DATA_DIR ?? '', 'pglite'),
      });
    const outcomes: string[] = [];
    let completed = false;
    for (const delay of [0, 150, 600]) {
      const { killedIn, output } = await killImportMidway(t, file, username, delay);
      const db = await reopen();
      try {
        const after = await countsOf(db.db);
        completed = after.person !== before.person;
        outcomes.push(`${killedIn}: ${completed ? 'complete' : 'untouched'}`);
        // all or nothing: either exactly as before, or every row with its household and history
        if (completed) expectComplete(after);
        else expect(after, `killed ${killedIn}\n${output}`).toEqual(before);
      } finally {
        await db.close();
      }
      if (completed) break;
    }
    console.log(outcomes.join('\n'));
    expect(outcomes[0]).toMatch(/untouched/); // the kill really came mid-merge at least once
    if (!completed) {
      // the same import, left alone, completes: the kills are what stopped it
      const child = spawn(
        process.execPath,
        [cli, 'import', file, '--region', COMMUNITY, '--as', username],
        {
          env: { ...process.env, ...t.db.env, LOG_LEVEL: 'silent' },
          stdio: 'ignore',
        },
      );
      expect(await new Promise((resolve) => child.once('exit', resolve))).toBe(0);
      const db = await reopen();
      try {
        expectComplete(await countsOf(db.db));
      } finally {
        await db.close();
      }
    }
  }, 300_000);
});
