import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationDetail, ApplicationSummary, PersonDetail } from '@shequ/core';
import { loginAs, makeDepartment, makeIdNumber } from '../../test/factories';
import { createTestApp, testEngine, type Agent, type TestApp } from '../../test/harness';

const BAIZITING = '320102005001';
const XUANWU = '320102';
const MATTER = 'disability_subsidies_application'; // 残疾人两项补贴: 民政 and 残联 countersign

type Page<T> = { items: T[]; total: number };

/**
 * A countersign step through the API: the application waits on both departments, each agrees
 * once from its own queue, and only the second agreement decides it.
 */
describe(`countersign (会签) between two departments (${testEngine})`, () => {
  let t: TestApp;
  let worker: Agent;
  let street: Agent;
  let civil: Agent; // 玄武区民政局
  let federation: Agent; // 玄武区残联
  let id: string;

  const act = async (agent: Agent, action: string, opinion: string) => {
    const { version } = (await agent.get(`/api/applications/${id}`)).json() as ApplicationDetail;
    return agent.post(`/api/applications/${id}/actions`, { action, version, opinion });
  };
  const inQueue = async (agent: Agent) =>
    (
      (await agent.get('/api/applications/queue?pageSize=100')).json() as Page<ApplicationSummary>
    ).items
      .map((a) => a.id)
      .includes(id);

  beforeAll(async () => {
    t = await createTestApp();
    ({ agent: worker } = await loginAs(t, 'community_worker', BAIZITING));
    ({ agent: street } = await loginAs(t, 'street_staff', '320102005'));
    ({ agent: civil } = await loginAs(
      t,
      'department_reviewer',
      XUANWU,
      await makeDepartment(t.services, 'civil_affairs', XUANWU),
    ));
    ({ agent: federation } = await loginAs(
      t,
      'department_reviewer',
      XUANWU,
      await makeDepartment(t.services, 'disabled_federation', XUANWU),
    ));
    const phone = '13712345678';
    const person = (
      await worker.post('/api/people', {
        name: '赵建国',
        idNumber: makeIdNumber('19700304', 'm'),
        regionCode: BAIZITING,
        residenceType: 'registered',
        phone,
      })
    ).json() as PersonDetail;
    const submitted = await worker.post('/api/applications', {
      matterCode: MATTER,
      personId: person.id,
      phone,
      form: {
        applyLivingSubsidy: false,
        applyNursingSubsidy: true,
        disabilityCategory: '4',
        disabilityGrade: '1',
        phone,
        currentAddress: '南京市玄武区百子亭 5 号',
        bankName: '南京银行',
        bankAccount: '6222000011114444',
      },
      providedMaterials: ['id_card', 'household_register', 'disability_certificate', 'bank_card'],
      submissionKey: `countersign-${Date.now()}`,
    });
    expect(submitted.statusCode, submitted.body).toBe(201);
    ({ id } = submitted.json() as { id: string });
    expect((await act(street, 'approve', '经初审，符合重度残疾人护理补贴条件')).statusCode).toBe(
      200,
    );
  });
  afterAll(async () => t?.close());

  it('waits on both departments; each sees it in its queue and may agree once', async () => {
    const at = (await civil.get(`/api/applications/${id}`)).json() as ApplicationDetail;
    expect(at).toMatchObject({ status: 'processing', stepKind: 'countersign' });
    expect(at.allowedActions).toContain('approve');
    expect(await inQueue(civil)).toBe(true);
    expect(await inQueue(federation)).toBe(true);

    const first = await act(federation, 'approve', '残疾等级一级，需长期照护，同意');
    expect(first.statusCode, first.body).toBe(200);
    const after = first.json() as ApplicationDetail;
    expect(after.status).toBe('processing'); // 民政 has not agreed yet
    expect(after.timeline.at(-1)).toMatchObject({ effect: 'countersigned' });
    expect(after.document).toBeNull();
    // 残联 has agreed: not again, and it is off its queue; 民政 still has it
    expect(after.allowedActions).not.toContain('approve');
    const again = await act(federation, 'approve', '再次同意');
    expect(again.statusCode).toBe(403);
    expect(await inQueue(federation)).toBe(false);
    expect(await inQueue(civil)).toBe(true);
  });

  it('the last agreement decides it, with a document from the responsible department', async () => {
    const second = await act(civil, 'approve', '经审定，准予发放重度残疾人护理补贴');
    expect(second.statusCode, second.body).toBe(200);
    const decided = second.json() as ApplicationDetail;
    expect(decided.status).toBe('approved');
    expect(decided.timeline.at(-1)).toMatchObject({ effect: 'approved' });
    expect(decided.document).toMatchObject({ decision: 'approved' });
    expect(decided.document!.title).toBe('残疾人两项补贴审定决定书');
    const units = decided.timeline.map((e) => e.actorUnit);
    expect(units).toEqual(expect.arrayContaining(['玄武区残疾人联合会', '玄武区民政局']));
    expect(await inQueue(civil)).toBe(false);
  });
});
