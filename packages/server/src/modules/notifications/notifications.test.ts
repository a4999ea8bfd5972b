import { randomUUID } from 'node:crypto';
import type { ApplicationDetail, PersonDetail } from '@shequ/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, makeDepartment, makeIdNumber } from '../../test/factories';
import { createTestApp, testEngine, type Agent, type TestApp } from '../../test/harness';

const BAIZITING = '320102005001'; // 玄武区 玄武门街道 百子亭社区
const STREET = '320102005'; // 玄武门街道
const SIBLING_STREET = '320102002'; // 梅园新村街道, same county
const XUANWU = '320102';
const MATTER = 'elderly_allowance_claim';

interface Message {
  id: string;
  text: string;
  applicationId: string | null;
  read: boolean;
  createdAt: string;
}
interface Inbox {
  items: Message[];
  unread: number;
}
const json = <T>(r: { json(): unknown }) => r.json() as T;

describe(`in-platform messages (${testEngine})`, () => {
  let t: TestApp;
  let worker: Agent;
  let street: Agent;
  let siblingStreet: Agent;
  let civil: Agent;
  let birthYear = 1930;

  const inbox = async (agent: Agent) => {
    const response = await agent.get('/api/notifications');
    expect(response.statusCode, response.body).toBe(200);
    return json<Inbox>(response);
  };
  const messagesAbout = async (agent: Agent, applicationId: string) =>
    (await inbox(agent)).items.filter((m) => m.applicationId === applicationId);

  /** The community worker takes a 高龄津贴 application at the window: it goes to the street. */
  const submitAtWindow = async (): Promise<ApplicationDetail> => {
    birthYear += 1;
    const birth = `${birthYear}-03-12`;
    const person = json<PersonDetail>(
      await worker.post('/api/people', {
        name: '周秀兰',
        idNumber: makeIdNumber(birth.replaceAll('-', ''), 'f'),
        regionCode: BAIZITING,
      }),
    );
    const phone = `1380000${String(birthYear).padStart(4, '0')}`;
    const submitted = await worker.post('/api/applications', {
      matterCode: MATTER,
      personId: person.id,
      phone,
      form: {
        birthDate: birth,
        registeredAddress: '南京市玄武区百子亭 1 号',
        currentAddress: '南京市玄武区百子亭 1 号',
        phone,
        bankName: '南京银行',
        bankAccount: '6222000011112222',
      },
      providedMaterials: ['bank_card', 'household_register'],
      submissionKey: randomUUID(),
    });
    expect(submitted.statusCode, submitted.body).toBe(201);
    return json<ApplicationDetail>(submitted);
  };

  beforeAll(async () => {
    t = await createTestApp();
    ({ agent: worker } = await loginAs(t, 'community_worker', BAIZITING));
    ({ agent: street } = await loginAs(t, 'street_staff', STREET));
    ({ agent: siblingStreet } = await loginAs(t, 'street_staff', SIBLING_STREET));
    ({ agent: civil } = await loginAs(
      t,
      'department_reviewer',
      XUANWU,
      await makeDepartment(t.services, 'civil_affairs', XUANWU),
    ));
  });
  afterAll(async () => t?.close());

  it('tells the staff of the step an application reaches, and no one else', async () => {
    const app = await submitAtWindow();
    expect(app.stepName).toBe('街道审核');

    const [message, ...more] = await messagesAbout(street, app.id);
    expect(more).toEqual([]);
    expect(message).toMatchObject({ read: false, applicationId: app.id });
    expect(message!.text).toBe(`新办件待街道审核：高龄津贴申领（${app.number}）`);
    expect(new Date(message!.createdAt).toString()).not.toBe('Invalid Date');

    // the worker who took it, the next street over and 民政 (not its step yet) are not told
    expect(await messagesAbout(worker, app.id)).toEqual([]);
    expect(await messagesAbout(siblingStreet, app.id)).toEqual([]);
    expect(await messagesAbout(civil, app.id)).toEqual([]);

    // the street approves: now 民政 is told, and the street is not told again
    const approved = await street.post(`/api/applications/${app.id}/actions`, {
      action: 'approve',
      opinion: '经入户核实，情况属实',
      version: app.version,
    });
    expect(approved.statusCode, approved.body).toBe(200);
    expect((await messagesAbout(civil, app.id)).map((m) => m.text)).toEqual([
      `新办件待县民政审批：高龄津贴申领（${app.number}）`,
    ]);
    expect(await messagesAbout(street, app.id)).toHaveLength(1);
  });

  it('counts unread messages, down one when one is read and to none after read-all', async () => {
    await street.post('/api/notifications/read-all');
    expect((await inbox(street)).unread).toBe(0);

    const first = await submitAtWindow();
    const second = await submitAtWindow();
    const before = await inbox(street);
    expect(before.unread).toBe(2);
    // newest first
    expect(before.items.slice(0, 2).map((m) => m.applicationId)).toEqual([second.id, first.id]);

    const [firstMessage] = await messagesAbout(street, first.id);
    const read = await street.post('/api/notifications/read', { ids: [firstMessage!.id] });
    expect(read.statusCode, read.body).toBe(204);
    const after = await inbox(street);
    expect(after.unread).toBe(1);
    expect(after.items.find((m) => m.id === firstMessage!.id)).toMatchObject({ read: true });
    expect(after.items.find((m) => m.applicationId === second.id)).toMatchObject({ read: false });

    const all = await street.post('/api/notifications/read-all');
    expect(all.statusCode, all.body).toBe(204);
    const done = await inbox(street);
    expect(done.unread).toBe(0);
    expect(done.items.every((m) => m.read)).toBe(true);
  });

  it('lists the newest 50 but counts every unread message', async () => {
    const { agent, user } = await loginAs(t, 'street_staff', STREET);
    for (let i = 0; i < 55; i += 1)
      await t.services.notifications.notifyUsers(t.db.db, [user.id], `测试消息 ${i}`, null);
    const list = await inbox(agent);
    expect(list.items).toHaveLength(50);
    expect(list.unread).toBe(55);
  });

  it("does not mark another user's messages read, neither by id nor by read-all", async () => {
    const app = await submitAtWindow();
    const [message] = await messagesAbout(street, app.id);
    expect(message).toMatchObject({ read: false });

    const byId = await siblingStreet.post('/api/notifications/read', { ids: [message!.id] });
    expect(byId.statusCode).toBe(204);
    expect((await siblingStreet.post('/api/notifications/read-all')).statusCode).toBe(204);
    expect((await worker.post('/api/notifications/read-all')).statusCode).toBe(204);

    expect(await messagesAbout(street, app.id)).toMatchObject([{ id: message!.id, read: false }]);
    expect((await inbox(street)).unread).toBeGreaterThanOrEqual(1);
  });

  it('refuses the messages to a request without a session, and ids that are not uuids', async () => {
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/notifications' });
    expect(anonymous.statusCode).toBe(401);
    const readAll = await t.agent().post('/api/notifications/read-all');
    expect(readAll.statusCode).toBe(401);
    const bad = await street.post('/api/notifications/read', { ids: ['not-a-uuid'] });
    expect(bad.statusCode).toBe(400);
  });
});
