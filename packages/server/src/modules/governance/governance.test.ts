import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  CatalogView,
  ComparisonResult,
  DiscrepancyView,
  ElementValueView,
  PersonDetail,
  VerificationItem,
} from '@shequ/core';
import { loginAs, makeDepartment, makeIdNumber } from '../../test/factories';
import { createTestApp, testEngine, type Agent, type TestApp } from '../../test/harness';

const BAIZITING = '320102005001'; // 百子亭社区, 玄武门街道, 玄武区
const XUANWU = '320102';
const QINHUAI = '320104';
const QINHUAI_COMMUNITY = '320104001001';

type Page<T> = { items: T[]; total: number };

async function json<T>(
  response: { statusCode: number; body: string; json(): unknown },
  status = 200,
) {
  expect(response.statusCode, response.body).toBe(status);
  return response.json() as T;
}

describe(`collect once, verify by one, compare by many (${testEngine})`, () => {
  let t: TestApp;
  let worker: Agent;
  let qinhuaiWorker: Agent;
  let cdpf: Agent; // 残联 reviewer of 玄武区: verifies disability
  let qinhuaiCdpf: Agent; // 残联 reviewer of 秦淮区
  let civil: Agent; // 民政 reviewer of 玄武区: compares disability, verifies 低保
  let health: Agent; // 卫健 reviewer: neither verifies nor compares the grade
  let admin: Agent; // informatization administrator of 南京市

  async function registerDisabled(grade: string, overrides: Record<string, unknown> = {}) {
    const idNumber = makeIdNumber();
    const person = await json<PersonDetail>(
      await worker.post('/api/people', {
        name: '陈建国',
        idNumber,
        regionCode: BAIZITING,
        ...overrides,
      }),
      201,
    );
    await json(
      await worker.post(`/api/people/${person.id}/groups`, {
        groupCode: 'disabled',
        startDate: '2026-01-05',
        attributes: { certificateNumber: `${idNumber}44`, category: '4', grade },
      }),
      201,
    );
    return { person, idNumber };
  }

  const queueOf = async (agent: Agent, query = '') =>
    json<Page<VerificationItem>>(await agent.get(`/api/verification/queue?pageSize=200${query}`));
  const valuesOf = async (agent: Agent, personId: string) =>
    json<ElementValueView[]>(await agent.get(`/api/people/${personId}/element-values`));

  beforeAll(async () => {
    t = await createTestApp();
    const s = t.services;
    ({ agent: worker } = await loginAs(t, 'community_worker', BAIZITING));
    ({ agent: qinhuaiWorker } = await loginAs(t, 'community_worker', QINHUAI_COMMUNITY));
    const dept = (type: string, region: string) => makeDepartment(s, type, region);
    ({ agent: cdpf } = await loginAs(
      t,
      'department_reviewer',
      XUANWU,
      await dept('disabled_federation', XUANWU),
    ));
    ({ agent: qinhuaiCdpf } = await loginAs(
      t,
      'department_reviewer',
      QINHUAI,
      await dept('disabled_federation', QINHUAI),
    ));
    ({ agent: civil } = await loginAs(
      t,
      'department_reviewer',
      XUANWU,
      await dept('civil_affairs', XUANWU),
    ));
    ({ agent: health } = await loginAs(
      t,
      'department_reviewer',
      XUANWU,
      await dept('health', XUANWU),
    ));
    ({ agent: admin } = await loginAs(t, 'informatization_admin', '3201'));
  });
  afterAll(async () => t?.close());

  it('puts a value the community collects in its verifier’s queue, inside the verifier’s region only', async () => {
    const { person } = await registerDisabled('2');
    const values = await valuesOf(worker, person.id);
    const grade = values.find((v) => v.elementCode === 'group.disabled.grade')!;
    expect(grade).toMatchObject({
      status: 'collected',
      value: '2',
      valueLabel: '二级',
      verifier: 'disabled_federation',
      verifierName: '残联',
      source: 'form',
      overdue: false,
    });
    expect(grade.collectedByName).toMatch(/^测试/);
    expect(grade.dueAt).not.toBeNull();
    // person attributes collected by the community go to their own verifiers (公安: 姓名 …)
    expect(values.find((v) => v.elementCode === 'person.name')?.verifier).toBe('public_security');

    const queue = await queueOf(cdpf);
    const item = queue.items.find(
      (i) => i.personId === person.id && i.elementCode === 'group.disabled.grade',
    );
    expect(item?.person).toMatchObject({ name: '陈建国', regionName: '百子亭社区' });
    expect(item?.person.idMasked).toContain('****');
    // 残联 of 秦淮区 and 民政 of 玄武区 do not see it
    expect((await queueOf(qinhuaiCdpf)).items.some((i) => i.personId === person.id)).toBe(false);
    expect(
      (await queueOf(civil)).items.some((i) => i.elementCode.startsWith('group.disabled')),
    ).toBe(false);
    // a community worker has no queue
    expect((await worker.get('/api/verification/queue')).statusCode).toBe(403);
  });

  it('confirms, rejects with a reason back to the collector, and corrects — each with history', async () => {
    const a = await registerDisabled('3');
    const b = await registerDisabled('4');
    const c = await registerDisabled('1');
    const find = async (personId: string) =>
      (await queueOf(cdpf)).items.find(
        (i) => i.personId === personId && i.elementCode === 'group.disabled.grade',
      )!;

    const ia = await find(a.person.id);
    const confirmed = await json<ElementValueView>(
      await cdpf.post(`/api/verification/values/${ia.id}/decision`, {
        action: 'confirm',
        version: ia.version,
      }),
    );
    expect(confirmed).toMatchObject({ status: 'verified', verifiedValue: '3', dueAt: null });
    expect(confirmed.verifyingDepartmentName).toContain('残疾人联合会');
    // twice: refused, naming the status
    const again = await cdpf.post(`/api/verification/values/${ia.id}/decision`, {
      action: 'confirm',
      version: confirmed.version,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toContain('已核验');

    const ib = await find(b.person.id);
    const noReason = await cdpf.post(`/api/verification/values/${ib.id}/decision`, {
      action: 'reject',
      version: ib.version,
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors[0].path).toBe('reason');
    const rejected = await json<ElementValueView>(
      await cdpf.post(`/api/verification/values/${ib.id}/decision`, {
        action: 'reject',
        version: ib.version,
        reason: '残疾证显示为三级，请核对',
      }),
    );
    expect(rejected).toMatchObject({ status: 'rejected', reason: '残疾证显示为三级，请核对' });
    expect(
      (await valuesOf(worker, b.person.id)).find((v) => v.elementCode === 'group.disabled.grade')
        ?.status,
    ).toBe('rejected');

    const ic = await find(c.person.id);
    const badValue = await cdpf.post(`/api/verification/values/${ic.id}/decision`, {
      action: 'correct',
      version: ic.version,
      value: '五级',
      reason: '更正',
    });
    expect(badValue.statusCode).toBe(400);
    expect(badValue.json().errors[0]).toMatchObject({ path: 'value' });
    const corrected = await json<ElementValueView>(
      await cdpf.post(`/api/verification/values/${ic.id}/decision`, {
        action: 'correct',
        version: ic.version,
        value: '二级',
        reason: '依残疾证更正',
      }),
    );
    expect(corrected).toMatchObject({ status: 'verified', value: '2', verifiedValue: '2' });
    const membership = await t.db.db
      .selectFrom('group_membership')
      .select('attributes')
      .where('person_id', '=', c.person.id)
      .executeTakeFirstOrThrow();
    expect(membership.attributes.grade).toBe('2');
    const history = await sql<{ source: string; reason: string | null }>`
      SELECT source, reason FROM entity_change WHERE entity = 'group_membership' AND op = 'update'
        AND new_values->'attributes'->>'grade' = '2' AND entity_id IN (
          SELECT id FROM group_membership WHERE person_id = ${c.person.id})`.execute(t.db.db);
    expect(history.rows).toEqual([{ source: 'verification', reason: '依残疾证更正' }]);
  });

  it('bulk-confirms, skipping items changed since they were listed', async () => {
    const people = [await registerDisabled('1'), await registerDisabled('2')];
    const items = (await queueOf(cdpf)).items.filter(
      (i) =>
        people.some((p) => p.person.id === i.personId) && i.elementCode === 'group.disabled.grade',
    );
    expect(items).toHaveLength(2);
    const result = await json<{ confirmed: number; skipped: { id: string; message: string }[] }>(
      await cdpf.post('/api/verification/bulk-confirm', {
        items: [
          { id: items[0]!.id, version: items[0]!.version },
          { id: items[1]!.id, version: items[1]!.version - 1 },
        ],
      }),
    );
    expect(result.confirmed).toBe(1);
    expect(result.skipped).toEqual([
      { id: items[1]!.id, message: expect.stringContaining('刷新') },
    ]);
  });

  it('turns a comparing department’s mismatch into a discrepancy its verifier rules on', async () => {
    const { person, idNumber } = await registerDisabled('2');
    const item = (await queueOf(cdpf)).items.find(
      (i) => i.personId === person.id && i.elementCode === 'group.disabled.grade',
    )!;
    await json(
      await cdpf.post(`/api/verification/values/${item.id}/decision`, {
        action: 'confirm',
        version: item.version,
      }),
    );

    // 民政 holds the same grade written another way: corroboration
    const match = await json<ComparisonResult>(
      await civil.post('/api/comparisons/records', {
        idNumber,
        elementCode: 'group.disabled.grade',
        value: '二级',
      }),
    );
    expect(match).toEqual({ outcome: 'match', message: null, discrepancyId: null });
    let grade = (await valuesOf(cdpf, person.id)).find(
      (v) => v.elementCode === 'group.disabled.grade',
    )!;
    expect(grade).toMatchObject({ status: 'verified', corroborations: 1 });
    expect(grade.lastCorroboratedByName).toContain('民政局');

    // and then a different one: a discrepancy, routed to 残联
    const mismatch = await json<ComparisonResult>(
      await civil.post('/api/comparisons/records', {
        idNumber,
        elementCode: 'group.disabled.grade',
        value: '一级',
      }),
    );
    expect(mismatch.outcome).toBe('mismatch');
    grade = (await valuesOf(cdpf, person.id)).find(
      (v) => v.elementCode === 'group.disabled.grade',
    )!;
    expect(grade.status).toBe('disputed');
    expect(grade.verifiedValue).toBe('2'); // the authoritative value stands until the ruling
    // the same mismatch again joins the open case
    const repeat = await json<ComparisonResult>(
      await civil.post('/api/comparisons/records', {
        idNumber,
        elementCode: 'group.disabled.grade',
        value: 1,
      }),
    );
    expect(repeat.discrepancyId).toBe(mismatch.discrepancyId);

    const open = await json<Page<DiscrepancyView>>(await cdpf.get('/api/discrepancies'));
    const found = open.items.find((d) => d.id === mismatch.discrepancyId)!;
    expect(found).toMatchObject({
      ourValue: '2',
      ourValueLabel: '二级',
      theirValue: '1',
      theirValueLabel: '一级',
      status: 'open',
      person: { name: '陈建国' },
    });
    expect(found.theirDepartmentName).toContain('民政局');
    expect(found.canRule).toBe(true);
    const raised = (await json<Page<DiscrepancyView>>(await civil.get('/api/discrepancies'))).items;
    expect(raised.find((d) => d.id === found.id)?.canRule).toBe(false);
    // 民政 sees the case it raised; 秦淮 残联 and 卫健 do not
    expect(
      (await json<Page<DiscrepancyView>>(await civil.get('/api/discrepancies'))).items.map(
        (d) => d.id,
      ),
    ).toContain(found.id);
    expect((await qinhuaiCdpf.get(`/api/discrepancies/${found.id}`)).statusCode).toBe(404);
    expect((await health.get(`/api/discrepancies/${found.id}`)).statusCode).toBe(404);
    // only the verifier rules
    const byCivil = await civil.post(`/api/discrepancies/${found.id}/ruling`, {
      value: '一级',
      reason: '民政认为',
      version: found.version,
    });
    expect(byCivil.statusCode).toBe(404);

    const ruled = await json<DiscrepancyView>(
      await cdpf.post(`/api/discrepancies/${found.id}/ruling`, {
        value: '一级',
        reason: '经复评为一级',
        version: found.version,
      }),
    );
    expect(ruled).toMatchObject({
      status: 'ruled',
      rulingValue: '1',
      rulingValueLabel: '一级',
      rulingReason: '经复评为一级',
    });
    expect(ruled.current).toMatchObject({
      status: 'ruled',
      value: '1',
      verifiedValue: '1',
      reason: '经复评为一级',
    });
    const membership = await t.db.db
      .selectFrom('group_membership')
      .select('attributes')
      .where('person_id', '=', person.id)
      .executeTakeFirstOrThrow();
    expect(membership.attributes.grade).toBe('1');
    const detail = await json<{ groups: { attributes: Record<string, unknown> }[] }>(
      await worker.get(`/api/people/${person.id}`),
    );
    expect(detail.groups[0]?.attributes.grade).toBe('1');
    // the ruling goes to the exchange outbox for the change feed and webhooks, after the
    // collection and the confirmation
    const events = await t.db.db
      .selectFrom('exchange_event')
      .select(['type', 'element_codes', 'payload', 'region_code'])
      .where('person_id', '=', person.id)
      .orderBy('created_at')
      .execute();
    expect(events.map((e) => e.type)).toEqual([
      'value.collected',
      'value.collected',
      'value.verified',
      'value.ruled',
    ]);
    const ruledEvent = events.at(-1)!;
    expect(ruledEvent.element_codes).toEqual(['group.disabled.grade']);
    expect(ruledEvent.region_code).toBe(BAIZITING);
    expect(ruledEvent.payload).toMatchObject({
      elements: { 'group.disabled.grade': { value: '1', status: 'ruled', reason: '经复评为一级' } },
    });
    // ruled once: a second ruling is refused
    const twice = await cdpf.post(`/api/discrepancies/${found.id}/ruling`, {
      value: '二级',
      reason: '再改',
      version: ruled.version,
    });
    expect(twice.statusCode).toBe(409);
  });

  it('answers comparisons it cannot make plainly: unknown subject, not a comparer, bad value', async () => {
    const { idNumber } = await registerDisabled('3');
    const stranger = await json<ComparisonResult>(
      await civil.post('/api/comparisons/records', {
        idNumber: makeIdNumber(),
        elementCode: 'group.disabled.grade',
        value: '3',
      }),
    );
    expect(stranger.outcome).toBe('unknown_subject');
    const notComparer = await json<ComparisonResult>(
      await health.post('/api/comparisons/records', {
        idNumber,
        elementCode: 'group.disabled.grade',
        value: '3',
      }),
    );
    expect(notComparer).toMatchObject({
      outcome: 'invalid',
      message: expect.stringContaining('不是'),
    });
    const badValue = await json<ComparisonResult>(
      await civil.post('/api/comparisons/records', {
        idNumber,
        elementCode: 'group.disabled.grade',
        value: '五级',
      }),
    );
    expect(badValue).toMatchObject({
      outcome: 'invalid',
      message: expect.stringContaining('代码表'),
    });
    const pii = await json<ComparisonResult>(
      await civil.post('/api/comparisons/records', {
        idNumber,
        elementCode: 'person.phone',
        value: '13900000000',
      }),
    );
    expect(pii.outcome).toBe('invalid');
    // a person of 秦淮区 is unknown to 玄武区's 民政
    const qinhuai = await json<PersonDetail>(
      await qinhuaiWorker.post('/api/people', {
        name: '秦淮人',
        idNumber: makeIdNumber(),
        regionCode: QINHUAI_COMMUNITY,
      }),
      201,
    );
    const row = await t.db.db
      .selectFrom('person')
      .select('pii')
      .where('id', '=', qinhuai.id)
      .executeTakeFirstOrThrow();
    expect(row.pii).toBeTruthy();
    expect(
      (
        await worker.post('/api/comparisons/records', {
          idNumber,
          elementCode: 'group.disabled.grade',
          value: '3',
        })
      ).statusCode,
    ).toBe(403);
  });

  it('lets the city’s informatization administrator reassign a verifier, with a reason and a version', async () => {
    const catalog = await json<CatalogView>(await admin.get('/api/catalog?city=3201'));
    expect(catalog.cityName).toBe('南京市');
    const marital = catalog.elements.find((e) => e.code === 'person.maritalStatus')!;
    expect(marital).toMatchObject({
      verifier: 'civil_affairs',
      verifierName: '民政',
      configured: false,
      settingVersion: null,
    });
    const body = {
      verifier: 'public_security',
      comparers: ['civil_affairs'],
      cycle: 'yearly',
      timeLimitDays: 7,
      sensitivity: 'internal',
      version: null,
      reason: '本市婚姻状况以户籍登记为准',
    };
    const saved = await json<{ verifier: string; configured: boolean; settingVersion: number }>(
      await admin.put('/api/catalog/3201/elements/person.maritalStatus', body),
    );
    expect(saved).toMatchObject({
      verifier: 'public_security',
      configured: true,
      settingVersion: 1,
    });
    // stale version, unknown element, unknown department type, no permission
    expect(
      (await admin.put('/api/catalog/3201/elements/person.maritalStatus', body)).statusCode,
    ).toBe(409);
    expect((await admin.put('/api/catalog/3201/elements/person.shoeSize', body)).statusCode).toBe(
      404,
    );
    const badType = await admin.put('/api/catalog/3201/elements/person.education', {
      ...body,
      verifier: 'weather',
    });
    expect(badType.statusCode).toBe(400);
    expect(badType.json().errors[0].path).toBe('verifier');
    expect((await worker.put('/api/catalog/3201/elements/person.education', body)).statusCode).toBe(
      403,
    );
    // everyone on staff reads the city's catalog as configured
    const seen = await json<CatalogView>(await worker.get('/api/catalog'));
    expect(seen.elements.find((e) => e.code === 'person.maritalStatus')?.verifier).toBe(
      'public_security',
    );
    // and a marital status collected now goes to 公安
    const person = await json<PersonDetail>(
      await worker.post('/api/people', {
        name: '周婚',
        idNumber: makeIdNumber(),
        regionCode: BAIZITING,
        maritalStatus: '已婚',
      }),
      201,
    );
    const value = (await valuesOf(worker, person.id)).find(
      (v) => v.elementCode === 'person.maritalStatus',
    );
    expect(value).toMatchObject({ verifier: 'public_security', status: 'collected', value: '20' });
    const history = await json<
      {
        op: string;
        reason: string;
        changes: { field: string; old: string | null; new: string }[];
      }[]
    >(await worker.get('/api/catalog/3201/elements/person.maritalStatus/history'));
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ op: 'insert', reason: '本市婚姻状况以户籍登记为准' });
    expect(history[0]!.changes).toContainEqual({
      field: 'verifier',
      label: '核验部门',
      old: null,
      new: '公安',
    });
  });

  it('changing a value back to the verified one leaves the queue', async () => {
    const person = await json<PersonDetail>(
      await worker.post('/api/people', {
        name: '回改',
        idNumber: makeIdNumber(),
        regionCode: BAIZITING,
        education: '大学本科',
      }),
      201,
    );
    const { agent: edu } = await loginAs(
      t,
      'department_reviewer',
      XUANWU,
      await makeDepartment(t.services, 'education', XUANWU),
    );
    const item = (await queueOf(edu)).items.find((i) => i.personId === person.id)!;
    expect(item.elementCode).toBe('person.education');
    await json(
      await edu.post(`/api/verification/values/${item.id}/decision`, {
        action: 'confirm',
        version: item.version,
      }),
    );
    let current = await json<PersonDetail>(await worker.get(`/api/people/${person.id}`));
    current = await json<PersonDetail>(
      await worker.patch(`/api/people/${person.id}`, {
        education: '高中',
        version: current.version,
        reason: '录入错误',
      }),
    );
    expect((await queueOf(edu)).items.some((i) => i.personId === person.id)).toBe(true);
    await json(
      await worker.patch(`/api/people/${person.id}`, {
        education: '大学本科',
        version: current.version,
        reason: '改回',
      }),
    );
    expect((await queueOf(edu)).items.some((i) => i.personId === person.id)).toBe(false);
    const value = (await valuesOf(worker, person.id)).find(
      (v) => v.elementCode === 'person.education',
    )!;
    expect(value).toMatchObject({ status: 'verified', verifiedValue: '21' });
  });
});
