import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ComparisonJobView,
  DiscrepancyView,
  ElementValueView,
  VerificationItem,
} from '@shequ/core';
import {
  createPerson,
  exchangeWorld,
  makeAgreement,
  MachineClient,
  registerClient,
  registerDisabled,
  XUANWU,
  type ExchangeWorld,
} from '../../test/exchange';
import { loginAs, makeDepartment } from '../../test/factories';
import { createTestApp, testEngine, type Agent, type TestApp } from '../../test/harness';
import { Receiver, signatureOk } from '../../test/webhook-receiver';

type Page<T> = { items: T[]; total: number };

/**
 * Issue 4's story from end to end, over the HTTP API: a community worker records a disability
 * grade → 残联 confirms it → 民政 submits a different grade in a bulk comparison → the discrepancy
 * reaches 残联 → 残联 rules → the value, its provenance and the change feed show the ruling, and a
 * department system subscribed by webhook receives a correctly signed event.
 */
describe(`collect, verify, compare, rule — end to end (${testEngine})`, () => {
  let t: TestApp;
  let w: ExchangeWorld;
  let cdpf: Agent;
  let civil: Agent;
  const receiver = new Receiver();

  beforeAll(async () => {
    t = await createTestApp();
    w = await exchangeWorld(t);
    ({ agent: cdpf } = await loginAs(
      t,
      'department_reviewer',
      XUANWU,
      await makeDepartment(t.services, 'disabled_federation', XUANWU),
    ));
    ({ agent: civil } = await loginAs(t, 'department_reviewer', XUANWU, w.departmentId));
    await receiver.start();
  });
  afterAll(async () => {
    await receiver.stop();
    await t?.close();
  });

  it('ends with the ruled value everywhere: record, provenance, change feed, signed webhook', async () => {
    // a department system (民政's 低保 system) with an agreement on the grade and a webhook
    const client = await registerClient(w.admin, w.departmentId);
    const agreement = await makeAgreement(w.admin, client.clientRef);
    const subscribed = await w.admin.post('/api/exchange-admin/subscriptions', {
      agreementId: agreement.id,
      url: receiver.url,
    });
    expect(subscribed.statusCode, subscribed.body).toBe(201);
    const { secret } = subscribed.json() as { secret: string };
    const machine = new MachineClient(t, client.clientId, client.clientSecret);
    const start = (await machine.get('/changes?cursor=0&limit=1000')).json() as {
      nextCursor: string;
    };

    // 1. the community worker records the grade: 二级
    const person = await createPerson(w.worker, { name: '端到端' });
    await registerDisabled(w.worker, person.id, '2');

    // 2. 残联 confirms it from its queue
    const queue = (
      await cdpf.get('/api/verification/queue?pageSize=200')
    ).json() as Page<VerificationItem>;
    const item = queue.items.find(
      (i) => i.personId === person.id && i.elementCode === 'group.disabled.grade',
    )!;
    expect(item).toMatchObject({ status: 'collected', valueLabel: '二级' });
    const confirmed = await cdpf.post(`/api/verification/values/${item.id}/decision`, {
      action: 'confirm',
      version: item.version,
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);

    // 3. 民政 submits 一级 in a bulk comparison
    const upload = await civil.request(
      'POST',
      `/api/comparisons?fileName=${encodeURIComponent('民政残疾人名册.csv')}`,
      Buffer.from(`证件号码,数据元,值\r\n${person.idNumber},group.disabled.grade,一级\r\n`),
      { 'content-type': 'text/csv' },
    );
    expect(upload.statusCode, upload.body).toBe(202);
    let job = upload.json() as ComparisonJobView;
    while (job.status === 'running') {
      await new Promise((resolve) => setTimeout(resolve, 20));
      job = (await civil.get(`/api/comparisons/${job.id}`)).json() as ComparisonJobView;
    }
    expect(job).toMatchObject({ status: 'done', total: 1, mismatched: 1 });

    // 4. the discrepancy reaches 残联, which rules 一级
    const open = (await cdpf.get('/api/discrepancies')).json() as Page<DiscrepancyView>;
    const discrepancy = open.items.find((d) => d.person.id === person.id)!;
    expect(discrepancy).toMatchObject({ ourValueLabel: '二级', theirValueLabel: '一级' });
    expect(discrepancy.current?.status).toBe('disputed');
    const ruled = await cdpf.post(`/api/discrepancies/${discrepancy.id}/ruling`, {
      value: '一级',
      reason: '复评结论为一级',
      version: discrepancy.version,
    });
    expect(ruled.statusCode, ruled.body).toBe(200);

    // 5. the value and its provenance
    const detail = (await w.worker.get(`/api/people/${person.id}`)).json() as {
      groups: { groupCode: string; attributes: Record<string, unknown> }[];
    };
    expect(detail.groups.find((g) => g.groupCode === 'disabled')?.attributes.grade).toBe('1');
    const values = (
      await w.worker.get(`/api/people/${person.id}/element-values`)
    ).json() as ElementValueView[];
    expect(values.find((v) => v.elementCode === 'group.disabled.grade')).toMatchObject({
      status: 'ruled',
      value: '1',
      valueLabel: '一级',
      verifiedValue: '1',
      reason: '复评结论为一级',
      verifyingDepartmentName: expect.stringContaining('残疾人联合会'),
    });

    // 6. the change feed shows the ruling to the department system
    const feed = (await machine.get(`/changes?cursor=${start.nextCursor}&limit=1000`)).json() as {
      events: {
        type: string;
        personId: string;
        elements: Record<string, { value?: string; status?: string }>;
      }[];
    };
    const mine = feed.events.filter((e) => e.personId === person.id);
    expect(mine.map((e) => e.type)).toContain('value.ruled');
    expect(
      mine.find((e) => e.type === 'value.ruled')!.elements['group.disabled.grade'],
    ).toMatchObject({
      value: '1',
      status: 'ruled',
    });

    // 7. and its webhook receives the ruling, correctly signed
    await t.services.exchange.runOnce();
    const deliveries = receiver.received.filter((r) => JSON.parse(r.body).personId === person.id);
    const ruling = deliveries.find((r) => JSON.parse(r.body).type === 'value.ruled')!;
    expect(ruling).toBeDefined();
    expect(signatureOk(secret, ruling)).toBe(true);
    expect(signatureOk('not the secret', ruling)).toBe(false);
    expect(JSON.parse(ruling.body).elements['group.disabled.grade']).toMatchObject({
      value: '1',
      status: 'ruled',
    });
    expect(ruling.body).not.toContain(person.idNumber);
  });
});
