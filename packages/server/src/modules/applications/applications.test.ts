import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ApplicationDetail,
  ApplicationSummary,
  DocumentCheckView,
  ElementValueView,
  PersonDetail,
  PrefillView,
  TrackingView,
  VerificationItem,
} from '@shequ/core';
import { loginAs, makeDepartment, makeIdNumber } from '../../test/factories';
import { createTestApp, testEngine, type Agent, type TestApp } from '../../test/harness';

const BAIZITING = '320102005001'; // 玄武区 梅园新村街道 白子亭社区
const STREET = '320102005';
const XUANWU = '320102';
const QINHUAI = '320104';
const MATTER = 'elderly_allowance_claim';

type Page<T> = { items: T[]; total: number };
const json = <T>(r: { json(): unknown }) => r.json() as T;

describe(`one-stop acceptance (${testEngine})`, () => {
  let t: TestApp;
  let worker: Agent;
  let street: Agent;
  let civil: Agent; // 玄武区民政局: decides
  let police: Agent; // 玄武区公安分局: verifies birth date and residence type
  let qinhuaiCivil: Agent;
  let qinhuaiWorker: Agent;
  let person: PersonDetail;
  const phone = '13912345678';
  let keySerial = 0;
  const key = () => `test-submission-${Date.now()}-${(keySerial += 1)}`;

  const countApplications = async () =>
    Number(
      (await sql<{ n: string }>`SELECT count(*) AS n FROM application`.execute(t.db.db)).rows[0]!.n,
    );
  const goodForm = {
    birthDate: '1940-03-12',
    registeredAddress: '南京市玄武区白子亭 1 号',
    currentAddress: '南京市玄武区白子亭 1 号',
    phone,
    bankName: '南京银行',
    bankAccount: '6222000011112222',
  };

  beforeAll(async () => {
    t = await createTestApp();
    ({ agent: worker } = await loginAs(t, 'community_worker', BAIZITING));
    ({ agent: street } = await loginAs(t, 'street_staff', STREET));
    ({ agent: civil } = await loginAs(
      t,
      'department_reviewer',
      XUANWU,
      await makeDepartment(t.services, 'civil_affairs', XUANWU),
    ));
    ({ agent: police } = await loginAs(
      t,
      'department_reviewer',
      XUANWU,
      await makeDepartment(t.services, 'public_security', XUANWU),
    ));
    ({ agent: qinhuaiCivil } = await loginAs(
      t,
      'department_reviewer',
      QINHUAI,
      await makeDepartment(t.services, 'civil_affairs', QINHUAI),
    ));
    ({ agent: qinhuaiWorker } = await loginAs(t, 'community_worker', '320104001001'));
    const created = await worker.post('/api/people', {
      name: '王秀英',
      idNumber: makeIdNumber('19400312', 'f'),
      regionCode: BAIZITING,
      residenceType: 'registered',
      phone,
      registeredAddress: '南京市玄武区白子亭 1 号',
    });
    expect(created.statusCode, created.body).toBe(201);
    person = json<PersonDetail>(created);
    // 公安 confirms what the community collected: her birth date and that she is registered here
    const queue = json<Page<VerificationItem>>(
      await police.get('/api/verification/queue?pageSize=200'),
    );
    for (const code of ['person.birthDate', 'person.residenceType']) {
      const item = queue.items.find((i) => i.person.id === person.id && i.elementCode === code);
      expect(item, code).toBeDefined();
      const decided = await police.post(`/api/verification/values/${item!.id}/decision`, {
        action: 'confirm',
        version: item!.version,
      });
      expect(decided.statusCode, decided.body).toBe(200);
    }
  });
  afterAll(async () => t?.close());

  it('prefills the form from verified data, says who verified it, and waives what the platform holds', async () => {
    const response = await worker.get(
      `/api/applications/prefill?matterCode=${MATTER}&personId=${person.id}`,
    );
    expect(response.statusCode, response.body).toBe(200);
    const prefill = json<PrefillView>(response);
    const birth = prefill.fields.find((f) => f.key === 'birthDate')!;
    expect(birth).toMatchObject({ value: '1940-03-12', source: { kind: 'verified' } });
    expect(birth.source!.label).toContain('公安');
    expect(prefill.fields.find((f) => f.key === 'phone')).toMatchObject({
      value: phone,
      source: { kind: 'recorded', label: '社区登记（未核验）' },
    });
    expect(prefill.fields.find((f) => f.key === 'bankAccount')).toMatchObject({
      value: null,
      source: null,
    });
    const material = (code: string) => prefill.materials.find((m) => m.code === code)!;
    expect(material('id_card')).toMatchObject({ exempt: true });
    expect(material('household_register')).toMatchObject({ exempt: true });
    expect(material('household_register').reason).toContain('公安');
    expect(material('bank_card')).toMatchObject({ exempt: false, reason: null });
    expect(prefill.person.maskedIdNumber).toBe(person.idNumberMasked);
    expect(prefill.openApplications).toEqual([]);
  });

  it('refuses bad input field by field and stores nothing', async () => {
    const before = await countApplications();
    const wrongType = await worker.post('/api/applications', {
      matterCode: MATTER,
      personId: person.id,
      phone,
      form: { ...goodForm, birthDate: '1940-13-40', bankName: 42 },
      providedMaterials: ['bank_card'],
      submissionKey: key(),
    });
    expect(wrongType.statusCode).toBe(400);
    const paths = (json<{ errors: { path: string }[] }>(wrongType).errors ?? []).map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['form.birthDate', 'form.bankName']));

    const missing = await worker.post('/api/applications', {
      matterCode: MATTER,
      personId: person.id,
      phone,
      form: goodForm,
      providedMaterials: [],
      submissionKey: key(),
    });
    expect(missing.statusCode).toBe(400);
    const missingError = json<{ errors: { path: string; message: string }[] }>(missing).errors;
    expect(missingError.map((e) => e.path)).toEqual(['materials.bank_card']);
    expect(missingError[0]!.message).toContain('银行卡');

    const unknownMatter = await worker.post('/api/applications', {
      matterCode: 'no_such_matter',
      personId: person.id,
      phone,
      form: goodForm,
      submissionKey: key(),
    });
    expect(unknownMatter.statusCode).toBe(404);
    expect(await countApplications()).toBe(before);
  });

  it('takes an application at the window once, then routes it step by step to the decision', async () => {
    const submissionKey = key();
    const body = {
      matterCode: MATTER,
      personId: person.id,
      phone,
      form: goodForm,
      providedMaterials: ['bank_card'],
      submissionKey,
    };
    const submitted = await worker.post('/api/applications', body);
    expect(submitted.statusCode, submitted.body).toBe(201);
    let app = json<ApplicationDetail>(submitted);
    expect(app).toMatchObject({
      status: 'processing',
      stepName: '街道审核',
      channel: 'window',
      duplicate: false,
    });
    expect(app.number).toMatch(/^SQ\d{14}$/);
    expect(app.deadline).not.toBeNull();
    expect(app.materials.find((m) => m.code === 'household_register')).toMatchObject({
      state: 'exempt',
    });
    expect(app.timeline.map((e) => e.action)).toEqual(['submit', 'accept']);

    // a double submit, and a second application of the same matter without confirming: refused
    const before = await countApplications();
    const again = await worker.post('/api/applications', body);
    expect(again.statusCode).toBe(409);
    expect(json<{ errors: { path: string }[] }>(again).errors[0]!.path).toBe('submissionKey');
    const duplicate = await worker.post('/api/applications', { ...body, submissionKey: key() });
    expect(duplicate.statusCode).toBe(409);
    expect(json<{ errors: { path: string }[] }>(duplicate).errors[0]!.path).toBe(
      'confirmDuplicate',
    );
    expect(json<{ title: string; detail?: string }>(duplicate).detail ?? '').toContain(app.number);
    expect(await countApplications()).toBe(before);

    // who sees it: the street (its step), not yet 民政's queue, never 秦淮区
    const streetQueue = json<Page<ApplicationSummary>>(await street.get('/api/applications/queue'));
    expect(streetQueue.items.map((i) => i.id)).toContain(app.id);
    const civilQueue = json<Page<ApplicationSummary>>(await civil.get('/api/applications/queue'));
    expect(civilQueue.items.map((i) => i.id)).not.toContain(app.id);
    expect((await qinhuaiCivil.get(`/api/applications/${app.id}`)).statusCode).toBe(404);
    expect((await qinhuaiWorker.get(`/api/applications/${app.id}`)).statusCode).toBe(404);

    // an action not allowed now: 民政 approving at the street's step; a stale version
    const early = await civil.post(`/api/applications/${app.id}/actions`, {
      action: 'approve',
      opinion: '',
      version: app.version,
    });
    expect(early.statusCode).toBe(403);
    const stale = await street.post(`/api/applications/${app.id}/actions`, {
      action: 'approve',
      opinion: '',
      version: app.version + 5,
    });
    expect(stale.statusCode).toBe(409);
    const noOpinion = await street.post(`/api/applications/${app.id}/actions`, {
      action: 'return',
      opinion: ' ',
      version: app.version,
    });
    expect(noOpinion.statusCode).toBe(400);
    expect(json<ApplicationDetail>(await street.get(`/api/applications/${app.id}`))).toMatchObject({
      version: app.version,
      stepName: '街道审核',
    });

    const reviewed = await street.post(`/api/applications/${app.id}/actions`, {
      action: 'approve',
      opinion: '经入户核实，情况属实',
      version: app.version,
    });
    expect(reviewed.statusCode, reviewed.body).toBe(200);
    app = json<ApplicationDetail>(reviewed);
    expect(app.stepName).toBe('县民政审批');
    expect(
      json<Page<ApplicationSummary>>(await civil.get('/api/applications/queue')).items.map(
        (i) => i.id,
      ),
    ).toContain(app.id);
    expect(
      json<Page<ApplicationSummary>>(await qinhuaiCivil.get('/api/applications/queue')).items,
    ).toEqual([]);

    const decided = await civil.post(`/api/applications/${app.id}/actions`, {
      action: 'approve',
      opinion: '符合条件，准予发放',
      version: app.version,
    });
    expect(decided.statusCode, decided.body).toBe(200);
    app = json<ApplicationDetail>(decided);
    expect(app).toMatchObject({ status: 'approved', allowedActions: [] });
    expect(app.document).toMatchObject({
      title: '高龄津贴审批决定书',
      decision: 'approved',
      issuerName: expect.stringContaining('民政局'),
    });
    expect(app.timeline.map((e) => e.action)).toEqual(['submit', 'accept', 'approve', 'approve']);

    // anyone checks the document; the resident tracks it with number and phone only
    const check = await t.app.inject({
      method: 'GET',
      url: `/api/public/documents/${app.document!.verificationCode}`,
    });
    expect(check.statusCode).toBe(200);
    expect(json<DocumentCheckView>(check)).toMatchObject({
      valid: true,
      decision: 'approved',
      applicantName: '王**',
    });
    const wrongPhone = await t.app.inject({
      method: 'GET',
      url: `/api/public/applications/track?number=${app.number}&phone=13900000000`,
    });
    expect(wrongPhone.statusCode).toBe(404);
    expect(wrongPhone.body).not.toContain('王秀英');
    const tracked = await t.app.inject({
      method: 'GET',
      url: `/api/public/applications/track?number=${app.number}&phone=${phone}`,
    });
    expect(tracked.statusCode).toBe(200);
    const view = json<TrackingView>(tracked);
    expect(view).toMatchObject({ status: 'approved', document: { decision: 'approved' } });
    // units, not the staff who acted
    expect(Object.keys(view.timeline[0]!).sort()).toEqual([
      'action',
      'at',
      'opinion',
      'stepName',
      'unit',
    ]);
    expect(view.timeline.at(-1)!.unit).toContain('民政局');

    // the approval enrolled her in the register, verified by 民政 itself
    const values = json<ElementValueView[]>(
      await civil.get(`/api/people/${person.id}/element-values`),
    );
    expect(values.find((v) => v.elementCode === 'group.elderly_allowance')).toMatchObject({
      status: 'verified',
    });

    // every action audited; the resident was told by text at acceptance and decision
    const audited = await sql<{ action: string }>`
      SELECT action FROM audit_event WHERE target_id = ${app.id} ORDER BY seq`.execute(t.db.db);
    expect(audited.rows.map((r) => r.action)).toEqual(
      expect.arrayContaining([
        'application.submit',
        'application.approve',
        'application.read',
        'application.track',
        'application.track.refused',
      ]),
    );
    const texts = await sql<{ text: string }>`
      SELECT text FROM notification WHERE application_id = ${app.id} AND channel = 'sms'
      ORDER BY created_at`.execute(t.db.db);
    expect(texts.rows.map((r) => r.text).join('\n')).toMatch(/已受理[\s\S]*准予/);
  });

  it('takes an online application from a resident who proves the phone, for the community to accept', async () => {
    const onlinePhone = '13700001111';
    // no account: the browser's pre-session CSRF cookie, as on the login page
    const resident = t.agent();
    const anonymous = (method: 'GET' | 'POST', url: string, payload?: unknown) =>
      method === 'GET' ? resident.get(url) : resident.post(url, payload ?? {});
    const matters = await anonymous('GET', '/api/public/matters?city=3201');
    expect(matters.statusCode).toBe(200);
    expect((matters.json() as { code: string }[]).map((m) => m.code)).toContain(MATTER);
    expect((matters.json() as { code: string }[]).map((m) => m.code)).not.toContain(
      'residence_permit_application',
    ); // window only

    expect(
      (await anonymous('POST', '/api/public/applications/code', { phone: onlinePhone })).statusCode,
    ).toBe(204);
    const tooSoon = await anonymous('POST', '/api/public/applications/code', {
      phone: onlinePhone,
    });
    expect(tooSoon.statusCode).toBe(429);
    const { rows } = await sql<{ text: string }>`
      SELECT text FROM notification WHERE channel = 'sms' AND text LIKE '%验证码%'
      ORDER BY created_at DESC LIMIT 1`.execute(t.db.db);
    const code = /验证码是 (\d{6})/.exec(rows[0]!.text)![1]!;

    const idNumber = makeIdNumber('19420801', 'm');
    const body = {
      matterCode: MATTER,
      regionCode: BAIZITING,
      name: '网上申',
      idNumber,
      phone: onlinePhone,
      code: code === '000000' ? '000001' : '000000',
      form: { ...goodForm, birthDate: '1942-08-01', phone: onlinePhone },
      submissionKey: key(),
    };
    const wrongCode = await anonymous('POST', '/api/public/applications', body);
    expect(wrongCode.statusCode).toBe(400);
    expect(json<{ errors: { path: string }[] }>(wrongCode).errors[0]!.path).toBe('code');
    const badId = await anonymous('POST', '/api/public/applications', {
      ...body,
      idNumber: `${idNumber.slice(0, 17)}${idNumber[17] === '1' ? '2' : '1'}`,
      code,
    });
    expect(json<{ errors: { path: string }[] }>(badId).errors[0]!.path).toBe('idNumber');

    const submitted = await anonymous('POST', '/api/public/applications', { ...body, code });
    expect(submitted.statusCode, submitted.body).toBe(201);
    const { number } = submitted.json() as { number: string };
    const reused = await anonymous('POST', '/api/public/applications', {
      ...body,
      code,
      submissionKey: key(),
    });
    expect(reused.statusCode).toBe(409); // an open application of the same matter

    // the community accepts it from its queue; then the street and 民政 as at the window
    const queue = json<Page<ApplicationSummary>>(
      await worker.get('/api/applications/queue?status=submitted'),
    );
    const waiting = queue.items.find((i) => i.number === number)!;
    expect(waiting).toMatchObject({ channel: 'online', stepName: expect.stringContaining('受理') });
    let app = json<ApplicationDetail>(
      await worker.post(`/api/applications/${waiting.id}/actions`, {
        action: 'accept',
        opinion: '材料齐全，予以受理',
        version: waiting.version,
      }),
    );
    expect(app).toMatchObject({ status: 'processing', stepName: '街道审核' });
    expect(app.deadline).not.toBeNull();
    app = json<ApplicationDetail>(
      await street.post(`/api/applications/${app.id}/actions`, {
        action: 'approve',
        opinion: '属实',
        version: app.version,
      }),
    );
    app = json<ApplicationDetail>(
      await civil.post(`/api/applications/${app.id}/actions`, {
        action: 'approve',
        opinion: '准予',
        version: app.version,
      }),
    );
    expect(app.status).toBe('approved');
    const tracked = await anonymous(
      'GET',
      `/api/public/applications/track?number=${number}&phone=${onlinePhone}`,
    );
    expect(json<TrackingView>(tracked).timeline.map((e) => e.action)).toEqual([
      'submit',
      'accept',
      'approve',
      'approve',
    ]);
  });

  it('supervises and counts applications for the region and department of the grant only', async () => {
    type Board = { rows: { regionCode: string; open: number; overdue: number; warning: number }[] };
    type Stats = {
      rows: { key: string; received: number; decided: number; onTime: number; rejected: number }[];
    };
    const other = json<PersonDetail>(
      await worker.post('/api/people', {
        name: '李桂兰',
        idNumber: makeIdNumber('19410605', 'f'),
        regionCode: BAIZITING,
      }),
    );
    const opened = await worker.post('/api/applications', {
      matterCode: MATTER,
      personId: other.id,
      phone: '13800002222',
      form: { ...goodForm, birthDate: '1941-06-05', phone: '13800002222' },
      providedMaterials: ['bank_card', 'household_register'],
      submissionKey: key(),
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const board = json<Board>(await street.get('/api/applications/board'));
    expect(
      board.rows.every((r) => r.regionCode.startsWith(STREET) && r.regionCode.length === 12),
    ).toBe(true);
    expect(board.rows.find((r) => r.regionCode === BAIZITING)).toMatchObject({
      open: 1,
      overdue: 0,
    });

    const period = 'from=2020-01-01&to=2030-12-31';
    const byMatter = json<Stats>(
      await civil.get(`/api/applications/statistics?groupBy=matter&${period}`),
    );
    const elderly = byMatter.rows.find((r) => r.key === MATTER)!;
    expect(elderly.received).toBeGreaterThanOrEqual(2);
    expect(elderly).toMatchObject({ decided: 2, onTime: 2, rejected: 0 });
    const byRegion = json<Stats>(
      await civil.get(`/api/applications/statistics?groupBy=region&${period}`),
    );
    expect(byRegion.rows.map((r) => r.key)).toEqual([STREET]);

    expect(
      (await qinhuaiCivil.get(`/api/applications/board?regionCode=${XUANWU}`)).statusCode,
    ).toBe(403);
    expect(
      json<Stats>(await qinhuaiCivil.get(`/api/applications/statistics?${period}`)).rows,
    ).toEqual([]);
    expect((await worker.get('/api/applications/board')).statusCode).toBe(403);
    const backwards = await civil.get('/api/applications/statistics?from=2026-12-01&to=2026-01-01');
    expect(backwards.statusCode).toBe(400);
  });

  it('takes a form sent twice at once (a double click) only once', async () => {
    const applicant = json<PersonDetail>(
      await worker.post('/api/people', {
        name: '赵双击',
        idNumber: makeIdNumber('19390220', 'm'),
        regionCode: BAIZITING,
      }),
    );
    const before = await countApplications();
    const body = {
      matterCode: MATTER,
      personId: applicant.id,
      phone: '13800003333',
      form: { ...goodForm, birthDate: '1939-02-20', phone: '13800003333' },
      providedMaterials: ['bank_card', 'household_register'],
      submissionKey: key(),
    };
    const answers = await Promise.all([
      worker.post('/api/applications', body),
      worker.post('/api/applications', body),
    ]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409]);
    const refused = answers.find((a) => a.statusCode === 409)!;
    expect(json<{ errors: { path: string }[] }>(refused).errors[0]!.path).toBe('submissionKey');
    expect(await countApplications()).toBe(before + 1);
  });
});
