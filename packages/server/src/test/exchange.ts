import { createHash } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import type { PersonDetail, PersonSummary, SharingAgreementView } from '@shequ/core';
import { expect } from 'vitest';
import { loginAs, makeDepartment, makeIdNumber } from './factories';
import type { Agent, TestApp } from './harness';
import { importFile } from './imports';

/** Test helpers for the exchange interface: an administrator, clients, agreements, people. */

export const BAIZITING = '320102005001'; // 百子亭社区, 玄武区
export const XUANWU = '320102';
export const QINHUAI_COMMUNITY = '320104001001';

export interface ExchangeWorld {
  admin: Agent;
  worker: Agent;
  qinhuaiWorker: Agent;
  departmentId: string;
}

export async function exchangeWorld(t: TestApp): Promise<ExchangeWorld> {
  const { agent: admin } = await loginAs(t, 'informatization_admin', '3201');
  const { agent: worker } = await loginAs(t, 'community_worker', BAIZITING);
  const { agent: qinhuaiWorker } = await loginAs(t, 'community_worker', QINHUAI_COMMUNITY);
  const departmentId = await makeDepartment(t.services, 'civil_affairs', XUANWU);
  return { admin, worker, qinhuaiWorker, departmentId };
}

export async function registerClient(
  admin: Agent,
  departmentId: string,
  name = '玄武区民政局低保系统',
): Promise<{ clientRef: string; clientId: string; clientSecret: string }> {
  const response = await admin.post('/api/exchange-admin/clients', { name, departmentId });
  expect(response.statusCode, response.body).toBe(201);
  const body = response.json() as {
    client: { id: string; clientId: string };
    clientSecret: string;
  };
  return {
    clientRef: body.client.id,
    clientId: body.client.clientId,
    clientSecret: body.clientSecret,
  };
}

export async function makeAgreement(
  admin: Agent,
  clientRef: string,
  overrides: Record<string, unknown> = {},
): Promise<SharingAgreementView> {
  const response = await admin.post('/api/exchange-admin/agreements', {
    clientRef,
    purposeCode: 'dibao-review',
    purpose: '最低生活保障资格复核',
    elementCodes: [
      'person.name',
      'person.sex',
      'person.idNumber',
      'group.disabled',
      'group.disabled.grade',
    ],
    regionCode: XUANWU,
    validFrom: '2020-01-01',
    validTo: null,
    rateLimitPerMinute: 1000,
    ...overrides,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as SharingAgreementView;
}

export async function createPerson(
  worker: Agent,
  overrides: Record<string, unknown> = {},
): Promise<PersonDetail & { idNumber: string }> {
  const idNumber = (overrides.idNumber as string | undefined) ?? makeIdNumber();
  const response = await worker.post('/api/people', {
    name: '张桂兰',
    idNumber,
    phone: '13912345678',
    currentAddress: '南京市玄武区百子亭12号3栋301室',
    ethnicity: '汉族',
    regionCode: BAIZITING,
    ...overrides,
  });
  expect(response.statusCode, response.body).toBe(201);
  return { ...(response.json() as PersonDetail), idNumber };
}

export async function registerDisabled(worker: Agent, personId: string, grade = '2') {
  const response = await worker.post(`/api/people/${personId}/groups`, {
    groupCode: 'disabled',
    startDate: '2024-01-01',
    attributes: { certificateNumber: `3201021980010100${grade}1`, category: '4', grade },
  });
  expect(response.statusCode, response.body).toBe(201);
}

export interface HouseholdMemberRow {
  name: string;
  idNumber: string;
  /** 与户主关系 as a file has it: 户主, 妻, 子 … */
  relation: string;
  regionCode: string;
}

export interface ImportedHousehold {
  id: string;
  number: string;
  members: (HouseholdMemberRow & { personId: string })[];
}

/**
 * A household with its head and members, imported from a small CSV as a community would (the
 * staff API has no other way to make one). The household takes the head's region; `agent` must
 * reach every member's community.
 */
export async function importHousehold(
  agent: Agent,
  number: string,
  rows: HouseholdMemberRow[],
): Promise<ImportedHousehold> {
  const csv = [
    '姓名,身份证号,户号,与户主关系,所属社区',
    ...rows.map((r) => [r.name, r.idNumber, number, r.relation, r.regionCode].join(',')),
  ].join('\n');
  const job = await importFile(agent, Buffer.from(`${csv}\n`), `户籍-${number}.csv`, {
    apply: true,
  });
  expect(job, JSON.stringify(job)).toMatchObject({ status: 'done', rejectedRows: 0 });
  const members = [];
  for (const row of rows) {
    const found = await agent.get(`/api/people?idNumber=${row.idNumber}`);
    expect(found.statusCode, found.body).toBe(200);
    const [person] = (found.json() as { items: PersonSummary[] }).items;
    expect(person, row.name).toBeDefined();
    members.push({ ...row, personId: person!.id });
  }
  const head = await agent.get(`/api/people/${members[0]!.personId}`);
  const household = (head.json() as PersonDetail).household;
  expect(household?.number).toBe(number);
  return { id: household!.id, number, members };
}

export function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

type Method = 'GET' | 'POST';

/** A department system: fetches tokens and calls the machine API with its headers. */
export class MachineClient {
  private token: string | null = null;
  purpose = 'dibao-review:苏民低保〔2026〕12号';
  endUser = '玄武区民政局 王科员';

  constructor(
    private readonly t: TestApp,
    readonly clientId: string,
    readonly clientSecret: string,
  ) {}

  async fetchToken(): Promise<string> {
    const response = await this.t.app.inject({
      method: 'POST',
      url: '/api/exchange/v1/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: this.clientId,
        client_secret: this.clientSecret,
      }).toString(),
    });
    expect(response.statusCode, response.body).toBe(200);
    this.token = (response.json() as { access_token: string }).access_token;
    return this.token;
  }

  /** A request as the client sends it; `headers` override (null drops a header). */
  async request(
    method: Method,
    url: string,
    body?: unknown,
    headers: Record<string, string | null> = {},
  ): Promise<LightMyRequestResponse & { sentBody: string }> {
    const token = this.token ?? (await this.fetchToken());
    const all: Record<string, string | null> = {
      authorization: `Bearer ${token}`,
      ...this.headerValues(),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...headers,
    };
    const sent = Object.fromEntries(
      Object.entries(all).filter((e): e is [string, string] => e[1] !== null),
    );
    const sentBody = body === undefined ? '' : JSON.stringify(body);
    const response = await this.t.app.inject({
      method,
      url: `/api/exchange/v1${url}`,
      headers: sent,
      ...(body !== undefined ? { payload: sentBody } : {}),
    });
    return Object.assign(response, { sentBody });
  }

  /** The purpose and end-user headers as sent (URI-encoded). */
  headerValues(): { 'x-shequ-purpose': string; 'x-shequ-end-user': string } {
    return {
      'x-shequ-purpose': encodeURIComponent(this.purpose).replace(/%3A/gi, ':'),
      'x-shequ-end-user': encodeURIComponent(this.endUser),
    };
  }

  get(url: string, headers?: Record<string, string | null>) {
    return this.request('GET', url, undefined, headers);
  }
  post(url: string, body: unknown, headers?: Record<string, string | null>) {
    return this.request('POST', url, body, headers);
  }
}
