import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PersonDetail } from '@shequ/core';
import { loginAs, makeIdNumber, makeUser } from '../../test/factories';
import { createTestApp, type Agent, type TestApp } from '../../test/harness';
import { openPii } from './pii';

const BAIZITING = '320102005001'; // 百子亭社区, 玄武门街道
const OTHER_COMMUNITY = '320102005003'; // 台城花园社区, same street
const STREET = '320102005';
const QINHUAI_COMMUNITY = '320104001001';

async function createPerson(
  agent: Agent,
  overrides: Record<string, unknown> = {},
): Promise<PersonDetail> {
  const response = await agent.post('/api/people', {
    name: '张桂兰',
    idNumber: makeIdNumber(),
    phone: '13912345678',
    currentAddress: '南京市玄武区百子亭12号3栋301室',
    ethnicity: '汉族',
    regionCode: BAIZITING,
    ...overrides,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as PersonDetail;
}

async function auditCount(t: TestApp, action: string, targetId?: string): Promise<number> {
  const q = targetId
    ? sql<{
        n: number;
      }>`SELECT count(*)::int AS n FROM audit_event WHERE action = ${action} AND target_id = ${targetId}`
    : sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_event WHERE action = ${action}`;
  return (await q.execute(t.db.db)).rows[0]!.n;
}

describe('people in the community database', () => {
  let t: TestApp;
  let worker: Agent;

  beforeAll(async () => {
    t = await createTestApp();
    ({ agent: worker } = await loginAs(t, 'community_worker', BAIZITING));
  });
  afterAll(async () => t?.close());

  it('registers a person with values derived from the ID number, masked in the answer', async () => {
    const id = makeIdNumber('19490101', 'f');
    const person = await createPerson(worker, { idNumber: id.toLowerCase(), name: '李桂英' });
    expect(person).toMatchObject({
      name: '李桂英',
      birthDate: '1949-01-01',
      sex: '2',
      ethnicity: '01',
      idNumberMasked: `${id.slice(0, 6)}********${id.slice(-4)}`,
      phoneMasked: '139****5678',
      currentAddressMasked: '南京市玄武区********',
      residenceType: 'registered',
      canUnmask: true,
    });
    expect(person.derivedTags).toContain('elderly_70_79');
    expect(JSON.stringify(person)).not.toContain(id.slice(6, 14) + id.slice(14, 17));
  });

  it('refuses bad input with Chinese messages naming the field, writing nothing', async () => {
    const before = (
      await sql<{ n: number }>`SELECT count(*)::int AS n FROM person`.execute(t.db.db)
    ).rows[0]!.n;
    const bad = await worker.post('/api/people', {
      name: '王五',
      idNumber: '11010519491231002Y',
      regionCode: BAIZITING,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'VALIDATION', errors: [{ path: 'idNumber' }] });
    const badPhone = await worker.post('/api/people', {
      name: '王五',
      idNumber: makeIdNumber(),
      phone: '12345',
      regionCode: BAIZITING,
    });
    expect(badPhone.json()).toMatchObject({ errors: [{ path: 'phone' }] });
    expect((badPhone.json() as { errors: { message: string }[] }).errors[0]!.message).toMatch(
      /联系电话/,
    );
    const after = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM person`.execute(t.db.db))
      .rows[0]!.n;
    expect(after).toBe(before);
  });

  it('refuses a second registration of the same ID number, naming the holder', async () => {
    const id = makeIdNumber();
    await createPerson(worker, { idNumber: id, name: '赵一' });
    const again = await worker.post('/api/people', {
      name: '赵二',
      idNumber: id,
      regionCode: BAIZITING,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({
      errors: [{ path: 'idNumber', message: expect.stringContaining('赵一') }],
    });
  });

  it('finds people by exact ID number, phone, name prefix and household number', async () => {
    const id = makeIdNumber();
    const person = await createPerson(worker, {
      idNumber: id,
      name: '欧阳修远',
      phone: '13600001234',
    });
    const byId = (await worker.get(`/api/people?q=${id}`)).json() as { items: { id: string }[] };
    expect(byId.items.map((p) => p.id)).toEqual([person.id]);
    const byPhone = (await worker.get('/api/people?phone=136-0000-1234')).json() as {
      items: { id: string }[];
    };
    expect(byPhone.items.map((p) => p.id)).toEqual([person.id]);
    const byName = (await worker.get(`/api/people?q=${encodeURIComponent('欧阳')}`)).json() as {
      items: { id: string }[];
    };
    expect(byName.items.map((p) => p.id)).toContain(person.id);
  });

  it('audits every read of a person with the stated purpose', async () => {
    const person = await createPerson(worker);
    await worker.get(`/api/people/${person.id}`, {
      'x-purpose': encodeURIComponent('入户走访核实'),
    });
    const rows = await sql<{ purpose: string | null }>`
      SELECT purpose FROM audit_event WHERE action = 'person.read' AND target_id = ${person.id}`.execute(
      t.db.db,
    );
    expect(rows.rows.map((r) => r.purpose)).toEqual(['入户走访核实']);
  });

  it('unmasks only with a purpose, and audits it', async () => {
    const id = makeIdNumber();
    const person = await createPerson(worker, { idNumber: id });
    const noPurpose = await worker.post(`/api/people/${person.id}/unmask`, {
      fields: ['idNumber'],
    });
    expect(noPurpose.statusCode).toBe(400);
    expect(noPurpose.json()).toMatchObject({ errors: [{ path: 'purpose' }] });
    const ok = await worker.post(`/api/people/${person.id}/unmask`, {
      purpose: '办理高龄津贴核对身份',
      fields: ['idNumber', 'phone'],
    });
    expect(ok.json()).toEqual({ idNumber: id, phone: '13912345678' });
    expect(await auditCount(t, 'person.unmask', person.id)).toBe(1);
  });

  it('keeps every change with who, when, source and reason, and answers as of a past date', async () => {
    const person = await createPerson(worker, { occupation: '教师' });
    t.clock.advance(3 * 24 * 3600 * 1000);
    ({ agent: worker } = await loginAs(t, 'community_worker', BAIZITING)); // the old session expired
    const edited = await worker.patch(`/api/people/${person.id}`, {
      occupation: '退休',
      phone: '13700000000',
      version: person.version,
      reason: '入户核实',
    });
    expect(edited.statusCode, edited.body).toBe(200);
    const stale = await worker.patch(`/api/people/${person.id}`, {
      occupation: '再改',
      version: person.version,
    });
    expect(stale.statusCode).toBe(409);
    const history = (await worker.get(`/api/people/${person.id}/history`)).json() as {
      op: string;
      source: string;
      reason: string | null;
      actorName: string;
      changes: { field: string; old: unknown; new: unknown }[];
    }[];
    expect(history).toHaveLength(2);
    expect(history[0]).toMatchObject({ op: 'update', source: 'form', reason: '入户核实' });
    expect(history[0]!.changes).toEqual(
      expect.arrayContaining([
        { field: 'occupation', label: '职业', old: '教师', new: '退休' },
        { field: 'phone', label: '联系电话', old: '139****5678', new: '137****0000' },
      ]),
    );
    expect(history[1]).toMatchObject({ op: 'insert' });
    const createdOn = person.createdAt.slice(0, 10);
    const asOf = (await worker.get(`/api/people/${person.id}/as-of?date=${createdOn}`)).json() as {
      existed: boolean;
      attributes: { field: string; value: unknown }[];
    };
    expect(asOf.existed).toBe(true);
    expect(asOf.attributes.find((a) => a.field === 'occupation')?.value).toBe('教师');
    const before = (await worker.get(`/api/people/${person.id}/as-of?date=2000-01-01`)).json() as {
      existed: boolean;
    };
    expect(before.existed).toBe(false);
  });

  it('needs a second person to confirm a reported death', async () => {
    const person = await createPerson(worker);
    const reported = await worker.post(`/api/people/${person.id}/life-status`, {
      status: 'deceased_reported',
      date: '2026-01-02',
      reason: '家属告知',
      version: person.version,
    });
    expect((reported.json() as PersonDetail).lifeStatus).toBe('deceased_reported');
    const self = await worker.post(`/api/people/${person.id}/confirm-death`, {
      version: person.version + 1,
    });
    expect(self.statusCode).toBe(403);
    const { agent: colleague } = await loginAs(t, 'community_worker', BAIZITING);
    const confirmed = await colleague.post(`/api/people/${person.id}/confirm-death`, {
      version: person.version + 1,
    });
    expect((confirmed.json() as PersonDetail).lifeStatus).toBe('deceased');
  });

  it('keeps mutually exclusive registers apart and checks a group’s own fields', async () => {
    const person = await createPerson(worker);
    const first = await worker.post(`/api/people/${person.id}/groups`, {
      groupCode: 'community_correction',
      startDate: '2025-01-01',
      attentionLevel: 'medium',
      attributes: { correctionType: '缓刑' },
    });
    expect(first.statusCode, first.body).toBe(201);
    const clash = await worker.post(`/api/people/${person.id}/groups`, {
      groupCode: 'released_prisoner',
      startDate: '2025-02-01',
      attentionLevel: 'general',
      attributes: { releasedOn: '2025-01-20' },
    });
    expect(clash.statusCode).toBe(400);
    expect(clash.json()).toMatchObject({ errors: [{ path: 'groupCode' }] });
    const disabled = await worker.post(`/api/people/${person.id}/groups`, {
      groupCode: 'disabled',
      startDate: '2025-01-01',
      attributes: { category: '肢体', grade: '五级' },
    });
    expect(disabled.statusCode).toBe(400);
    const paths = (disabled.json() as { errors: { path: string }[] }).errors.map((e) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining(['attributes.grade', 'attributes.certificateNumber']),
    );
  });

  it('keeps one primary residence: a new one ends the old', async () => {
    const person = await createPerson(worker);
    const compound = await worker.post('/api/places', {
      kind: 'compound',
      name: '测试小区',
      regionCode: BAIZITING,
    });
    expect(compound.statusCode, compound.body).toBe(201);
    const building = await worker.post('/api/places', {
      kind: 'building',
      name: '1栋',
      parentId: compound.json().id,
      regionCode: BAIZITING,
    });
    const houses = [];
    for (const name of ['101', '102']) {
      const house = await worker.post('/api/places', {
        kind: 'house',
        name,
        parentId: building.json().id,
        regionCode: BAIZITING,
        area: 78.5,
      });
      expect(house.statusCode, house.body).toBe(201);
      houses.push(house.json() as { id: string });
    }
    for (const [i, house] of houses.entries()) {
      const linked = await worker.post(`/api/people/${person.id}/houses`, {
        houseId: house.id,
        relation: 'lives',
        isPrimary: true,
        startDate: `2026-0${i + 1}-01`,
      });
      expect(linked.statusCode, linked.body).toBe(200);
    }
    const earlier = await worker.post(`/api/people/${person.id}/houses`, {
      houseId: houses[0]!.id,
      relation: 'lives',
      isPrimary: true,
      startDate: '2025-12-01',
    });
    expect(earlier.statusCode).toBe(400);
    expect(earlier.json()).toMatchObject({ errors: [{ path: 'startDate' }] });
    const detail = (await worker.get(`/api/people/${person.id}`)).json() as PersonDetail;
    const current = detail.houses.filter(
      (h) => h.relation === 'lives' && h.isPrimary && !h.endDate,
    );
    expect(current).toHaveLength(1);
    expect(current[0]!.address).toBe('测试小区 1栋 102');
  });

  it('lists likely duplicates and merges them keeping both histories', async () => {
    const a = await createPerson(worker, {
      name: '重复甲',
      birthDate: '1970-05-05',
      idNumber: makeIdNumber('19700505'),
    });
    const b = await createPerson(worker, {
      name: '重复甲',
      birthDate: '1970-05-05',
      idNumber: makeIdNumber('19700505'),
    });
    const groups = (await worker.get('/api/people/duplicates')).json() as {
      reason: string;
      people: { id: string }[];
    }[];
    const group = groups.find((g) => g.people.some((p) => p.id === a.id));
    expect(group).toMatchObject({ reason: 'same_name_birth_date' });
    expect(group!.people.map((p) => p.id).sort()).toEqual([a.id, b.id].sort());
    const merged = await worker.post('/api/people/merge', {
      keepId: a.id,
      mergeId: b.id,
      reason: '同一人两次登记',
    });
    expect(merged.statusCode, merged.body).toBe(200);
    const history = (await worker.get(`/api/people/${a.id}/history`)).json() as {
      op: string;
      source: string;
    }[];
    expect(history.filter((h) => h.op === 'insert')).toHaveLength(2);
    expect(history.some((h) => h.source === 'merge')).toBe(true);
    const search = (await worker.get(`/api/people?q=${encodeURIComponent('重复甲')}`)).json() as {
      total: number;
    };
    expect(search.total).toBe(1);
  });

  it('exports the list masked by default, in full only with a purpose', async () => {
    const id = makeIdNumber();
    await createPerson(worker, { idNumber: id, name: '导出测试' });
    const masked = await worker.get(`/api/people/export?q=${encodeURIComponent('导出测试')}`);
    expect(masked.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(masked.rawPayload as unknown as ArrayBuffer);
    const row = book.worksheets[0]!.getRow(2).values as unknown[];
    expect(row).toContain('导出测试');
    expect(row).not.toContain(id);
    expect(row).toContain(`${id.slice(0, 6)}********${id.slice(-4)}`);
    const noPurpose = await worker.get(
      `/api/people/export?unmasked=true&q=${encodeURIComponent('导出测试')}`,
    );
    expect(noPurpose.statusCode).toBe(400);
    const full = await worker.get(
      `/api/people/export?unmasked=true&q=${encodeURIComponent('导出测试')}`,
      {
        'x-purpose': encodeURIComponent('报送区民政局年度核查'),
      },
    );
    const fullBook = new ExcelJS.Workbook();
    await fullBook.xlsx.load(full.rawPayload as unknown as ArrayBuffer);
    expect(fullBook.worksheets[0]!.getRow(2).values as unknown[]).toContain(id);
  });
});

describe('who sees which people', () => {
  let t: TestApp;
  let inBaiziting: PersonDetail;
  let inOtherCommunity: PersonDetail;
  let inQinhuai: PersonDetail;

  beforeAll(async () => {
    t = await createTestApp();
    const { agent: streetWriter } = await loginAs(t, 'street_staff', STREET);
    inBaiziting = await createPerson(streetWriter, { name: '百子亭人', regionCode: BAIZITING });
    inOtherCommunity = await createPerson(streetWriter, {
      name: '邻社区人',
      regionCode: OTHER_COMMUNITY,
    });
    const { agent: qinhuai } = await loginAs(t, 'community_worker', QINHUAI_COMMUNITY);
    inQinhuai = await createPerson(qinhuai, { name: '秦淮人', regionCode: QINHUAI_COMMUNITY });
  });
  afterAll(async () => t?.close());

  const namesOf = async (agent: Agent, url = '/api/people?pageSize=200') =>
    ((await agent.get(url)).json() as { items: { name: string }[] }).items
      .map((p) => p.name)
      .sort();

  const exportedNames = async (agent: Agent) => {
    const response = await agent.get('/api/people/export');
    expect(response.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const names: string[] = [];
    book.worksheets[0]!.eachRow((row, n) => {
      if (n > 1) names.push(String(row.getCell(1).value));
    });
    return names.sort();
  };

  it('a community worker sees and exports only their community', async () => {
    const { agent } = await loginAs(t, 'community_worker', BAIZITING);
    expect(await namesOf(agent)).toEqual(['百子亭人']);
    expect(await exportedNames(agent)).toEqual(['百子亭人']);
    expect((await agent.get(`/api/people/${inOtherCommunity.id}`)).statusCode).toBe(404);
    expect((await agent.get(`/api/people/${inQinhuai.id}/history`)).statusCode).toBe(404);
    const write = await agent.patch(`/api/people/${inOtherCommunity.id}`, {
      occupation: 'x',
      version: 1,
    });
    expect(write.statusCode).toBe(404);
    const create = await agent.post('/api/people', {
      name: '越权',
      idNumber: makeIdNumber(),
      regionCode: OTHER_COMMUNITY,
    });
    expect(create.statusCode).toBe(403);
  });

  it('a duplicate registration does not name a holder outside the caller’s scope', async () => {
    const { agent } = await loginAs(t, 'community_worker', BAIZITING);
    const stored = await t.services.db
      .selectFrom('person')
      .select('pii')
      .where('id', '=', inQinhuai.id)
      .executeTakeFirstOrThrow();
    const idNumber = openPii(t.services.cipher, stored.pii).idNumber;
    const again = await agent.post('/api/people', {
      name: '某人',
      idNumber,
      regionCode: BAIZITING,
    });
    expect(again.statusCode).toBe(409);
    expect(again.body).not.toContain('秦淮人');
    expect(again.json()).toMatchObject({
      errors: [{ path: 'idNumber', message: expect.stringMatching(/管辖范围以外/) }],
    });
  });

  it('a street user sees their street and nothing of another district', async () => {
    const { agent } = await loginAs(t, 'street_staff', STREET);
    expect(await namesOf(agent)).toEqual(['百子亭人', '邻社区人'].sort());
    expect(await exportedNames(agent)).toEqual(['百子亭人', '邻社区人'].sort());
    expect((await agent.get(`/api/people/${inQinhuai.id}`)).statusCode).toBe(404);
  });

  it('masked fields stay masked without the unmask permission', async () => {
    const { agent } = await loginAs(t, 'hotline_agent', STREET);
    const detail = (await agent.get(`/api/people/${inBaiziting.id}`)).json() as PersonDetail;
    expect(detail.canUnmask).toBe(false);
    expect(detail.idNumberMasked).toMatch(/\*{8}/);
    const unmask = await agent.post(`/api/people/${inBaiziting.id}/unmask`, {
      purpose: '热线回访',
      fields: ['idNumber'],
    });
    expect(unmask.statusCode).toBe(403);
    expect((await agent.get('/api/people/export')).statusCode).toBe(403);
    const denied = await sql<{ outcome: string }>`
      SELECT outcome FROM audit_event WHERE action = 'person.unmask' AND target_id = ${inBaiziting.id}`.execute(
      t.db.db,
    );
    expect(denied.rows.map((r) => r.outcome)).toEqual(['denied']);
  });

  it('roles without the community database see nothing of it', async () => {
    for (const role of [
      'system_admin',
      'security_admin',
      'audit_admin',
      'service_provider',
    ] as const) {
      const { agent } = await loginAs(t, role, STREET);
      expect((await agent.get('/api/people')).statusCode, role).toBe(403);
      expect((await agent.get(`/api/people/${inBaiziting.id}`)).statusCode, role).toBe(403);
    }
  });

  it('every read of a person leaves an audit entry naming the reader', async () => {
    const reader = await makeUser(t.services, [{ role: 'grid_worker', regionCode: BAIZITING }]);
    const agent = t.agent();
    await agent.login(reader.username, reader.password);
    const before = await auditCount(t, 'person.read', inBaiziting.id);
    await agent.get(`/api/people/${inBaiziting.id}`);
    await agent.get(`/api/people/${inBaiziting.id}`);
    await agent.get(`/api/people/${inBaiziting.id}/history`);
    expect(await auditCount(t, 'person.read', inBaiziting.id)).toBe(before + 2);
    const names = await sql<{ actor_name: string }>`
      SELECT actor_name FROM audit_event WHERE target_id = ${inBaiziting.id} AND action = 'person.history'`.execute(
      t.db.db,
    );
    expect(names.rows.map((r) => r.actor_name)).toEqual([reader.username]);
    const searches = await auditCount(t, 'person.search');
    await agent.get('/api/people');
    expect(await auditCount(t, 'person.search')).toBe(searches + 1);
  });
});
