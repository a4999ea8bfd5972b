import { randomUUID } from 'node:crypto';
import { chinaDate, type ExchangeHousehold, type ExchangePerson } from '@shequ/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, makeIdNumber } from '../../test/factories';
import {
  BAIZITING,
  exchangeWorld,
  importHousehold,
  MachineClient,
  makeAgreement,
  QINHUAI_COMMUNITY,
  registerClient,
  registerDisabled,
  sha256,
  type ExchangeWorld,
  type ImportedHousehold,
} from '../../test/exchange';
import { createTestApp, type TestApp } from '../../test/harness';

const AGREED = [
  'person.name',
  'person.sex',
  'person.idNumber',
  'group.disabled',
  'group.disabled.grade',
];

async function logEntries(t: TestApp, clientRef: string) {
  return t.db.db
    .selectFrom('exchange_log')
    .selectAll()
    .where('exchange_client_id', '=', clientRef)
    .orderBy('seq')
    .execute();
}

const householdNumber = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

describe('machine clients read households, inside their agreement only', () => {
  let t: TestApp;
  let w: ExchangeWorld;
  let client: MachineClient;
  let clientRef: string;
  /** Head and wife in 百子亭 (玄武), the son registered in 秦淮: the household lies in 玄武. */
  let xuanwu: ImportedHousehold;
  /** Head in 秦淮, a daughter in 百子亭: the household lies outside the agreed region. */
  let qinhuai: ImportedHousehold;

  const member = (h: ImportedHousehold, relation: string) =>
    h.members.find((m) => m.relation === relation)!;

  beforeAll(async () => {
    t = await createTestApp();
    w = await exchangeWorld(t);
    const registered = await registerClient(w.admin, w.departmentId);
    clientRef = registered.clientRef;
    client = new MachineClient(t, registered.clientId, registered.clientSecret);
    await makeAgreement(w.admin, clientRef);
    await makeAgreement(w.admin, clientRef, {
      purposeCode: 'old-census',
      elementCodes: ['person.name'],
      validFrom: '2020-01-01',
      validTo: '2020-12-31',
    });
    // a city-wide worker registers both households, across districts
    const { agent: registrar } = await loginAs(t, 'community_worker', '3201');
    xuanwu = await importHousehold(registrar, householdNumber('XW'), [
      {
        name: '户主甲',
        idNumber: makeIdNumber('19700101', 'm'),
        relation: '户主',
        regionCode: BAIZITING,
      },
      {
        name: '妻子乙',
        idNumber: makeIdNumber('19720202', 'f'),
        relation: '妻',
        regionCode: BAIZITING,
      },
      {
        name: '秦淮儿子',
        idNumber: makeIdNumber('19990909', 'm'),
        relation: '子',
        regionCode: QINHUAI_COMMUNITY,
      },
    ]);
    qinhuai = await importHousehold(registrar, householdNumber('QH'), [
      {
        name: '秦淮户主',
        idNumber: makeIdNumber('19600303', 'm'),
        relation: '户主',
        regionCode: QINHUAI_COMMUNITY,
      },
      {
        name: '玄武女儿',
        idNumber: makeIdNumber('19900404', 'f'),
        relation: '女',
        regionCode: BAIZITING,
      },
    ]);
    await registerDisabled(w.worker, member(xuanwu, '妻').personId, '2');
  });
  afterAll(async () => t?.close());

  it('reads a household by id: number, type, region and its members inside the region, each as the person read gives them', async () => {
    const response = await client.get(`/households/${xuanwu.id}`);
    expect(response.statusCode, response.body).toBe(200);
    const household = response.json() as ExchangeHousehold;
    expect(household).toMatchObject({
      id: xuanwu.id,
      number: xuanwu.number,
      householdType: 'family',
      regionCode: BAIZITING,
      asOf: chinaDate(t.clock()),
    });
    // the head first; the son registered in 秦淮 is left out
    expect(household.members.map((m) => [m.relation, m.relationName, m.person.id])).toEqual([
      ['02', '户主', member(xuanwu, '户主').personId],
      ['12', '妻', member(xuanwu, '妻').personId],
    ]);
    expect(household.members.every((m) => m.joinedOn === chinaDate(t.clock()))).toBe(true);
    expect(response.body).not.toContain('秦淮儿子');
    expect(response.body).not.toContain(member(xuanwu, '子').idNumber);
    expect(response.body).not.toContain(member(xuanwu, '子').personId);
    // each member exactly as the person read returns them: the agreed elements, nothing else
    for (const m of household.members) {
      const person = (await client.get(`/people/${m.person.id}`)).json() as ExchangePerson;
      expect(m.person).toEqual(person);
      expect(Object.keys(m.person.elements).sort()).toEqual([...AGREED].sort());
    }
    const wife = household.members[1]!.person;
    expect(wife.elements['person.idNumber']!.value).toBe(member(xuanwu, '妻').idNumber);
    expect(wife.elements['group.disabled.grade']).toMatchObject({
      value: '2',
      label: '二级',
      status: 'collected',
      provenance: { source: 'form', verifier: 'disabled_federation' },
    });
    expect(household.members[0]!.person.elements['person.name']).toMatchObject({
      value: '户主甲',
      provenance: { source: 'import' },
    });
    const entry = (await logEntries(t, clientRef)).find(
      (e) => e.request_id === response.headers['x-shequ-request-id'],
    );
    expect(entry).toMatchObject({ outcome: 'allowed', reason: null, status_code: 200 });
    expect(entry!.detail).toEqual({
      householdIds: [xuanwu.id],
      personIds: [member(xuanwu, '户主').personId, member(xuanwu, '妻').personId],
      elementCodes: AGREED,
    });
  });

  it('finds a household by its number and by the ID number of any current member, in the body', async () => {
    const byNumber = await client.post('/households/lookup', { householdNumber: xuanwu.number });
    expect(byNumber.statusCode, byNumber.body).toBe(200);
    const direct = (await client.get(`/households/${xuanwu.id}`)).json() as ExchangeHousehold;
    expect((byNumber.json() as { items: ExchangeHousehold[] }).items).toEqual([direct]);
    for (const relation of ['户主', '妻']) {
      const byMember = await client.post('/households/lookup', {
        idNumber: member(xuanwu, relation).idNumber.toLowerCase(),
      });
      expect(byMember.statusCode, byMember.body).toBe(200);
      expect((byMember.json() as { items: ExchangeHousehold[] }).items).toEqual([direct]);
    }
    // the ID number travels in the body only, and the log keeps only a hash of it
    const entries = (await logEntries(t, clientRef)).slice(-4);
    expect(entries.map((e) => [e.path, e.outcome])).toEqual([
      ['/api/exchange/v1/households/lookup', 'allowed'],
      [`/api/exchange/v1/households/${xuanwu.id}`, 'allowed'],
      ['/api/exchange/v1/households/lookup', 'allowed'],
      ['/api/exchange/v1/households/lookup', 'allowed'],
    ]);
    for (const e of entries) {
      for (const m of xuanwu.members) expect(JSON.stringify(e)).not.toContain(m.idNumber);
    }
  });

  it('names the lookup key it needs: a household number or an ID number, not both, not neither', async () => {
    const neither = await client.post('/households/lookup', {});
    expect(neither.statusCode).toBe(400);
    expect(neither.json()).toMatchObject({ errors: [{ path: 'body' }] });
    const both = await client.post('/households/lookup', {
      householdNumber: xuanwu.number,
      idNumber: member(xuanwu, '户主').idNumber,
    });
    expect(both.statusCode).toBe(400);
    expect(both.json()).toMatchObject({ errors: [{ path: 'idNumber' }] });
    const extra = await client.post('/households/lookup', { householdNumber: 'x', name: '户主甲' });
    expect(extra.statusCode).toBe(400);
    expect(extra.json()).toMatchObject({ errors: [{ path: 'name' }] });
    const badId = await client.get('/households/not-a-uuid');
    expect(badId.statusCode).toBe(400);
    const entries = (await logEntries(t, clientRef)).slice(-4);
    expect(entries.map((e) => [e.outcome, e.status_code])).toEqual([
      ['refused', 400],
      ['refused', 400],
      ['refused', 400],
      ['refused', 400],
    ]);
  });

  it('gives only agreed elements: ?elements narrows the members, an element outside is refused', async () => {
    const narrowed = await client.get(`/households/${xuanwu.id}?elements=person.name`);
    expect(narrowed.statusCode, narrowed.body).toBe(200);
    for (const m of (narrowed.json() as ExchangeHousehold).members) {
      expect(Object.keys(m.person.elements)).toEqual(['person.name']);
    }
    const byId = await client.get(`/households/${xuanwu.id}?elements=person.name,person.phone`);
    expect(byId.statusCode).toBe(403);
    expect(byId.json()).toMatchObject({ errors: [{ path: 'elements' }] });
    const lookup = await client.post('/households/lookup?elements=person.ethnicity', {
      householdNumber: xuanwu.number,
    });
    expect(lookup.statusCode).toBe(403);
    expect(byId.body + lookup.body).not.toContain('户主甲');
    const entries = (await logEntries(t, clientRef)).slice(-3);
    expect(entries.map((e) => [e.outcome, e.reason, e.status_code])).toEqual([
      ['allowed', null, 200],
      ['refused', 'elements_not_agreed', 403],
      ['refused', 'elements_not_agreed', 403],
    ]);
  });

  it('answers a household outside the agreed region as absent, however it is asked for', async () => {
    const daughter = member(qinhuai, '女');
    const attempts = [
      await client.get(`/households/${qinhuai.id}`),
      await client.post('/households/lookup', { householdNumber: qinhuai.number }),
      // the daughter lives inside the region, but her household does not
      await client.post('/households/lookup', { idNumber: daughter.idNumber }),
      // a member outside the region does not lead to his household inside it either
      await client.post('/households/lookup', { idNumber: member(xuanwu, '子').idNumber }),
      await client.get(`/households/${randomUUID()}`),
      await client.post('/households/lookup', { householdNumber: householdNumber('NONE') }),
      await client.post('/households/lookup', { idNumber: makeIdNumber('19500505') }),
    ];
    for (const response of attempts) {
      expect(response.statusCode, response.body).toBe(404);
      expect(response.json()).toMatchObject({ code: 'NOT_FOUND' });
      for (const text of ['秦淮户主', '玄武女儿', '秦淮儿子', qinhuai.number, xuanwu.number]) {
        expect(response.body).not.toContain(text);
      }
    }
    // the answers are the same; the log says which were refused for the region
    expect(new Set(attempts.map((r) => (r.json() as { detail: string }).detail)).size).toBe(1);
    const entries = (await logEntries(t, clientRef)).slice(-attempts.length);
    expect(entries.map((e) => [e.outcome, e.reason])).toEqual([
      ['refused', 'region_not_agreed'],
      ['refused', 'region_not_agreed'],
      ['refused', 'region_not_agreed'],
      ['refused', 'region_not_agreed'],
      ['not_found', null],
      ['not_found', null],
      ['not_found', null],
    ]);
  });

  it('reads nothing under an expired agreement or a purpose never agreed', async () => {
    const other = new MachineClient(t, client.clientId, client.clientSecret);
    other.purpose = 'old-census';
    for (const response of [
      await other.get(`/households/${xuanwu.id}`),
      await other.post('/households/lookup', { householdNumber: xuanwu.number }),
      await other.post('/households/lookup', { idNumber: member(xuanwu, '户主').idNumber }),
    ]) {
      expect(response.statusCode).toBe(403);
      expect(response.json()).toMatchObject({ detail: '共享协议已过有效期' });
      expect(response.body).not.toContain('户主甲');
    }
    other.purpose = 'tax-audit';
    const unknown = await other.get(`/households/${xuanwu.id}`);
    expect(unknown.statusCode).toBe(403);
    expect(unknown.json()).toMatchObject({ errors: [{ path: 'X-Shequ-Purpose' }] });
    const entries = (await logEntries(t, clientRef)).slice(-4);
    expect(entries.map((e) => [e.outcome, e.reason])).toEqual([
      ['refused', 'agreement_expired'],
      ['refused', 'agreement_expired'],
      ['refused', 'agreement_expired'],
      ['refused', 'purpose_not_agreed'],
    ]);
  });

  it('refuses a request without its purpose, its end user or a valid token', async () => {
    const noPurpose = await client.get(`/households/${xuanwu.id}`, { 'x-shequ-purpose': null });
    expect(noPurpose.statusCode).toBe(400);
    expect(noPurpose.json()).toMatchObject({ errors: [{ path: 'X-Shequ-Purpose' }] });
    const noUser = await client.post(
      '/households/lookup',
      { householdNumber: xuanwu.number },
      { 'x-shequ-end-user': null },
    );
    expect(noUser.statusCode).toBe(400);
    expect(noUser.json()).toMatchObject({ errors: [{ path: 'X-Shequ-End-User' }] });
    const badToken = await client.get(`/households/${xuanwu.id}`, {
      authorization: 'Bearer nonsense-token-value-1234567890',
    });
    expect(badToken.statusCode).toBe(401);
    expect(badToken.headers['www-authenticate']).toMatch(/invalid_token/);
    for (const r of [noPurpose, noUser, badToken]) {
      expect(r.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(r.body).not.toContain('户主甲');
    }
    const entries = (await logEntries(t, clientRef)).slice(-2);
    expect(entries.map((e) => [e.outcome, e.reason])).toEqual([
      ['refused', 'missing_purpose'],
      ['refused', 'missing_end_user'],
    ]);
  });

  it('logs every attempt with its purpose and end user, and the receipt matches what was sent', async () => {
    const all = await t.db.db.selectFrom('exchange_log').select('seq').execute();
    const before = all.length;
    const attempts = [
      await client.get(`/households/${xuanwu.id}`),
      await client.post('/households/lookup', { householdNumber: qinhuai.number }),
      await client.get(`/households/${xuanwu.id}`, {
        authorization: 'Bearer nonsense-token-value-1234567890',
      }),
      await client.post('/households/lookup', { idNumber: member(xuanwu, '妻').idNumber }),
    ];
    const entries = (
      await t.db.db.selectFrom('exchange_log').selectAll().orderBy('seq').execute()
    ).slice(before);
    expect(entries.map((e) => e.request_id)).toEqual(
      attempts.map((r) => r.headers['x-shequ-request-id']),
    );
    expect(entries.map((e) => [e.status_code, e.outcome])).toEqual([
      [200, 'allowed'],
      [404, 'refused'],
      [401, 'refused'],
      [200, 'allowed'],
    ]);
    for (const e of [entries[0]!, entries[1]!, entries[3]!]) {
      expect(e).toMatchObject({
        purpose: 'dibao-review',
        case_ref: '苏民低保〔2026〕12号',
        end_user: '玄武区民政局 王科员',
      });
    }
    const lookup = attempts[3]!;
    const receipt = await client.get(`/receipts/${lookup.headers['x-shequ-request-id']}`);
    expect(receipt.statusCode, receipt.body).toBe(200);
    const headers = client.headerValues();
    expect(receipt.json()).toMatchObject({
      responseHash: sha256(lookup.rawPayload),
      requestHash: sha256(
        `POST /api/exchange/v1/households/lookup\n${headers['x-shequ-purpose']}\n${headers['x-shequ-end-user']}\n${lookup.sentBody}`,
      ),
    });
  });

  it('counts household reads against the agreement’s rate limit like any other read', async () => {
    const limited = await registerClient(w.admin, w.departmentId, '限流测试');
    await makeAgreement(w.admin, limited.clientRef, { rateLimitPerMinute: 3 });
    const machine = new MachineClient(t, limited.clientId, limited.clientSecret);
    const now = t.clock().getTime();
    t.clock.advance(60_000 - (now % 60_000) + 1000);
    const codes = [
      (await machine.get(`/people/${member(xuanwu, '户主').personId}`)).statusCode,
      (await machine.get(`/households/${xuanwu.id}`)).statusCode,
      (await machine.post('/households/lookup', { householdNumber: xuanwu.number })).statusCode,
    ];
    const over = await machine.get(`/households/${xuanwu.id}`);
    expect([...codes, over.statusCode]).toEqual([200, 200, 200, 429]);
    expect(over.headers['retry-after']).toBeDefined();
    const last = (await logEntries(t, limited.clientRef)).at(-1)!;
    expect(last).toMatchObject({ outcome: 'refused', reason: 'rate_limited', status_code: 429 });
  });

  it('publishes the household reads in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, { summary?: string; requestBody?: unknown }>>;
    };
    const byId = doc.paths['/api/exchange/v1/households/{id}']?.get;
    const lookup = doc.paths['/api/exchange/v1/households/lookup']?.post;
    expect(byId?.summary).toMatch(/协议约定的数据元/);
    expect(lookup?.summary).toMatch(/证件号码/);
    expect(JSON.stringify(lookup?.requestBody)).toContain('householdNumber');
  });
});
