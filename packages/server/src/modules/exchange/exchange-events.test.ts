import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testEngine, type TestApp } from '../../test/harness';
import {
  emitExchangeEvent,
  eventsAfter,
  feedHead,
  sequenceEvents,
  type ExchangeEventInput,
} from './exchange-events.repository';

const BAIZITING = '320102005001';

function event(overrides: Partial<ExchangeEventInput> = {}): ExchangeEventInput {
  return {
    type: 'value.verified',
    personId: null,
    regionCode: BAIZITING,
    elementCodes: ['group.disabled.grade'],
    payload: { elements: { 'group.disabled.grade': { value: '2', status: 'verified' } } },
    ...overrides,
  };
}

async function sequence(t: TestApp) {
  await sequenceEvents(t.db.db, t.clock(), '2026-01-01');
}

async function feed(t: TestApp, cursor: number) {
  return eventsAfter(
    t.db.db,
    {
      cursor,
      head: await feedHead(t.db.db),
      elementCodes: ['group.disabled.grade', 'person.name'],
      regionCode: '32',
    },
    1000,
  );
}

describe('the outbox of change events', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());

  it('stores an event with the change that caused it, and drops it when that rolls back', async () => {
    const kept = await t.db.db.transaction().execute((tx) => emitExchangeEvent(tx, event()));
    await expect(
      t.db.db.transaction().execute(async (tx) => {
        await emitExchangeEvent(tx, event({ type: 'value.ruled' }));
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    const rows = await t.db.db
      .selectFrom('exchange_event')
      .select(['id', 'type', 'position'])
      .execute();
    expect(rows).toEqual([{ id: kept, type: 'value.verified', position: null }]);
  });

  it('refuses events that would leak an encrypted value in clear or name unknown elements', async () => {
    await expect(
      emitExchangeEvent(
        t.db.db,
        event({
          elementCodes: ['person.idNumber'],
          payload: { elements: { 'person.idNumber': { value: '320102198001010016' } } },
        }),
      ),
    ).rejects.toThrow(/encrypted personal value/);
    await expect(
      emitExchangeEvent(t.db.db, event({ elementCodes: ['person.shoeSize'], payload: {} })),
    ).rejects.toThrow(/unknown element/);
    await expect(
      emitExchangeEvent(
        t.db.db,
        event({ payload: { elements: { 'person.name': { value: 'x' } } } }),
      ),
    ).rejects.toThrow(/not among the event's elements/);
    // a status alone may travel for them
    await emitExchangeEvent(
      t.db.db,
      event({
        elementCodes: ['person.idNumber'],
        payload: { elements: { 'person.idNumber': { status: 'verified' } } },
      }),
    );
  });

  it('gives committed events consecutive positions in order, once each', async () => {
    const before = await feedHead(t.db.db);
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) ids.push(await emitExchangeEvent(t.db.db, event()));
    await sequence(t);
    await sequence(t);
    const rows = await t.db.db
      .selectFrom('exchange_event')
      .select(['id', 'position'])
      .where('id', 'in', ids)
      .orderBy('position')
      .execute();
    expect(rows.map((r) => r.id)).toEqual(ids);
    const positions = rows.map((r) => Number(r.position));
    expect(positions[0]).toBeGreaterThan(before);
    for (let i = 1; i < positions.length; i += 1) expect(positions[i]).toBe(positions[i - 1]! + 1);
    const all = await t.db.db.selectFrom('exchange_event').select('position').execute();
    expect(all.every((r) => r.position !== null)).toBe(true);
    expect(new Set(all.map((r) => r.position)).size).toBe(all.length);
  });

  it.skipIf(testEngine !== 'postgresql')(
    'never lets a cursor pass an event whose transaction commits late',
    async () => {
      // only PostgreSQL has concurrent transactions: PGlite's one connection serialises them
      const url = t.db.env.DATABASE_URL!;
      const slow = new pg.Client({ connectionString: url });
      await slow.connect();
      try {
        await slow.query('SET ROLE shequ_app');
        await slow.query('BEGIN');
        const late = await slow.query<{ id: string }>(
          `INSERT INTO exchange_event (type, region_code, element_codes, payload, created_at)
           VALUES ('value.verified', $1, ARRAY['person.name'], '{}', clock_timestamp()) RETURNING id`,
          [BAIZITING],
        );
        // an event inserted later commits first and is sequenced and read
        const early = await emitExchangeEvent(
          t.db.db,
          event({ elementCodes: ['person.name'], payload: {} }),
        );
        await sequence(t);
        const seen = await feed(t, 0);
        expect(seen.map((e) => e.id)).toContain(early);
        expect(seen.map((e) => e.id)).not.toContain(late.rows[0]!.id);
        const cursor = seen[seen.length - 1]!.position;
        await slow.query('COMMIT');
        await sequence(t);
        const next = await feed(t, cursor);
        expect(next.map((e) => e.id)).toEqual([late.rows[0]!.id]);
        expect(next[0]!.position).toBeGreaterThan(cursor);
      } finally {
        await slow.end();
      }
    },
  );

  it('cannot be rewritten or emptied by the application', async () => {
    await expect(sql`DELETE FROM exchange_event`.execute(t.db.db)).rejects.toThrow(
      /permission denied/,
    );
    await expect(sql`TRUNCATE exchange_event`.execute(t.db.db)).rejects.toThrow(
      /permission denied/,
    );
  });
});
