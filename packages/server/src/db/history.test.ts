import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PersonDetail } from '@shequ/core';
import { loginAs, makeIdNumber } from '../test/factories';
import { createTestApp, type Agent, type TestApp } from '../test/harness';
import { importFile } from '../test/imports';

const COMMUNITY = '320102005001';

/** Tables whose rows carry created_at, updated_at and version: the governed tables. */
async function governedTables(t: TestApp): Promise<string[]> {
  const rows = await sql<{ table_name: string }>`
    SELECT table_name FROM information_schema.columns
    WHERE table_schema = 'public' AND column_name IN ('created_at', 'updated_at', 'version')
    GROUP BY table_name HAVING count(*) = 3 ORDER BY table_name`.execute(t.db.db);
  return rows.rows.map((r) => r.table_name);
}

/** The columns a governed table's history leaves out, read from its trigger's arguments. */
async function skippedColumns(t: TestApp): Promise<Map<string, string[]>> {
  const rows = await sql<{ table_name: string; args: string }>`
    SELECT c.relname AS table_name, encode(tg.tgargs, 'escape') AS args
    FROM pg_trigger tg JOIN pg_class c ON c.oid = tg.tgrelid
    WHERE tg.tgname LIKE '%\\_history\\_update'`.execute(t.db.db);
  return new Map(rows.rows.map((r) => [r.table_name, r.args.split('\\000').filter(Boolean)]));
}

describe('no value changes without a history entry', () => {
  let t: TestApp;
  let worker: Agent;

  beforeAll(async () => {
    t = await createTestApp();
    ({ agent: worker } = await loginAs(t, 'community_worker', COMMUNITY));
  });
  afterAll(async () => t?.close());

  it('every governed table records inserts, updates and deletes', async () => {
    const tables = await governedTables(t);
    expect(tables).toEqual([
      'application',
      'catalog_setting',
      'discrepancy',
      'element_value',
      'exchange_client',
      'group_membership',
      'household',
      'household_member',
      'org_unit',
      'party_member',
      'party_org',
      'person',
      'person_house',
      'place',
      'service_matter',
      'sharing_agreement',
      'webhook_subscription',
    ]);
    const triggers = await sql<{ name: string }>`
      SELECT tgname AS name FROM pg_trigger WHERE tgname LIKE '%\\_history\\_%' ORDER BY tgname`.execute(
      t.db.db,
    );
    for (const table of tables) {
      for (const op of ['insert', 'update', 'delete']) {
        expect(
          triggers.rows.map((r) => r.name),
          `${table} ${op}`,
        ).toContain(`${table}_history_${op}`);
      }
    }
  });

  it('refuses any write to a governed table that has not declared who changes it', async () => {
    for (const table of await governedTables(t)) {
      for (const statement of [
        sql`UPDATE ${sql.table(table)} SET version = version WHERE false`,
        sql`DELETE FROM ${sql.table(table)} WHERE false`,
        sql`INSERT INTO ${sql.table(table)} SELECT * FROM ${sql.table(table)} WHERE false`,
      ]) {
        await expect(statement.execute(t.db.db), table).rejects.toThrow(/without a change context/);
      }
    }
  });

  it('the application role can read the history but not write, alter or remove it', async () => {
    const forge = sql`INSERT INTO entity_change (entity, entity_id, op, actor_name, source, changed_at)
      VALUES ('person', gen_random_uuid(), 'insert', 'x', 'form', now())`;
    await expect(forge.execute(t.db.db)).rejects.toThrow(/permission denied/);
    await expect(sql`UPDATE entity_change SET reason = 'x'`.execute(t.db.db)).rejects.toThrow(
      /permission denied/,
    );
    await expect(sql`DELETE FROM entity_change`.execute(t.db.db)).rejects.toThrow(
      /permission denied/,
    );
  });

  it('the history of every row replays to its current values after every write path', async () => {
    // forms
    const created = await worker.post('/api/people', {
      name: '全路径',
      idNumber: '320102198001010016',
      phone: '13912345678',
      regionCode: COMMUNITY,
    });
    const person = created.json() as PersonDetail;
    const patched = (
      await worker.patch(`/api/people/${person.id}`, {
        occupation: '会计',
        phone: '13800000000',
        version: 1,
      })
    ).json() as PersonDetail;
    await worker.post(`/api/people/${person.id}/life-status`, {
      status: 'moved_out',
      date: '2026-01-01',
      version: patched.version,
    });
    await worker.post(`/api/people/${person.id}/life-status`, {
      status: 'active',
      date: '2026-01-02',
      version: patched.version + 1,
    });
    const membership = (
      await worker.post(`/api/people/${person.id}/groups`, {
        groupCode: 'unemployed',
        startDate: '2025-01-01',
        attributes: { employmentForm: 'A' },
      })
    ).json() as { id: string };
    await worker.post(`/api/people/${person.id}/groups/${membership.id}/end`, {
      endDate: '2026-01-01',
      endReason: '已就业',
    });
    const compound = (
      await worker.post('/api/places', {
        kind: 'compound',
        name: '回放小区',
        regionCode: COMMUNITY,
      })
    ).json() as {
      id: string;
    };
    const building = (
      await worker.post('/api/places', {
        kind: 'building',
        name: '1栋',
        parentId: compound.id,
        regionCode: COMMUNITY,
      })
    ).json() as { id: string };
    const house = (
      await worker.post('/api/places', {
        kind: 'house',
        name: '101',
        parentId: building.id,
        regionCode: COMMUNITY,
      })
    ).json() as { id: string };
    await worker.post(`/api/people/${person.id}/houses`, {
      houseId: house.id,
      relation: 'owns',
      startDate: '2020-01-01',
    });
    const unit = (
      await worker.post('/api/org-units', {
        name: '回放科技有限公司',
        creditCode: '91350100M000100Y43',
        kind: 'enterprise',
        regionCode: COMMUNITY,
        contactPhone: '13511112222',
      })
    ).json() as { id: string; version: number };
    await worker.patch(`/api/org-units/${unit.id}`, { headcount: 12, version: unit.version });
    // imports: create, update, households and houses
    const csv = [
      '姓名,身份证号,户号,与户主关系,小区,楼栋,房号,联系电话',
      '全路径,320102198001010016,R001,户主,回放小区,1栋,101,13800000000',
      '回放妻,320102198203040029,R001,妻,回放小区,1栋,101,',
    ].join('\n');
    await importFile(worker, Buffer.from(csv), 'replay.csv', {
      apply: true,
      regionCode: COMMUNITY,
    });
    await importFile(
      worker,
      Buffer.from(csv.replace('13800000000', '13700000000')),
      'replay2.csv',
      {
        apply: true,
        regionCode: COMMUNITY,
      },
    );
    // merge
    const dup1 = (
      await worker.post('/api/people', {
        name: '合并',
        idNumber: makeIdNumber('19700505'),
        birthDate: '1970-05-05',
        regionCode: COMMUNITY,
      })
    ).json() as PersonDetail;
    const dup2 = (
      await worker.post('/api/people', {
        name: '合并',
        idNumber: makeIdNumber('19700505'),
        birthDate: '1970-05-05',
        regionCode: COMMUNITY,
      })
    ).json() as PersonDetail;
    const merged = await worker.post('/api/people/merge', {
      keepId: dup1.id,
      mergeId: dup2.id,
      reason: '重复',
    });
    expect(merged.statusCode, merged.body).toBe(200);

    const skip = await skippedColumns(t);
    let checked = 0;
    for (const table of await governedTables(t)) {
      const rows = await sql<{ id: string; current: Record<string, unknown> }>`
        SELECT id, jsonb_strip_nulls(to_jsonb(x)) AS current FROM ${sql.table(table)} x`.execute(
        t.db.db,
      );
      for (const row of rows.rows) {
        const changes = await sql<{ op: string; new_values: Record<string, unknown> | null }>`
          SELECT op, new_values FROM entity_change WHERE entity_id = ${row.id} ORDER BY seq`.execute(
          t.db.db,
        );
        expect(changes.rows[0]?.op, `${table} ${row.id} has an insert entry`).toBe('insert');
        let replayed: Record<string, unknown> = {};
        for (const c of changes.rows) replayed = { ...replayed, ...(c.new_values ?? {}) };
        replayed = Object.fromEntries(Object.entries(replayed).filter(([, v]) => v !== null));
        const current = Object.fromEntries(
          Object.entries(row.current).filter(([k]) => !(skip.get(table) ?? []).includes(k)),
        );
        expect(replayed, `${table} ${row.id}`).toEqual(current);
        checked += 1;
      }
    }
    // people, members, memberships, places, residences, households, the unit
    expect(checked).toBeGreaterThanOrEqual(12);
  });
});
