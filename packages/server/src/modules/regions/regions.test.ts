import { chinaDate, type Region, type RegionDetail } from '@shequ/core';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs } from '../../test/factories';
import { createTestApp, testEngine, type Agent, type TestApp } from '../../test/harness';

function expectProblem(response: LightMyRequestResponse, status: number, code: string) {
  expect(response.statusCode, response.body).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = response.json() as { code: string; errors?: { path: string }[] };
  expect(body.code).toBe(code);
  return body;
}

function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

type Change = {
  kind: string;
  regionCode: string;
  before: unknown;
  after: unknown;
  reason: string | null;
  effectiveDate: string;
};

describe(`the region tree of Jiangsu (${testEngine})`, () => {
  let t: TestApp;
  let admin: Agent;
  let today: string;

  beforeAll(async () => {
    // the whole province, once: the only test that loads it
    t = await createTestApp({ regionPrefixes: ['32'] });
    ({ agent: admin } = await loginAs(t, 'informatization_admin', '32'));
    today = chinaDate(t.clock());
  });
  afterAll(async () => {
    await t?.close();
  });

  const detail = async (agent: Agent, code: string) => {
    const response = await agent.get(`/api/regions/${code}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as RegionDetail;
  };
  const changesOf = async (code: string) =>
    ((await admin.get(`/api/regions/${code}/changes`)).json() as { items: Change[] }).items;
  const regionRows = async () =>
    Number(
      (
        await t.db.db
          .selectFrom('region')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  describe('loading', () => {
    it('loads exactly 1 province, 13 cities, 104 counties, 1,487 streets and 21,958 communities', async () => {
      expect(await t.services.regions.countByLevel('32')).toEqual({
        province: 1,
        city: 13,
        county: 104,
        street: 1487,
        community: 21958,
        grid: 0,
      });
      // the same counts straight from the table, not through the service
      const rows = await sql<{
        level: string;
        n: number;
      }>`SELECT level, count(*)::int AS n FROM region WHERE code LIKE '32%' GROUP BY level`.execute(
        t.db.db,
      );
      expect(Object.fromEntries(rows.rows.map((r) => [r.level, Number(r.n)]))).toEqual({
        province: 1,
        city: 13,
        county: 104,
        street: 1487,
        community: 21958,
      });
    });

    it('links every region to an existing parent one level up, with a path from the province', async () => {
      const orphans = await sql<{ n: number }>`
        SELECT count(*)::int AS n FROM region r LEFT JOIN region p ON p.code = r.parent_code
        WHERE r.level <> 'province' AND (p.code IS NULL OR r.path <> p.path || r.code || '/')`.execute(
        t.db.db,
      );
      expect(Number(orphans.rows[0]!.n)).toBe(0);
      const outside = await sql<{
        n: number;
      }>`SELECT count(*)::int AS n FROM region WHERE code NOT LIKE '32%'`.execute(t.db.db);
      expect(Number(outside.rows[0]!.n)).toBe(0);
    });

    it('inserts nothing when loaded a second time', async () => {
      const before = await regionRows();
      const again = await t.services.regions.loadDivisions('32');
      expect(again.inserted).toBe(0);
      expect(again.counts).toMatchObject({
        province: 1,
        city: 13,
        county: 104,
        street: 1487,
        community: 21958,
      });
      expect(await regionRows()).toBe(before);
    });
  });

  describe('reading', () => {
    it('returns a region with its ancestors, its children and the platform title line', async () => {
      const { agent } = await loginAs(t, 'street_staff', '320102005');
      const street = await detail(agent, '320102005');
      expect(street.region).toMatchObject({
        code: '320102005',
        name: '玄武门街道',
        level: 'street',
        parentCode: '320102',
        validTo: null,
      });
      expect(street.ancestors.map((r) => [r.code, r.name])).toEqual([
        ['32', '江苏省'],
        ['3201', '南京市'],
        ['320102', '玄武区'],
      ]);
      expect(street.children.map((r) => r.code)).toEqual([
        '320102005001',
        '320102005003',
        '320102005004',
        '320102005007',
        '320102005008',
        '320102005009',
      ]);
      expect(street.children[0]).toMatchObject({ name: '百子亭社区', level: 'community' });
      expect(street.region.childCount).toBe(6);
      expect(street.titleLine).toBe('——南京市玄武区玄武门街道社区综合管理和服务信息平台');
    });

    it('finds regions by part of their name, optionally at one level, with the full name', async () => {
      const { agent } = await loginAs(t, 'hotline_agent', '320102');
      const hits = (await agent.get(`/api/regions?q=${encodeURIComponent('百子亭')}`)).json() as {
        items: (Region & { fullName: string })[];
      };
      expect(hits.items).toEqual([
        expect.objectContaining({
          code: '320102005001',
          fullName: '江苏省南京市玄武区玄武门街道百子亭社区',
        }),
      ]);
      const streets = (
        await agent.get(`/api/regions?q=${encodeURIComponent('玄武')}&level=street`)
      ).json() as { items: Region[] };
      expect(streets.items.map((r) => r.code)).toEqual(['320102005', '320102010']);
    });

    it('treats % and _ in a search as plain characters', async () => {
      const { agent } = await loginAs(t, 'hotline_agent', '32');
      for (const q of ['%', '_', '百%亭']) {
        expect((await agent.get(`/api/regions?q=${encodeURIComponent(q)}`)).json()).toEqual({
          items: [],
        });
      }
    });

    it('caps a search at its limit, highest levels first', async () => {
      const { agent } = await loginAs(t, 'hotline_agent', '32');
      const hits = (
        await agent.get(`/api/regions?q=${encodeURIComponent('南京')}&limit=3`)
      ).json() as { items: Region[] };
      expect(hits.items).toHaveLength(3);
      expect(hits.items[0]).toMatchObject({ code: '3201', name: '南京市' });
    });
  });

  describe('grids', () => {
    it('numbers new grids community code + 001, 002, … and records their creation', async () => {
      const { agent } = await loginAs(t, 'community_worker', '320102005003');
      const first = await agent.post('/api/regions/320102005003/grids', { name: '第一网格' });
      const second = await agent.post('/api/regions/320102005003/grids', {
        name: '第二网格',
        validFrom: '2025-03-01',
      });
      expect(first.statusCode, first.body).toBe(201);
      expect(first.json()).toMatchObject({
        code: '320102005003001',
        level: 'grid',
        parentCode: '320102005003',
        validFrom: today,
      });
      expect(second.json()).toMatchObject({ code: '320102005003002', validFrom: '2025-03-01' });
      const community = await detail(agent, '320102005003');
      expect(community.children.map((r) => [r.code, r.name])).toEqual([
        ['320102005003001', '第一网格'],
        ['320102005003002', '第二网格'],
      ]);
      const history = await changesOf('320102005003001');
      expect(history).toEqual([
        expect.objectContaining({ kind: 'create', after: { name: '第一网格' }, before: null }),
      ]);
      const row = await t.db.db
        .selectFrom('region')
        .select(['full_name', 'path'])
        .where('code', '=', '320102005003002')
        .executeTakeFirstOrThrow();
      expect(row).toEqual({
        full_name: '江苏省南京市玄武区玄武门街道台城花园社区居委会第二网格',
        path: '/32/3201/320102/320102005/320102005003/320102005003002/',
      });
    });

    it('refuses a grid under a community that does not exist', async () => {
      expectProblem(
        await admin.post('/api/regions/320102005999/grids', { name: '网格' }),
        404,
        'NOT_FOUND',
      );
    });

    it('lets a community worker rename a grid but not the community itself', async () => {
      const { agent } = await loginAs(t, 'community_worker', '320102005003');
      const grid = await agent.post('/api/regions/320102005003001/changes', {
        kind: 'rename',
        name: '一号网格',
        effectiveDate: today,
        reason: '统一命名',
      });
      expect(grid.statusCode, grid.body).toBe(200);
      expectProblem(
        await agent.post('/api/regions/320102005003/changes', {
          kind: 'rename',
          name: '改名',
          effectiveDate: today,
          reason: '测试',
        }),
        403,
        'FORBIDDEN',
      );
    });

    it('refuses to merge a grid away on its first day (it would close before it opened)', async () => {
      const { agent } = await loginAs(t, 'community_worker', '320102005003');
      const response = await agent.post('/api/regions/320102005003001/changes', {
        kind: 'merge',
        targetCode: '320102005003002',
        effectiveDate: today,
        reason: '测试',
      });
      expect(expectProblem(response, 400, 'VALIDATION').errors?.map((e) => e.path)).toEqual([
        'effectiveDate',
      ]);
    });
  });

  describe('recorded changes', () => {
    it('renames a region, keeping the old name in the recorded change', async () => {
      const response = await admin.post('/api/regions/320102005004/changes', {
        kind: 'rename',
        name: '天山路社区',
        effectiveDate: '2025-01-01',
        reason: '简化名称',
      });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toMatchObject({
        code: '320102005004',
        name: '天山路社区',
        validTo: null,
      });
      expect(await changesOf('320102005004')).toEqual([
        expect.objectContaining({
          kind: 'rename',
          before: { name: '天山路社区居委会' },
          after: { name: '天山路社区' },
          reason: '简化名称',
          effectiveDate: '2025-01-01',
        }),
      ]);
      const row = await t.db.db
        .selectFrom('region')
        .select('full_name')
        .where('code', '=', '320102005004')
        .executeTakeFirstOrThrow();
      expect(row.full_name).toBe('江苏省南京市玄武区玄武门街道天山路社区');
      const audit = await t.db.db
        .selectFrom('audit_event')
        .select('detail')
        .where('action', '=', 'region.rename')
        .where('target_id', '=', '320102005004')
        .execute();
      expect(audit).toHaveLength(1);
    });

    it('carries a rename into the full names of every region below it', async () => {
      const response = await admin.post('/api/regions/320102009/changes', {
        kind: 'rename',
        name: '孝陵卫新街道',
        effectiveDate: '2025-01-01',
        reason: '更名测试',
      });
      expect(response.statusCode, response.body).toBe(200);
      const below = await t.db.db
        .selectFrom('region')
        .select(['code', 'full_name'])
        .where('code', 'like', '320102009%')
        .execute();
      expect(below.length).toBeGreaterThan(1);
      for (const row of below) expect(row.full_name).toMatch(/^江苏省南京市玄武区孝陵卫新街道/);
      const sibling = await t.db.db
        .selectFrom('region')
        .select('full_name')
        .where('code', '=', '320102010')
        .executeTakeFirstOrThrow();
      expect(sibling.full_name).toBe('江苏省南京市玄武区玄武湖街道');
    });

    it('merges a region into a sibling: the source is closed with its successor, not deleted', async () => {
      const before = await regionRows();
      const response = await admin.post('/api/regions/320102005007/changes', {
        kind: 'merge',
        targetCode: '320102005008',
        effectiveDate: today,
        reason: '撤并',
      });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toMatchObject({ code: '320102005007', validTo: dayBefore(today) });
      const row = await t.db.db
        .selectFrom('region')
        .select(['valid_to', 'successor_code', 'name'])
        .where('code', '=', '320102005007')
        .executeTakeFirstOrThrow();
      expect(row).toEqual({
        valid_to: dayBefore(today),
        successor_code: '320102005008',
        name: '大树根社区居委会',
      });
      expect(await regionRows()).toBe(before);

      const street = await detail(admin, '320102005');
      expect(street.children.map((r) => r.code)).not.toContain('320102005007');
      expect(street.children.map((r) => r.code)).toContain('320102005008');
      expect((await detail(admin, '320102005007')).region.validTo).toBe(dayBefore(today));
      expect(await changesOf('320102005007')).toEqual([
        expect.objectContaining({
          kind: 'merge',
          before: { name: '大树根社区居委会' },
          after: { mergedInto: '320102005008' },
        }),
      ]);
      expect((await admin.get(`/api/regions?q=${encodeURIComponent('大树根')}`)).json()).toEqual({
        items: [],
      });
      expectProblem(
        await admin.post('/api/regions/320102005007/grids', { name: '网格' }),
        404,
        'NOT_FOUND',
      );
    });

    it('refuses to merge into a region under another parent, or into a closed one', async () => {
      const other = expectProblem(
        await admin.post('/api/regions/320102005001/changes', {
          kind: 'merge',
          targetCode: '320102002001',
          effectiveDate: today,
          reason: '撤并',
        }),
        400,
        'VALIDATION',
      );
      expect(other.errors?.map((e) => e.path)).toEqual(['targetCode']);
      const closed = expectProblem(
        await admin.post('/api/regions/320102005001/changes', {
          kind: 'merge',
          targetCode: '320102005007',
          effectiveDate: today,
          reason: '撤并',
        }),
        400,
        'VALIDATION',
      );
      expect(closed.errors?.map((e) => e.path)).toEqual(['targetCode']);
    });

    it('splits a region into new codes and closes the source, keeping every row', async () => {
      const before = await regionRows();
      const response = await admin.post('/api/regions/320102005009/changes', {
        kind: 'split',
        into: [
          { code: '320102005901', name: '公教一村东社区' },
          { code: '320102005902', name: '公教一村西社区' },
        ],
        effectiveDate: today,
        reason: '规模过大',
      });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toMatchObject({ code: '320102005009', validTo: dayBefore(today) });
      expect(await regionRows()).toBe(before + 2);
      const parts = await t.db.db
        .selectFrom('region')
        .selectAll()
        .where('code', 'in', ['320102005901', '320102005902'])
        .orderBy('code')
        .execute();
      expect(
        parts.map((r) => [r.name, r.level, r.parent_code, r.valid_from, r.valid_to, r.full_name]),
      ).toEqual([
        [
          '公教一村东社区',
          'community',
          '320102005',
          today,
          null,
          '江苏省南京市玄武区玄武门街道公教一村东社区',
        ],
        [
          '公教一村西社区',
          'community',
          '320102005',
          today,
          null,
          '江苏省南京市玄武区玄武门街道公教一村西社区',
        ],
      ]);
      const source = await t.db.db
        .selectFrom('region')
        .select(['valid_to', 'successor_code'])
        .where('code', '=', '320102005009')
        .executeTakeFirstOrThrow();
      expect(source).toEqual({ valid_to: dayBefore(today), successor_code: null });
      expect((await changesOf('320102005009'))[0]).toMatchObject({
        kind: 'split',
        after: { into: [{ code: '320102005901' }, { code: '320102005902' }] },
      });
      expect(await changesOf('320102005902')).toEqual([
        expect.objectContaining({
          kind: 'create',
          after: { name: '公教一村西社区', splitFrom: '320102005009' },
        }),
      ]);
      const street = await detail(admin, '320102005');
      expect(street.children.map((r) => r.code)).toEqual(
        expect.arrayContaining(['320102005901', '320102005902']),
      );
      expect(street.children.map((r) => r.code)).not.toContain('320102005009');
    });

    it('abolishes a region without current children: closed, recorded, gone from the tree', async () => {
      const response = await admin.post('/api/regions/320102005008/changes', {
        kind: 'abolish',
        effectiveDate: today,
        reason: '撤销建制',
      });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toMatchObject({ code: '320102005008', validTo: dayBefore(today) });
      expect((await changesOf('320102005008'))[0]).toMatchObject({
        kind: 'abolish',
        before: { name: '廖家巷社区居委会' },
      });
      const street = await detail(admin, '320102005');
      expect(street.children.map((r) => r.code)).not.toContain('320102005008');
    });

    it('refuses to close a region that still has current children, and changes nothing', async () => {
      const before = await regionRows();
      for (const body of [
        { kind: 'abolish', effectiveDate: today, reason: '测试' },
        { kind: 'merge', targetCode: '320102002', effectiveDate: today, reason: '测试' },
      ]) {
        const response = await admin.post('/api/regions/320102005/changes', body);
        expect(expectProblem(response, 409, 'CONFLICT').errors?.map((e) => e.path)).toEqual([
          'kind',
        ]);
      }
      const street = await detail(admin, '320102005');
      expect(street.region.validTo).toBeNull();
      expect(await regionRows()).toBe(before);
    });

    it('refuses a split into codes under another parent or of another level', async () => {
      const response = await admin.post('/api/regions/320102005001/changes', {
        kind: 'split',
        into: [
          { code: '320102005911', name: '甲' },
          { code: '320102002911', name: '乙' },
        ],
        effectiveDate: today,
        reason: '测试',
      });
      expect(expectProblem(response, 400, 'VALIDATION').errors?.map((e) => e.path)).toEqual([
        'into.1.code',
      ]);
    });

    it('refuses a change dated before the region existed', async () => {
      const response = await admin.post('/api/regions/320102005001/changes', {
        kind: 'rename',
        name: '百子亭',
        effectiveDate: '2022-06-01',
        reason: '测试',
      });
      expect(expectProblem(response, 400, 'VALIDATION').errors?.map((e) => e.path)).toEqual([
        'effectiveDate',
      ]);
    });

    it('refuses any change to a region that is already closed', async () => {
      expectProblem(
        await admin.post('/api/regions/320102005007/changes', {
          kind: 'rename',
          name: '复活',
          effectiveDate: today,
          reason: '测试',
        }),
        404,
        'NOT_FOUND',
      );
    });

    it('counts the tree after the changes: closed regions drop out, new ones and grids come in', async () => {
      expect(await t.services.regions.countByLevel('320102005')).toEqual({
        province: 0,
        city: 0,
        county: 0,
        street: 1,
        // six, less the merged, split and abolished ones, plus the two split parts
        community: 6 - 3 + 2,
        grid: 2,
      });
      const all = await sql<{
        n: number;
      }>`SELECT count(*)::int AS n FROM region WHERE code LIKE '320102005%'`.execute(t.db.db);
      // nothing is deleted: every row is still there, closed or not
      expect(Number(all.rows[0]!.n)).toBe(1 + 6 + 2 + 2);
    });
  });
  describe('public cascade for residents', () => {
    type PublicRegion = { code: string; name: string; level: string; leaf: boolean };
    const children = async (parent: string) => {
      const response = await t.agent().get(`/api/public/regions?city=3201&parent=${parent}`);
      expect(response.statusCode, response.body).toBe(200);
      return response.json() as PublicRegion[];
    };

    it('walks city → county → street → community without logging in, and stops there', async () => {
      const counties = await children('3201');
      expect(counties.find((c) => c.code === '320102')).toMatchObject({
        name: '玄武区',
        level: 'county',
        leaf: false,
      });
      expect(counties.every((c) => c.code.startsWith('3201') && c.code.length === 6)).toBe(true);
      const streets = await children('320102');
      expect(streets.length).toBeGreaterThan(3);
      expect(streets.every((s) => s.level === 'street' && !s.leaf)).toBe(true);
      const communities = await children(streets[0]!.code);
      expect(communities.length).toBeGreaterThan(0);
      expect(communities.every((c) => c.level === 'community' && c.leaf)).toBe(true);
      // a community is where the cascade ends: its grids (internal) are not asked for
      expect((await children('320102005')).find((c) => c.code === '320102005001')).toMatchObject({
        leaf: true,
      });
      const belowCommunity = await t
        .agent()
        .get('/api/public/regions?city=3201&parent=320102005001');
      expect(belowCommunity.statusCode).toBe(400);
    });

    it('answers only for the given city, with the field named', async () => {
      const other = await t.agent().get('/api/public/regions?city=3201&parent=320202');
      expectProblem(other, 400, 'VALIDATION');
      const malformed = await t.agent().get('/api/public/regions?city=3201&parent=32010');
      const body = expectProblem(malformed, 400, 'VALIDATION');
      expect(body.errors?.[0]?.path).toBe('parent');
    });
  });
});
