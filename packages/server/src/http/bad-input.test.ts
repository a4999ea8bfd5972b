import { randomUUID } from 'node:crypto';
import { errorTitles, type DomainErrorCode } from '@shequ/core';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, makeDepartment, makeUser, type MadeUser } from '../test/factories';
import { createTestApp, testEngine, type Agent, type TestApp } from '../test/harness';

type Who = 'anon' | 'sys' | 'sec' | 'info' | 'worker' | 'auditor';
type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One bad request: who sends it, where, and which field the answer must name. */
interface BadCase {
  name: string;
  who: Who;
  method: Method;
  /** `:user` and `:grant` stand for a real account and one of the worker's own grants. */
  url: string;
  body?: unknown;
  status?: number;
  code?: DomainErrorCode;
  path: string;
}

function expectProblem(response: LightMyRequestResponse, status: number, code: DomainErrorCode) {
  expect(response.statusCode, response.body).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = response.json() as { code: string; title: string; status: number; errors?: { path: string; message: string }[] };
  expect(body.code).toBe(code);
  expect(body.status).toBe(status);
  expect(body.title).toBe(errorTitles[code]);
  expect(body.title).toMatch(/[\u4e00-\u9fff]/);
  return body;
}

function expectFieldProblem(response: LightMyRequestResponse, status: number, code: DomainErrorCode, path: string) {
  const body = expectProblem(response, status, code);
  expect(body.errors?.map((e) => e.path), JSON.stringify(body)).toContain(path);
  for (const error of body.errors ?? []) expect(error.message).toMatch(/\S/);
}

const validPolicy = {
  passwordMinLength: 10,
  passwordMinClasses: 3,
  passwordMaxAgeDays: 90,
  lockoutThreshold: 5,
  lockoutMinutes: 15,
  sessionIdleMinutes: 30,
  sessionAbsoluteHours: 12,
  requireSecondFactorForAdmins: true,
};
const newUser = {
  username: 'badinput.ok',
  displayName: '输入校验',
  homeRegionCode: '320102005001',
  password: 'Valid#Pass2026',
  grants: [{ role: 'grid_worker', regionCode: '320102005001' }],
};
const rename = { kind: 'rename', name: '新名', effectiveDate: '2026-01-01', reason: '测试' };
const long = (n: number) => '长'.repeat(n);

const cases: BadCase[] = [
  // login
  { name: 'a login without a password', who: 'anon', method: 'POST', url: '/api/auth/login', body: { username: 'a' }, path: 'password' },
  { name: 'a login with an over-long username', who: 'anon', method: 'POST', url: '/api/auth/login', body: { username: 'a'.repeat(65), password: 'x' }, path: 'username' },
  { name: 'a login with a numeric password', who: 'anon', method: 'POST', url: '/api/auth/login', body: { username: 'abc', password: 12345678 }, path: 'password' },
  { name: 'a login with a blank username', who: 'anon', method: 'POST', url: '/api/auth/login', body: { username: '   ', password: 'x' }, path: 'username' },
  { name: 'a login with an unknown field', who: 'anon', method: 'POST', url: '/api/auth/login', body: { username: 'abc', password: 'x', remember: true }, path: 'remember' },
  { name: 'a second-factor code that is not six digits', who: 'anon', method: 'POST', url: '/api/auth/second-factor', body: { code: '12ab' }, path: 'code' },
  { name: 'a TOTP enrolment code given as a number', who: 'worker', method: 'POST', url: '/api/me/second-factor/enable', body: { code: 123456 }, path: 'code' },
  { name: 'a password change without the current password', who: 'worker', method: 'POST', url: '/api/me/password', body: { currentPassword: '', newPassword: 'New#Pass20260' }, path: 'currentPassword' },
  { name: 'a password change with an over-long password', who: 'worker', method: 'POST', url: '/api/me/password', body: { currentPassword: 'x', newPassword: 'x'.repeat(129) }, path: 'newPassword' },
  // region switcher
  { name: 'a context switch to a grant id that is not a uuid', who: 'worker', method: 'PUT', url: '/api/me/context', body: { grantId: 'g1', regionCode: '320102005001' }, path: 'grantId' },
  { name: 'a context switch to a grant the caller does not hold', who: 'worker', method: 'PUT', url: '/api/me/context', body: { grantId: randomUUID(), regionCode: '320102005001' }, path: 'grantId' },
  { name: 'a context switch to a malformed region code', who: 'worker', method: 'PUT', url: '/api/me/context', body: { grantId: ':grant', regionCode: '3201x' }, path: 'regionCode' },
  { name: 'a context switch to a region that does not exist', who: 'worker', method: 'PUT', url: '/api/me/context', body: { grantId: ':grant', regionCode: '320102005001999' }, path: 'regionCode' },
  // users: create
  { name: 'a user with an upper-case username', who: 'sys', method: 'POST', url: '/api/users', body: { ...newUser, username: 'Bad Name' }, path: 'username' },
  { name: 'a user whose name is over 50 characters', who: 'sys', method: 'POST', url: '/api/users', body: { ...newUser, displayName: long(51) }, path: 'displayName' },
  { name: 'a user with a malformed phone number', who: 'sys', method: 'POST', url: '/api/users', body: { ...newUser, phone: 'call me' }, path: 'phone' },
  { name: 'a user with a malformed home region', who: 'sys', method: 'POST', url: '/api/users', body: { ...newUser, homeRegionCode: '3201ab' }, path: 'homeRegionCode' },
  { name: 'a user whose home region does not exist', who: 'sys', method: 'POST', url: '/api/users', body: { ...newUser, homeRegionCode: '320102099999' }, path: 'homeRegionCode' },
  { name: 'a user without grants', who: 'sys', method: 'POST', url: '/api/users', body: { ...newUser, grants: [] }, path: 'grants' },
  { name: 'a user whose grants are a string', who: 'sys', method: 'POST', url: '/api/users', body: { ...newUser, grants: 'all' }, path: 'grants' },
  { name: 'a grant of a role that does not exist', who: 'sys', method: 'POST', url: '/api/users', body: { ...newUser, grants: [{ role: 'mayor', regionCode: '3201' }] }, path: 'grants.0.role' },
  { name: 'a grant with a malformed region code', who: 'sys', method: 'POST', url: '/api/users', body: { ...newUser, grants: [{ role: 'grid_worker', regionCode: '12345' }] }, path: 'grants.0.regionCode' },
  { name: 'a grant in a region that does not exist', who: 'sys', method: 'POST', url: '/api/users', body: { ...newUser, grants: [{ role: 'grid_worker', regionCode: '320102099' }] }, path: 'grants.0.regionCode' },
  { name: 'a grant with an unknown field', who: 'sys', method: 'POST', url: '/api/users', body: { ...newUser, grants: [{ role: 'grid_worker', regionCode: '3201', level: 9 }] }, path: 'grants.0.level' },
  { name: 'a grant with a department id that is not a uuid', who: 'sys', method: 'POST', url: '/api/users', body: { ...newUser, grants: [{ role: 'department_reviewer', regionCode: '320102', departmentId: 'x' }] }, path: 'grants.0.departmentId' },
  { name: 'a grant naming a department that does not exist', who: 'sys', method: 'POST', url: '/api/users', body: { ...newUser, grants: [{ role: 'department_reviewer', regionCode: '320102', departmentId: randomUUID() }] }, path: 'grants.0.departmentId' },
  { name: 'a user with an unknown top-level field', who: 'sys', method: 'POST', url: '/api/users', body: { ...newUser, isSuperuser: true }, path: 'isSuperuser' },
  // users: patch, grants, reset
  { name: 'a user patch with an unknown status', who: 'sys', method: 'PATCH', url: '/api/users/:user', body: { status: 'gone' }, path: 'status' },
  { name: 'a user patch with a numeric name', who: 'sys', method: 'PATCH', url: '/api/users/:user', body: { displayName: 42 }, path: 'displayName' },
  { name: 'a user patch that tries to rename the account', who: 'sys', method: 'PATCH', url: '/api/users/:user', body: { username: 'other' }, path: 'username' },
  { name: 'a user patch to an id that is not a uuid', who: 'sys', method: 'PATCH', url: '/api/users/123', body: { displayName: '名' }, path: 'id' },
  { name: 'a new grant without a region', who: 'sys', method: 'POST', url: '/api/users/:user/grants', body: { role: 'grid_worker' }, path: 'regionCode' },
  { name: 'a new grant for a user id that is not a uuid', who: 'sys', method: 'POST', url: '/api/users/nobody/grants', body: { role: 'grid_worker', regionCode: '3201' }, path: 'id' },
  { name: 'a grant revocation with a grant id that is not a uuid', who: 'sys', method: 'DELETE', url: '/api/users/:user/grants/first', path: 'grantId' },
  { name: 'a password reset without a password', who: 'sys', method: 'POST', url: '/api/users/:user/reset-password', body: {}, path: 'password' },
  { name: 'a user detail with an id that is not a uuid', who: 'sys', method: 'GET', url: '/api/users/%27%20or%201=1', path: 'id' },
  { name: 'a user list page that is not a number', who: 'sys', method: 'GET', url: '/api/users?page=abc', path: 'page' },
  { name: 'a user list page size over the limit', who: 'sys', method: 'GET', url: '/api/users?pageSize=500', path: 'pageSize' },
  { name: 'a user list filtered by a role that does not exist', who: 'sys', method: 'GET', url: '/api/users?role=king', path: 'role' },
  { name: 'a user list with an unknown query parameter', who: 'sys', method: 'GET', url: '/api/users?orderBy=password_hash', path: 'orderBy' },
  { name: 'a user export with a malformed region filter', who: 'sys', method: 'GET', url: '/api/users/export?regionCode=32x', path: 'regionCode' },
  // regions
  { name: 'a region detail with a malformed code', who: 'worker', method: 'GET', url: '/api/regions/3201020', path: 'code' },
  { name: 'a region search without a query', who: 'worker', method: 'GET', url: '/api/regions?q=', path: 'q' },
  { name: 'a region search with an over-long query', who: 'worker', method: 'GET', url: `/api/regions?q=${encodeURIComponent(long(51))}`, path: 'q' },
  { name: 'a region search with a limit that is not a number', who: 'worker', method: 'GET', url: '/api/regions?q=a&limit=many', path: 'limit' },
  { name: 'a region search with a limit over 100', who: 'worker', method: 'GET', url: '/api/regions?q=a&limit=1000', path: 'limit' },
  { name: 'a region search at a level that does not exist', who: 'worker', method: 'GET', url: '/api/regions?q=a&level=planet', path: 'level' },
  { name: 'a grid without a name', who: 'worker', method: 'POST', url: '/api/regions/320102005001/grids', body: { name: '' }, path: 'name' },
  { name: 'a grid with an impossible date', who: 'worker', method: 'POST', url: '/api/regions/320102005001/grids', body: { name: '网格', validFrom: '2026-13-45' }, path: 'validFrom' },
  { name: 'a grid with an unknown field', who: 'worker', method: 'POST', url: '/api/regions/320102005001/grids', body: { name: '网格', colour: 'red' }, path: 'colour' },
  { name: 'a grid under a street instead of a community', who: 'info', method: 'POST', url: '/api/regions/320102005/grids', body: { name: '网格' }, path: 'code' },
  { name: 'a region change of an unknown kind', who: 'info', method: 'POST', url: '/api/regions/320102005001/changes', body: { ...rename, kind: 'explode' }, path: 'kind' },
  { name: 'a rename without a reason', who: 'info', method: 'POST', url: '/api/regions/320102005001/changes', body: { ...rename, reason: undefined }, path: 'reason' },
  { name: 'a rename with an over-long name', who: 'info', method: 'POST', url: '/api/regions/320102005001/changes', body: { ...rename, name: long(51) }, path: 'name' },
  { name: 'a merge into a region that does not exist', who: 'info', method: 'POST', url: '/api/regions/320102005001/changes', body: { kind: 'merge', targetCode: '320102005999', effectiveDate: '2026-01-01', reason: '测试' }, path: 'targetCode' },
  { name: 'a split into a single part', who: 'info', method: 'POST', url: '/api/regions/320102005001/changes', body: { kind: 'split', into: [{ code: '320102005901', name: '甲' }], effectiveDate: '2026-01-01', reason: '测试' }, path: 'into' },
  { name: 'a split part with a code of another level', who: 'info', method: 'POST', url: '/api/regions/320102005001/changes', body: { kind: 'split', into: [{ code: '320102005901', name: '甲' }, { code: '320102906', name: '乙' }], effectiveDate: '2026-01-01', reason: '测试' }, path: 'into.1.code' },
  // departments
  { name: 'a department with a malformed type code', who: 'info', method: 'POST', url: '/api/departments', body: { typeCode: 'Civil Affairs', regionCode: '320102' }, path: 'typeCode' },
  { name: 'a department of a type that does not exist', who: 'info', method: 'POST', url: '/api/departments', body: { typeCode: 'ministry_of_magic', regionCode: '320102' }, path: 'typeCode' },
  { name: 'a department in a region that does not exist', who: 'info', method: 'POST', url: '/api/departments', body: { typeCode: 'justice', regionCode: '320102099' }, path: 'regionCode' },
  { name: 'a department in a community', who: 'info', method: 'POST', url: '/api/departments', body: { typeCode: 'justice', regionCode: '320102005001' }, path: 'regionCode' },
  { name: 'a department list filtered by a malformed region', who: 'info', method: 'GET', url: '/api/departments?regionCode=abc', path: 'regionCode' },
  // security policy
  { name: 'a policy with a password minimum below 8', who: 'sec', method: 'PUT', url: '/api/security-policy', body: { ...validPolicy, passwordMinLength: 4 }, path: 'passwordMinLength' },
  { name: 'a policy with a lockout threshold given as text', who: 'sec', method: 'PUT', url: '/api/security-policy', body: { ...validPolicy, lockoutThreshold: '5' }, path: 'lockoutThreshold' },
  { name: 'a policy missing a key', who: 'sec', method: 'PUT', url: '/api/security-policy', body: { ...validPolicy, lockoutMinutes: undefined }, path: 'lockoutMinutes' },
  { name: 'a policy with an unknown key', who: 'sec', method: 'PUT', url: '/api/security-policy', body: { ...validPolicy, allowWeakPasswords: true }, path: 'allowWeakPasswords' },
  // audit
  { name: 'an audit query with a start that is not a time', who: 'auditor', method: 'GET', url: '/api/audit?from=yesterday', path: 'from' },
  { name: 'an audit query with an unknown outcome', who: 'auditor', method: 'GET', url: '/api/audit?outcome=maybe', path: 'outcome' },
  { name: 'an audit query for page 0', who: 'auditor', method: 'GET', url: '/api/audit?page=0', path: 'page' },
];

let t: TestApp;
const agents = {} as Record<Who, Agent>;
let target: MadeUser;
let workerGrant: string;

beforeAll(async () => {
  t = await createTestApp();
  await makeDepartment(t.services, 'civil_affairs', '320102');
  agents.anon = t.agent();
  agents.sys = (await loginAs(t, 'system_admin', '3201')).agent;
  agents.sec = (await loginAs(t, 'security_admin', '3201')).agent;
  agents.info = (await loginAs(t, 'informatization_admin', '3201')).agent;
  agents.auditor = (await loginAs(t, 'audit_admin', '3201')).agent;
  const worker = await loginAs(t, 'community_worker', '320102005');
  agents.worker = worker.agent;
  const grants = await t.db.db.selectFrom('role_grant').select('id').where('user_id', '=', worker.user.id).execute();
  workerGrant = grants[0]!.id;
  target = await makeUser(t.services, [{ role: 'grid_worker', regionCode: '320102005001' }]);
});

afterAll(async () => {
  await t?.close();
});

function resolve(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value ?? null).replaceAll('":grant"', JSON.stringify(workerGrant)));
}

describe(`bad input answers 4xx problem+json naming the field (${testEngine})`, () => {
  it.each(cases)('names $path for $name', async (c) => {
    const url = c.url.replace(':user', target.id);
    const body = c.body === undefined ? undefined : resolve(c.body);
    const response = await agents[c.who].request(c.method, url, body);
    expectFieldProblem(response, c.status ?? 400, c.code ?? 'VALIDATION', c.path);
  });

  it('answers malformed JSON with a problem naming the body', async () => {
    const response = await agents.anon.request('POST', '/api/auth/login', '{"username": "a", "password": ', { 'content-type': 'application/json' });
    expectFieldProblem(response, 400, 'VALIDATION', 'body');
  });

  it('answers an empty JSON body with a problem naming the body', async () => {
    const response = await agents.sys.request('POST', '/api/users', '', { 'content-type': 'application/json' });
    expectFieldProblem(response, 400, 'VALIDATION', 'body');
  });

  it('answers a POST without any body with a problem naming the body', async () => {
    expectFieldProblem(await agents.sys.request('POST', '/api/users', ''), 400, 'VALIDATION', 'body');
  });

  it('answers a JSON array or null where an object belongs with a problem naming the body', async () => {
    expectFieldProblem(await agents.sys.request('POST', '/api/users', '[]', { 'content-type': 'application/json' }), 400, 'VALIDATION', 'body');
    expectFieldProblem(await agents.sec.request('PUT', '/api/security-policy', 'null', { 'content-type': 'application/json' }), 400, 'VALIDATION', 'body');
  });

  it('refuses plain text where JSON belongs', async () => {
    const response = await agents.sys.request('POST', '/api/users', 'username=x', { 'content-type': 'text/plain' });
    expectFieldProblem(response, 400, 'VALIDATION', 'body');
  });

  it('refuses a content type it does not parse with 415', async () => {
    const response = await agents.sys.request('POST', '/api/users', '<user/>', { 'content-type': 'application/xml' });
    expectProblem(response, 415, 'VALIDATION');
  });

  it('refuses a body over 1 MiB with 413', async () => {
    const response = await agents.sys.request('POST', '/api/users', JSON.stringify({ ...newUser, displayName: 'x'.repeat(1024 * 1024 + 1) }), {
      'content-type': 'application/json',
    });
    expectProblem(response, 413, 'PAYLOAD_TOO_LARGE');
  });

  it('answers an unknown API path with a 404 problem', async () => {
    expectProblem(await agents.sys.get('/api/no-such-thing'), 404, 'NOT_FOUND');
  });
});

describe(`a refused request writes nothing (${testEngine})`, () => {
  const count = async (table: 'app_user' | 'role_grant' | 'region' | 'audit_event') =>
    Number((await t.db.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  it('leaves no account, grant or success entry behind when the second grant is bad', async () => {
    const before = { users: await count('app_user'), grants: await count('role_grant') };
    const response = await agents.sys.post('/api/users', {
      ...newUser,
      username: 'halfwritten',
      grants: [{ role: 'grid_worker', regionCode: '320102005001' }, { role: 'street_staff', regionCode: '320102099' }],
    });
    expectFieldProblem(response, 400, 'VALIDATION', 'grants.1.regionCode');
    expect(await count('app_user')).toBe(before.users);
    expect(await count('role_grant')).toBe(before.grants);
    expect(await t.db.db.selectFrom('app_user').select('id').where('username', '=', 'halfwritten').execute()).toEqual([]);
    const entries = await t.db.db
      .selectFrom('audit_event')
      .select('seq')
      .where('action', '=', 'user.create')
      .where(sql<boolean>`detail->>'username' = 'halfwritten'`)
      .execute();
    expect(entries).toEqual([]);
  });

  it('creates neither part of a split whose second code is taken, and keeps the source open', async () => {
    const before = await count('region');
    const response = await agents.info.post('/api/regions/320102005003/changes', {
      kind: 'split',
      into: [{ code: '320102005901', name: '新甲社区' }, { code: '320102005004', name: '已占用' }],
      effectiveDate: '2026-01-01',
      reason: '测试',
    });
    expectFieldProblem(response, 409, 'CONFLICT', 'into.1.code');
    expect(await count('region')).toBe(before);
    const source = await t.db.db.selectFrom('region').select(['valid_to', 'name']).where('code', '=', '320102005003').executeTakeFirstOrThrow();
    expect(source.valid_to).toBeNull();
    expect(await t.db.db.selectFrom('region_change').select('id').where('region_code', '=', '320102005003').execute()).toEqual([]);
  });

  it('keeps the security policy as it was after a refused change', async () => {
    const before = await t.services.securityPolicy.get();
    const response = await agents.sec.put('/api/security-policy', { ...before, passwordMinLength: 200, lockoutThreshold: 1 });
    expectFieldProblem(response, 400, 'VALIDATION', 'passwordMinLength');
    expect(response.json().errors.map((e: { path: string }) => e.path)).toContain('lockoutThreshold');
    expect(await t.services.securityPolicy.get()).toEqual(before);
  });
});

describe(`an internal failure (${testEngine})`, () => {
  let broken: TestApp;
  beforeAll(async () => {
    broken = await createTestApp({ regionPrefixes: ['320102005'] });
  });
  afterAll(async () => {
    await broken?.close();
  });

  it('answers 500 problem+json that does not leak the database error', async () => {
    const agent = broken.agent();
    await agent.refreshSession();
    await broken.db.asOwner((db) => sql`ALTER TABLE security_setting RENAME TO security_setting_gone`.execute(db));
    try {
      const response = await agent.post('/api/auth/login', { username: 'anyone', password: 'whatever' });
      const body = expectProblem(response, 500, 'INTERNAL') as Record<string, unknown>;
      expect(Object.keys(body).sort()).toEqual(['code', 'requestId', 'status', 'title', 'type']);
      expect(response.body).not.toMatch(/security_setting|relation|does not exist|stack|kysely|pglite|postgres|at /i);
    } finally {
      await broken.db.asOwner((db) => sql`ALTER TABLE security_setting_gone RENAME TO security_setting`.execute(db));
    }
  });
});
