import { createHash, randomUUID } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chinaDate, type ExchangePerson, type ExportJobView } from '@shequ/core';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withChange } from '../../db/change-context';
import { loginAs } from '../../test/factories';
import {
  BAIZITING,
  createPerson,
  exchangeWorld,
  MachineClient,
  makeAgreement,
  QINHUAI_COMMUNITY,
  registerClient,
  registerDisabled,
  XUANWU,
  type ExchangeWorld,
} from '../../test/exchange';
import { createTestApp, type TestApp } from '../../test/harness';
import { emitExchangeEvent } from './exchange-events.repository';

const AGREED = [
  'person.name',
  'person.sex',
  'person.idNumber',
  'group.disabled',
  'group.disabled.grade',
];

async function logEntries(t: TestApp, clientRef?: string) {
  let q = t.db.db.selectFrom('exchange_log').selectAll().orderBy('seq');
  if (clientRef) q = q.where('exchange_client_id', '=', clientRef);
  return q.execute();
}

async function emit(t: TestApp, event: Parameters<typeof emitExchangeEvent>[1]) {
  return t.db.db.transaction().execute((tx) => emitExchangeEvent(tx, event));
}

describe('the exchange interface keeps every client inside its agreement', () => {
  let t: TestApp;
  let w: ExchangeWorld;
  let client: MachineClient;
  let clientRef: string;
  let inside: Awaited<ReturnType<typeof createPerson>>;
  let outside: Awaited<ReturnType<typeof createPerson>>;

  beforeAll(async () => {
    t = await createTestApp();
    w = await exchangeWorld(t);
    const registered = await registerClient(w.admin, w.departmentId);
    clientRef = registered.clientRef;
    client = new MachineClient(t, registered.clientId, registered.clientSecret);
    await makeAgreement(w.admin, clientRef);
    // the same client once had another purpose, now out of its validity period
    await makeAgreement(w.admin, clientRef, {
      purposeCode: 'old-census',
      elementCodes: ['person.name', 'person.phone'],
      validFrom: '2020-01-01',
      validTo: '2020-12-31',
    });
    inside = await createPerson(w.worker, { name: '协议内', sex: '2' });
    await registerDisabled(w.worker, inside.id, '2');
    outside = await createPerson(w.qinhuaiWorker, {
      name: '秦淮人',
      regionCode: QINHUAI_COMMUNITY,
      currentAddress: '南京市秦淮区',
    });
  });
  afterAll(async () => t?.close());

  it('issues short-lived tokens for client credentials only, answering RFC 6749 errors', async () => {
    const token = (payload: string, headers: Record<string, string> = {}) =>
      t.app.inject({
        method: 'POST',
        url: '/api/exchange/v1/token',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        payload,
      });
    const wrong = await token(
      `grant_type=client_credentials&client_id=${client.clientId}&client_secret=wrong`,
    );
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toMatchObject({ error: 'invalid_client' });
    const grant = await token(`grant_type=password&client_id=${client.clientId}`);
    expect(grant.statusCode).toBe(400);
    expect(grant.json()).toMatchObject({ error: 'unsupported_grant_type' });
    const basic = await token('grant_type=client_credentials', {
      authorization: `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64')}`,
    });
    expect(basic.statusCode, basic.body).toBe(200);
    expect(basic.json()).toMatchObject({ token_type: 'Bearer', expires_in: 900 });
    expect(basic.headers['cache-control']).toBe('no-store');
    const json = await t.app.inject({
      method: 'POST',
      url: '/api/exchange/v1/token',
      payload: {
        grant_type: 'client_credentials',
        client_id: client.clientId,
        client_secret: client.clientSecret,
      },
    });
    expect(json.statusCode).toBe(200);
    // the secret is stored only as a scrypt hash, and the token only as its SHA-256
    const stored = await t.db.db
      .selectFrom('exchange_client')
      .select('secret_hash')
      .where('id', '=', clientRef)
      .executeTakeFirstOrThrow();
    expect(stored.secret_hash).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(stored.secret_hash).not.toContain(client.clientSecret);
    const accessToken = (json.json() as { access_token: string }).access_token;
    const tokens = await t.db.db.selectFrom('exchange_token').select('token_hash').execute();
    expect(tokens.map((r) => r.token_hash)).not.toContain(accessToken);

    // 15 minutes later the token no longer works
    const reader = new MachineClient(t, client.clientId, client.clientSecret);
    expect((await reader.get(`/people/${inside.id}`)).statusCode).toBe(200);
    t.clock.advance(16 * 60_000);
    const expired = await reader.get(`/people/${inside.id}`);
    expect(expired.statusCode).toBe(401);
    expect(expired.headers['www-authenticate']).toMatch(/invalid_token/);
    await client.fetchToken();
  });

  it('reads a person by id: exactly the agreed elements, each with its value, status and provenance', async () => {
    const response = await client.get(`/people/${inside.id}`);
    expect(response.statusCode, response.body).toBe(200);
    const person = response.json() as ExchangePerson;
    expect(Object.keys(person.elements).sort()).toEqual([...AGREED].sort());
    // the agreement grants the full value of an agreed element, ID number included
    expect(person.elements['person.idNumber']!.value).toBe(inside.idNumber);
    expect(person.elements['person.name']).toMatchObject({ value: '协议内', status: 'collected' });
    expect(person.elements['person.sex']).toMatchObject({ value: '2', label: '女性' });
    expect(person.elements['group.disabled']).toMatchObject({ value: 'true', label: '是' });
    expect(person.elements['group.disabled.grade']).toMatchObject({
      value: '2',
      label: '二级',
      provenance: { source: 'form', verifier: 'disabled_federation' },
    });
    expect(person.elements['person.name']!.provenance.collectedBy).toMatch(/^测试/);
    // nothing else of the person leaves: no phone, no address, no ethnicity
    expect(response.body).not.toContain('13912345678');
    expect(response.body).not.toContain('百子亭12号');
  });

  it('takes the status from element_value when the value has one (ADR 0004)', async () => {
    await withChange(
      t.db.db,
      { actorId: null, actorName: '残联审核员', source: 'test', at: t.clock() },
      (tx) =>
        tx
          .insertInto('element_value')
          .values({
            person_id: inside.id,
            element_code: 'group.disabled.grade',
            region_code: inside.regionCode,
            value: '2',
            status: 'verified',
            verifier: 'disabled_federation',
            source: 'verification',
            collected_by_name: '社区',
            collected_at: t.clock(),
            verified_value: '2',
            verified_at: t.clock(),
            verified_by_name: '残联审核员',
          })
          .onConflict((oc) =>
            oc.columns(['person_id', 'element_code']).doUpdateSet({
              status: 'verified',
              verified_value: '2',
              verified_at: t.clock(),
              verified_by_name: '残联审核员',
            }),
          )
          .execute(),
    );
    const person = (await client.get(`/people/${inside.id}`)).json() as ExchangePerson;
    expect(person.elements['group.disabled.grade']).toMatchObject({
      status: 'verified',
      verifiedValue: '2',
      provenance: { verifiedBy: '残联审核员' },
    });
    expect(person.elements['person.name']!.status).toBe('collected');
  });

  it('refuses an element outside the agreement on every read path, and logs the refusal', async () => {
    const byId = await client.get(`/people/${inside.id}?elements=person.name,person.phone`);
    expect(byId.statusCode).toBe(403);
    expect(byId.json()).toMatchObject({ errors: [{ path: 'elements' }] });
    expect(byId.body).not.toContain('13912345678');
    const lookup = await client.post('/people/lookup?elements=person.currentAddress', {
      idNumber: inside.idNumber,
    });
    expect(lookup.statusCode).toBe(403);
    const exported = await client.post('/exports', {
      regionCode: XUANWU,
      elementCodes: ['person.name', 'person.phone'],
    });
    expect(exported.statusCode).toBe(403);
    const entries = await logEntries(t, clientRef);
    const last3 = entries.slice(-3);
    expect(last3.map((e) => [e.outcome, e.reason, e.status_code])).toEqual([
      ['refused', 'elements_not_agreed', 403],
      ['refused', 'elements_not_agreed', 403],
      ['refused', 'elements_not_agreed', 403],
    ]);
    expect(await t.db.db.selectFrom('export_job').selectAll().execute()).toEqual([]);
  });

  it('answers a person outside the agreed region as absent, by id and by ID number', async () => {
    const byId = await client.get(`/people/${outside.id}`);
    expect(byId.statusCode).toBe(404);
    expect(byId.body).not.toContain('秦淮人');
    const byNumber = await client.post('/people/lookup', { idNumber: outside.idNumber });
    expect(byNumber.statusCode).toBe(404);
    const found = await client.post('/people/lookup', { idNumber: inside.idNumber.toLowerCase() });
    expect(found.statusCode, found.body).toBe(200);
    expect((found.json() as { items: ExchangePerson[] }).items.map((p) => p.id)).toEqual([
      inside.id,
    ]);
    const entries = (await logEntries(t, clientRef)).slice(-3);
    expect(entries.map((e) => [e.outcome, e.reason])).toEqual([
      ['refused', 'region_not_agreed'],
      ['refused', 'region_not_agreed'],
      ['allowed', null],
    ]);
    expect(entries[2]!.detail).toEqual({ personIds: [inside.id], elementCodes: AGREED });
    // the ID number travels in the body, and the log keeps only a hash of it
    for (const e of entries) {
      expect(JSON.stringify(e)).not.toContain(inside.idNumber);
      expect(JSON.stringify(e)).not.toContain(outside.idNumber);
    }
    expect(entries.slice(1).map((e) => e.path)).toEqual([
      '/api/exchange/v1/people/lookup',
      '/api/exchange/v1/people/lookup',
    ]);
  });

  it('refuses a purpose the client has no valid agreement for: an expired agreement reads nothing', async () => {
    const other = new MachineClient(t, client.clientId, client.clientSecret);
    other.purpose = 'old-census';
    for (const response of [
      await other.get(`/people/${inside.id}`),
      await other.post('/people/lookup', { idNumber: inside.idNumber }),
      await other.get('/changes?cursor=0'),
      await other.post('/exports', { regionCode: XUANWU, elementCodes: ['person.name'] }),
    ]) {
      expect(response.statusCode).toBe(403);
      expect(response.json()).toMatchObject({ detail: '共享协议已过有效期' });
      expect(response.body).not.toContain('协议内');
    }
    other.purpose = 'tax-audit';
    const unknown = await other.get(`/people/${inside.id}`);
    expect(unknown.statusCode).toBe(403);
    expect(unknown.json()).toMatchObject({ errors: [{ path: 'X-Shequ-Purpose' }] });
    const entries = (await logEntries(t, clientRef)).slice(-5);
    expect(entries.map((e) => e.reason)).toEqual([
      'agreement_expired',
      'agreement_expired',
      'agreement_expired',
      'agreement_expired',
      'purpose_not_agreed',
    ]);
    expect(entries.every((e) => e.outcome === 'refused')).toBe(true);
  });

  it('refuses a request that does not name its purpose or its end user', async () => {
    const noPurpose = await client.get(`/people/${inside.id}`, { 'x-shequ-purpose': null });
    expect(noPurpose.statusCode).toBe(400);
    expect(noPurpose.json()).toMatchObject({ errors: [{ path: 'X-Shequ-Purpose' }] });
    const noUser = await client.get(`/people/${inside.id}`, { 'x-shequ-end-user': null });
    expect(noUser.statusCode).toBe(400);
    expect(noUser.json()).toMatchObject({ errors: [{ path: 'X-Shequ-End-User' }] });
    const entries = (await logEntries(t, clientRef)).slice(-2);
    expect(entries.map((e) => [e.outcome, e.reason])).toEqual([
      ['refused', 'missing_purpose'],
      ['refused', 'missing_end_user'],
    ]);
    // what a request does name is recorded, decoded
    const ok = await client.get(`/people/${inside.id}`);
    const [entry] = (await logEntries(t, clientRef)).slice(-1);
    expect(entry).toMatchObject({
      request_id: ok.headers['x-shequ-request-id'],
      purpose: 'dibao-review',
      case_ref: '苏民低保〔2026〕12号',
      end_user: '玄武区民政局 王科员',
    });
  });

  it('logs every attempt, allowed or not, including bad tokens and unknown paths', async () => {
    const before = (await logEntries(t)).length;
    const attempts = [
      await client.get(`/people/${inside.id}`),
      await client.get(`/people/${inside.id}`, {
        authorization: 'Bearer nonsense-token-value-1234567890',
      }),
      await client.get('/people/not-a-uuid'),
      await client.get('/no-such-thing'),
      await t.app.inject({
        method: 'POST',
        url: '/api/exchange/v1/token',
        payload: { grant_type: 'client_credentials', client_id: 'sqc_nobody', client_secret: 'x' },
      }),
    ];
    attempts.push(
      await t.app.inject({
        method: 'POST',
        url: '/api/exchange/v1/token',
        headers: { 'content-type': 'application/json' },
        payload: '[1]',
      }),
    );
    expect(attempts.map((r) => r.statusCode)).toEqual([200, 401, 400, 404, 401, 400]);
    const entries = (await logEntries(t)).slice(before);
    expect(entries.map((e) => e.request_id)).toEqual(
      attempts.map((r) => r.headers['x-shequ-request-id']),
    );
    expect(entries.map((e) => e.outcome)).toEqual([
      'allowed',
      'refused',
      'refused',
      'not_found',
      'refused',
      'refused',
    ]);
    expect(entries[4]).toMatchObject({ client_id: 'sqc_nobody', exchange_client_id: null });
  });

  it('limits each agreement to its requests per minute', async () => {
    const limited = await registerClient(w.admin, w.departmentId, '限流测试');
    await makeAgreement(w.admin, limited.clientRef, { rateLimitPerMinute: 3 });
    const machine = new MachineClient(t, limited.clientId, limited.clientSecret);
    // align to the start of a minute so the window does not roll over mid-test
    const now = t.clock().getTime();
    t.clock.advance(60_000 - (now % 60_000) + 1000);
    const codes: number[] = [];
    for (let i = 0; i < 4; i += 1)
      codes.push((await machine.get(`/people/${inside.id}`)).statusCode);
    expect(codes).toEqual([200, 200, 200, 429]);
    const last = (await logEntries(t, limited.clientRef)).at(-1)!;
    expect(last).toMatchObject({ outcome: 'refused', reason: 'rate_limited', status_code: 429 });
    t.clock.advance(60_000);
    expect((await machine.get(`/people/${inside.id}`)).statusCode).toBe(200);
  });

  it('feeds only events of agreed elements in the agreed region, with a cursor that moves on', async () => {
    const start = (await client.get('/changes?cursor=0&limit=1000')).json() as {
      nextCursor: string;
    };
    const ids = {
      agreed: await emit(t, {
        type: 'value.ruled',
        personId: inside.id,
        regionCode: inside.regionCode,
        elementCodes: ['group.disabled.grade', 'person.phone'],
        payload: {
          elements: {
            'group.disabled.grade': { value: '3', status: 'ruled' },
            'person.phone': { status: 'collected' },
          },
          internalNote: '不应外泄',
        },
      }),
      otherElement: await emit(t, {
        type: 'value.changed',
        personId: inside.id,
        regionCode: inside.regionCode,
        elementCodes: ['person.ethnicity'],
        payload: { elements: { 'person.ethnicity': { value: '01' } } },
      }),
      otherRegion: await emit(t, {
        type: 'value.changed',
        personId: outside.id,
        regionCode: QINHUAI_COMMUNITY,
        elementCodes: ['person.name'],
        payload: { elements: { 'person.name': { value: '秦淮人' } } },
      }),
    };
    const page = (await client.get(`/changes?cursor=${start.nextCursor}`)).json() as {
      events: { eventId: string; elements: Record<string, unknown>; elementCodes: string[] }[];
      nextCursor: string;
      hasMore: boolean;
    };
    expect(page.events.map((e) => e.eventId)).toEqual([ids.agreed]);
    expect(page.events[0]!.elementCodes).toEqual(['group.disabled.grade']);
    expect(page.events[0]!.elements).toEqual({
      'group.disabled.grade': { value: '3', status: 'ruled' },
    });
    expect(JSON.stringify(page)).not.toContain('不应外泄');
    expect(Number(page.nextCursor)).toBeGreaterThan(Number(start.nextCursor));
    // the cursor moved past the events it did not show too: nothing comes again
    const again = (await client.get(`/changes?cursor=${page.nextCursor}`)).json() as {
      events: unknown[];
      nextCursor: string;
    };
    expect(again.events).toEqual([]);
    expect(again.nextCursor).toBe(page.nextCursor);
    const later = await emit(t, {
      type: 'value.changed',
      personId: inside.id,
      regionCode: inside.regionCode,
      elementCodes: ['person.name'],
      payload: { elements: { 'person.name': { value: '协议内' } } },
    });
    const next = (await client.get(`/changes?cursor=${again.nextCursor}`)).json() as {
      events: { eventId: string; position: number }[];
    };
    expect(next.events.map((e) => e.eventId)).toEqual([later]);
    expect(next.events[0]!.position).toBeGreaterThan(Number(again.nextCursor));
  });

  it('exports the agreed region and elements as of a day, from the history', async () => {
    const yesterday = chinaDate(new Date(t.clock().getTime() - 86_400_000));
    const renamed = await createPerson(w.worker, { name: '旧名字', sex: '1' });
    const outsideRegion = await client.post('/exports', {
      regionCode: '320104',
      elementCodes: ['person.name'],
    });
    expect(outsideRegion.statusCode).toBe(403);
    expect(outsideRegion.json()).toMatchObject({ errors: [{ path: 'regionCode' }] });
    const dayOne = chinaDate(t.clock());
    // two days later the person is renamed
    t.clock.advance(2 * 86_400_000);
    await client.fetchToken();
    // staff sessions have expired meanwhile
    w.worker = (await loginAs(t, 'community_worker', BAIZITING)).agent;
    w.admin = (await loginAs(t, 'informatization_admin', '3201')).agent;
    const patched = await w.worker.patch(`/api/people/${renamed.id}`, {
      name: '新名字',
      version: renamed.version,
    });
    expect(patched.statusCode, patched.body).toBe(200);

    const request = async (body: Record<string, unknown>) => {
      const created = await client.post('/exports', body);
      expect(created.statusCode, created.body).toBe(202);
      const job = created.json() as { id: string; status: string };
      await t.services.exchange.exports.idle();
      await t.services.exchange.exports.runQueued();
      const status = (await client.get(`/exports/${job.id}`)).json() as {
        status: string;
        rowCount: number;
        fileHash: string;
      };
      expect(status.status).toBe('done');
      const file = await client.get(`/exports/${job.id}/file`);
      expect(file.statusCode).toBe(200);
      expect(file.headers['content-type']).toMatch(/ndjson/);
      expect(status.fileHash).toBe(createHash('sha256').update(file.rawPayload).digest('hex'));
      const lines = file.body
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as ExchangePerson);
      expect(lines).toHaveLength(status.rowCount);
      return lines;
    };
    const now = await request({
      regionCode: XUANWU,
      elementCodes: ['person.name', 'person.idNumber'],
    });
    expect(now.map((p) => p.id)).toContain(renamed.id);
    expect(now.map((p) => p.id)).not.toContain(outside.id);
    for (const p of now) {
      expect(Object.keys(p.elements).sort()).toEqual(['person.idNumber', 'person.name']);
      expect(p.regionCode.startsWith(XUANWU)).toBe(true);
    }
    expect(now.find((p) => p.id === renamed.id)!.elements['person.name']!.value).toBe('新名字');
    expect(now.find((p) => p.id === renamed.id)!.elements['person.idNumber']!.value).toBe(
      renamed.idNumber,
    );

    const then = await request({ regionCode: XUANWU, elementCodes: ['person.name'], asOf: dayOne });
    expect(then.find((p) => p.id === renamed.id)!.elements['person.name']).toMatchObject({
      value: '旧名字',
      provenance: { source: 'form' },
    });
    const before = await request({
      regionCode: XUANWU,
      elementCodes: ['person.name'],
      asOf: yesterday,
    });
    expect(before.map((p) => p.id)).not.toContain(renamed.id);

    // the files hold personal data in clear: they are deleted after the retention period, the
    // jobs stay (expired, with their hash) and the file is refused with the reason
    const [done] = await t.db.db
      .selectFrom('export_job')
      .select(['id', 'file_path'])
      .where('status', '=', 'done')
      .orderBy('created_at')
      .execute();
    expect(existsSync(done!.file_path!)).toBe(true);
    expect(await t.services.exchange.exports.purgeExpired()).toBe(0);
    const leftover = path.join(
      t.services.exchange.exports.exportDir,
      `${randomUUID()}.ndjson.part`,
    );
    writeFileSync(leftover, '{"id":"a stopped export"}\n');
    const later =
      t.clock().getTime() + (t.services.exchange.exports.retentionHours + 1) * 3_600_000;
    expect(await t.services.exchange.exports.purgeExpired(new Date(later))).toBe(3);
    expect(existsSync(done!.file_path!)).toBe(false);
    expect(existsSync(leftover)).toBe(false);
    const expired = (await client.get(`/exports/${done!.id}`)).json() as ExportJobView;
    expect(expired).toMatchObject({
      status: 'expired',
      error: expect.stringContaining('保存期限'),
    });
    expect(expired.fileHash).toMatch(/^[0-9a-f]{64}$/);
    const gone = await client.get(`/exports/${done!.id}/file`);
    expect(gone.statusCode).toBe(409);
    expect(gone.json()).toMatchObject({ detail: expect.stringContaining('重新申请导出') });

    // another client cannot see the job, and neither can this one under another purpose
    const stranger = await registerClient(w.admin, w.departmentId, '另一系统');
    await makeAgreement(w.admin, stranger.clientRef);
    const strangerClient = new MachineClient(t, stranger.clientId, stranger.clientSecret);
    const jobs = await t.db.db.selectFrom('export_job').select('id').execute();
    expect((await strangerClient.get(`/exports/${jobs[0]!.id}`)).statusCode).toBe(404);
    expect((await strangerClient.get(`/exports/${jobs[0]!.id}/file`)).statusCode).toBe(404);
  });

  it('stops an ended agreement and a disabled client at once', async () => {
    const c = await registerClient(w.admin, w.departmentId, '将停用');
    const agreement = await makeAgreement(w.admin, c.clientRef);
    const machine = new MachineClient(t, c.clientId, c.clientSecret);
    expect((await machine.get(`/people/${inside.id}`)).statusCode).toBe(200);
    const ended = await w.admin.post(`/api/exchange-admin/agreements/${agreement.id}/end`, {
      reason: '协议到期前终止',
    });
    expect(ended.statusCode, ended.body).toBe(200);
    const after = await machine.get(`/people/${inside.id}`);
    expect(after.statusCode).toBe(403);
    await makeAgreement(w.admin, c.clientRef);
    expect((await machine.get(`/people/${inside.id}`)).statusCode).toBe(200);
    const disabled = await w.admin.post(`/api/exchange-admin/clients/${c.clientRef}/disable`, {
      reason: '系统下线',
    });
    expect(disabled.statusCode, disabled.body).toBe(200);
    expect((await machine.get(`/people/${inside.id}`)).statusCode).toBe(401);
    const token = await t.app.inject({
      method: 'POST',
      url: '/api/exchange/v1/token',
      payload: {
        grant_type: 'client_credentials',
        client_id: c.clientId,
        client_secret: c.clientSecret,
      },
    });
    expect(token.statusCode).toBe(401);
    // the history records who ended and disabled what, and why
    const history = await t.db.db
      .selectFrom('entity_change')
      .select(['entity', 'reason'])
      .where('entity_id', 'in', [agreement.id, c.clientRef])
      .where('op', '=', 'update')
      .execute();
    expect(history.map((h) => h.reason).sort()).toEqual(['协议到期前终止', '系统下线']);
  });
});

describe('exchange administration is scoped like everything else', () => {
  let t: TestApp;
  let w: ExchangeWorld;

  beforeAll(async () => {
    t = await createTestApp();
    w = await exchangeWorld(t);
  });
  afterAll(async () => t?.close());

  it('lets only an informatization administrator in whose subtree the department lies manage clients', async () => {
    const { agent: worker } = await loginAs(t, 'community_worker', '320102005001');
    expect(
      (
        await worker.post('/api/exchange-admin/clients', {
          name: 'x',
          departmentId: w.departmentId,
        })
      ).statusCode,
    ).toBe(403);
    const { agent: qinhuaiAdmin } = await loginAs(t, 'informatization_admin', '320104');
    const refused = await qinhuaiAdmin.post('/api/exchange-admin/clients', {
      name: '越权',
      departmentId: w.departmentId,
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'OUT_OF_SCOPE' });

    const c = await registerClient(w.admin, w.departmentId);
    const list = await w.admin.get('/api/exchange-admin/clients');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(c.clientId);
    expect(list.body).not.toContain(c.clientSecret);
    expect((await qinhuaiAdmin.get('/api/exchange-admin/clients')).body).not.toContain(c.clientId);
    expect(
      (
        await qinhuaiAdmin.post(`/api/exchange-admin/clients/${c.clientRef}/disable`, {
          reason: 'x',
        })
      ).statusCode,
    ).toBe(404);
    // a Xuanwu administrator cannot share Qinhuai's people
    const { agent: xuanwuAdmin } = await loginAs(t, 'informatization_admin', XUANWU);
    const wide = await xuanwuAdmin.post('/api/exchange-admin/agreements', {
      clientRef: c.clientRef,
      purposeCode: 'wide',
      purpose: '越权共享',
      elementCodes: ['person.name'],
      regionCode: '3201',
      validFrom: '2026-01-01',
      rateLimitPerMinute: 10,
    });
    expect(wide.statusCode).toBe(403);
  });

  it('rejects bad agreement terms naming the field, in Chinese', async () => {
    const c = await registerClient(w.admin, w.departmentId);
    const bad = await w.admin.post('/api/exchange-admin/agreements', {
      clientRef: c.clientRef,
      purposeCode: 'Bad Code',
      purpose: '复核',
      elementCodes: [],
      regionCode: 'x',
      validFrom: '2026-13-01',
      rateLimitPerMinute: 0,
    });
    expect(bad.statusCode).toBe(400);
    const paths = (bad.json() as { errors: { path: string; message: string }[] }).errors;
    expect(paths.map((e) => e.path).sort()).toEqual(
      ['elementCodes', 'purposeCode', 'rateLimitPerMinute', 'regionCode', 'validFrom'].sort(),
    );
    expect(paths.every((e) => /[\u4e00-\u9fa5]/.test(e.message))).toBe(true);
    const unknown = await w.admin.post('/api/exchange-admin/agreements', {
      clientRef: c.clientRef,
      purposeCode: 'ok-code',
      purpose: '复核',
      elementCodes: ['person.shoeSize'],
      regionCode: XUANWU,
      validFrom: '2026-01-02',
      validTo: '2026-01-01',
      rateLimitPerMinute: 10,
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({
      errors: [
        { path: 'elementCodes', message: expect.stringContaining('person.shoeSize') },
        { path: 'validTo' },
      ],
    });
    await makeAgreement(w.admin, c.clientRef);
    const twice = await w.admin.post('/api/exchange-admin/agreements', {
      clientRef: c.clientRef,
      purposeCode: 'dibao-review',
      purpose: '重复',
      elementCodes: ['person.name'],
      regionCode: XUANWU,
      validFrom: '2026-01-01',
      rateLimitPerMinute: 10,
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({ errors: [{ path: 'purposeCode' }] });
  });

  it('shows the exchange log to exchange:log holders only, filtered, and audits the reading', async () => {
    const c = await registerClient(w.admin, w.departmentId);
    const machine = new MachineClient(t, c.clientId, c.clientSecret);
    await machine.get('/changes');
    const log = await w.admin.get(
      `/api/exchange-admin/log?clientRef=${c.clientRef}&outcome=refused`,
    );
    expect(log.statusCode, log.body).toBe(200);
    const page = log.json() as { items: { reason: string; clientName: string }[]; total: number };
    expect(page.items).toEqual([
      expect.objectContaining({ reason: 'purpose_not_agreed', clientName: '玄武区民政局低保系统' }),
    ]);
    const { agent: auditor } = await loginAs(t, 'audit_admin', '3201');
    expect((await auditor.get('/api/exchange-admin/log')).statusCode).toBe(200);
    expect(
      (
        await auditor.post('/api/exchange-admin/clients', {
          name: 'x',
          departmentId: w.departmentId,
        })
      ).statusCode,
    ).toBe(403);
    const { agent: worker } = await loginAs(t, 'community_worker', '320102005001');
    expect((await worker.get('/api/exchange-admin/log')).statusCode).toBe(403);
    const audited = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM audit_event WHERE action = 'exchange.log.read'`.execute(
      t.db.db,
    );
    expect(audited.rows[0]!.n).toBe(2);
    const verify = await w.admin.get('/api/exchange-admin/log/verify');
    expect(verify.json()).toMatchObject({ ok: true });
  });

  it('publishes the machine API in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, unknown>;
      components: { securitySchemes: Record<string, unknown> };
    };
    for (const p of [
      '/api/exchange/v1/token',
      '/api/exchange/v1/people/{id}',
      '/api/exchange/v1/people/lookup',
      '/api/exchange/v1/changes',
      '/api/exchange/v1/exports',
      '/api/exchange/v1/exports/{id}/file',
      '/api/exchange/v1/receipts/{requestId}',
      '/api/exchange-admin/agreements',
    ]) {
      expect(Object.keys(doc.paths)).toContain(p);
    }
    expect(doc.components.securitySchemes).toHaveProperty('exchangeBearer');
  });
});
