import { randomUUID } from 'node:crypto';
import { defaultSecurityPolicy, errorTitles, type DomainErrorCode } from '@shequ/core';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, makeDepartment, makeUser, type MadeUser } from '../test/factories';
import { createTestApp, testEngine, type Agent, type TestApp } from '../test/harness';

type Who = 'anon' | 'sys' | 'sec' | 'info' | 'worker' | 'auditor';
type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** [what is wrong, the field the answer must name, body overrides or query string]. */
type Bad = [name: string, path: string, payload?: unknown];

/**
 * Bad requests to one endpoint. `:user` in the URL stands for a real account; a body payload is
 * merged over `base` (an undefined value drops the key); a GET payload is the query string.
 */
interface Endpoint {
  who: Who;
  method: Method;
  url: string;
  base?: Record<string, unknown>;
  cases: Bad[];
}

const newUser = {
  username: 'badinput.ok',
  displayName: '输入校验',
  homeRegionCode: '320102005001',
  password: 'Valid#Pass2026',
  grants: [{ role: 'grid_worker', regionCode: '320102005001' }],
};
const grant = (fields: Record<string, unknown>) => ({
  grants: [{ role: 'grid_worker', ...fields }],
});
const reviewer = (departmentId: string) =>
  grant({ role: 'department_reviewer', regionCode: '320102', departmentId });
const rename = { kind: 'rename', name: '新名', effectiveDate: '2024-06-01', reason: '测试' };
const split = (...into: [string, string][]) => ({
  kind: 'split',
  into: into.map(([code, name]) => ({ code, name })),
  name: undefined,
});
const merge = (targetCode: string) => ({ kind: 'merge', name: undefined, targetCode });
const long = (n: number) => '长'.repeat(n);

const endpoints: Endpoint[] = [
  {
    who: 'anon',
    method: 'POST',
    url: '/api/auth/login',
    base: { username: 'someone', password: 'x' },
    cases: [
      ['a login without a password', 'password', { password: undefined }],
      ['a login with an over-long username', 'username', { username: 'a'.repeat(65) }],
      ['a login with a numeric password', 'password', { password: 12345678 }],
      ['a login with a blank username', 'username', { username: '   ' }],
      ['a login with an unknown field', 'remember', { remember: true }],
    ],
  },
  {
    who: 'anon',
    method: 'POST',
    url: '/api/auth/second-factor',
    cases: [['a second-factor code that is not six digits', 'code', { code: '12ab' }]],
  },
  {
    who: 'worker',
    method: 'POST',
    url: '/api/me/second-factor/enable',
    cases: [['a TOTP enrolment code given as a number', 'code', { code: 123456 }]],
  },
  {
    who: 'worker',
    method: 'POST',
    url: '/api/me/password',
    base: { currentPassword: 'x', newPassword: 'New#Pass20260' },
    cases: [
      ['a password change without the old one', 'currentPassword', { currentPassword: '' }],
      ['an over-long new password', 'newPassword', { newPassword: 'x'.repeat(129) }],
    ],
  },
  {
    who: 'worker',
    method: 'PUT',
    url: '/api/me/context',
    base: { grantId: ':grant', regionCode: '320102005001' },
    cases: [
      ['a context switch to a grant id that is not a uuid', 'grantId', { grantId: 'g1' }],
      ['a switch to a grant not held', 'grantId', { grantId: randomUUID() }],
      ['a context switch to a malformed region code', 'regionCode', { regionCode: '3201x' }],
      ['a switch to a missing region', 'regionCode', { regionCode: '320102005001999' }],
    ],
  },
  {
    who: 'sys',
    method: 'POST',
    url: '/api/users',
    base: newUser,
    cases: [
      ['a user with an upper-case username', 'username', { username: 'Bad Name' }],
      ['a user whose name is over 50 characters', 'displayName', { displayName: long(51) }],
      ['a user with a malformed phone number', 'phone', { phone: 'call me' }],
      ['a user with a malformed home region', 'homeRegionCode', { homeRegionCode: '3201ab' }],
      ['a missing home region', 'homeRegionCode', { homeRegionCode: '320102099999' }],
      ['a user without grants', 'grants', { grants: [] }],
      ['a user whose grants are a string', 'grants', { grants: 'all' }],
      ['a grant of an unknown role', 'grants.0.role', grant({ role: 'mayor', regionCode: '3201' })],
      ['a malformed grant region', 'grants.0.regionCode', grant({ regionCode: '12345' })],
      ['a grant in a missing region', 'grants.0.regionCode', grant({ regionCode: '320102099' })],
      ['a grant with an unknown field', 'grants.0.level', grant({ regionCode: '3201', level: 9 })],
      ['a grant with a department id that is not a uuid', 'grants.0.departmentId', reviewer('x')],
      ['a missing department', 'grants.0.departmentId', reviewer(randomUUID())],
      ['a user with an unknown top-level field', 'isSuperuser', { isSuperuser: true }],
    ],
  },
  {
    who: 'sys',
    method: 'PATCH',
    url: '/api/users/:user',
    cases: [
      ['a user patch with an unknown status', 'status', { status: 'gone' }],
      ['a user patch with a numeric name', 'displayName', { displayName: 42 }],
      ['a user patch that tries to rename the account', 'username', { username: 'other' }],
    ],
  },
  {
    who: 'sys',
    method: 'PATCH',
    url: '/api/users/123',
    cases: [['a user patch to an id that is not a uuid', 'id', { displayName: '名' }]],
  },
  {
    who: 'sys',
    method: 'POST',
    url: '/api/users/:user/grants',
    cases: [['a new grant without a region', 'regionCode', { role: 'grid_worker' }]],
  },
  {
    who: 'sys',
    method: 'POST',
    url: '/api/users/nobody/grants',
    cases: [['a grant to a non-uuid user', 'id', { role: 'grid_worker', regionCode: '3201' }]],
  },
  {
    who: 'sys',
    method: 'DELETE',
    url: '/api/users/:user/grants/first',
    cases: [['a grant revocation with a grant id that is not a uuid', 'grantId']],
  },
  {
    who: 'sys',
    method: 'POST',
    url: '/api/users/:user/reset-password',
    cases: [['a password reset without a password', 'password', {}]],
  },
  {
    who: 'sys',
    method: 'GET',
    url: '/api/users',
    cases: [
      ['a user detail with an id that is not a uuid', 'id', "/'%20or%201=1"],
      ['a user list page that is not a number', 'page', '?page=abc'],
      ['a user list page size over the limit', 'pageSize', '?pageSize=500'],
      ['a user list filtered by a role that does not exist', 'role', '?role=king'],
      ['a user list with an unknown query parameter', 'orderBy', '?orderBy=password_hash'],
      ['a user export with a malformed region filter', 'regionCode', '/export?regionCode=32x'],
    ],
  },
  {
    who: 'worker',
    method: 'GET',
    url: '/api/regions',
    cases: [
      ['a region detail with a malformed code', 'code', '/3201020'],
      ['a region search without a query', 'q', '?q='],
      ['a region search with an over-long query', 'q', `?q=${encodeURIComponent(long(51))}`],
      ['a region search with a limit that is not a number', 'limit', '?q=a&limit=many'],
      ['a region search with a limit over 100', 'limit', '?q=a&limit=1000'],
      ['a region search at a level that does not exist', 'level', '?q=a&level=planet'],
    ],
  },
  {
    who: 'worker',
    method: 'POST',
    url: '/api/regions/320102005001/grids',
    base: { name: '网格' },
    cases: [
      ['a grid without a name', 'name', { name: '' }],
      ['a grid with an impossible date', 'validFrom', { validFrom: '2026-13-45' }],
      ['a grid that starts in the future', 'validFrom', { validFrom: '2999-01-01' }],
      ['a grid with an unknown field', 'colour', { colour: 'red' }],
    ],
  },
  {
    who: 'info',
    method: 'POST',
    url: '/api/regions/320102005/grids',
    cases: [['a grid under a street instead of a community', 'code', { name: '网格' }]],
  },
  {
    who: 'info',
    method: 'POST',
    url: '/api/regions/320102005001/changes',
    base: rename,
    cases: [
      ['a region change of an unknown kind', 'kind', { kind: 'explode' }],
      ['a rename without a reason', 'reason', { reason: undefined }],
      ['a rename with an over-long name', 'name', { name: long(51) }],
      ['a future rename', 'effectiveDate', { effectiveDate: '2999-01-01' }],
      ['a merge into a missing region', 'targetCode', merge('320102005999')],
      ['a split into a single part', 'into', split(['320102005901', '甲'])],
      [
        'a split part of another level',
        'into.1.code',
        split(['320102005901', '甲'], ['320102906', '乙']),
      ],
    ],
  },
  {
    who: 'info',
    method: 'POST',
    url: '/api/departments',
    base: { typeCode: 'justice', regionCode: '320102' },
    cases: [
      ['a department with a malformed type code', 'typeCode', { typeCode: 'Civil Affairs' }],
      ['a department of a type that does not exist', 'typeCode', { typeCode: 'ministry_of_magic' }],
      ['a department in a region that does not exist', 'regionCode', { regionCode: '320102099' }],
      ['a department in a community', 'regionCode', { regionCode: '320102005001' }],
    ],
  },
  {
    who: 'info',
    method: 'GET',
    url: '/api/departments',
    cases: [['a department list filtered by a malformed region', 'regionCode', '?regionCode=abc']],
  },
  {
    who: 'sec',
    method: 'PUT',
    url: '/api/security-policy',
    base: defaultSecurityPolicy,
    cases: [
      ['a policy with a password minimum below 8', 'passwordMinLength', { passwordMinLength: 4 }],
      ['a lockout threshold as text', 'lockoutThreshold', { lockoutThreshold: '5' }],
      ['a policy missing a key', 'lockoutMinutes', { lockoutMinutes: undefined }],
      ['a policy with an unknown key', 'allowWeakPasswords', { allowWeakPasswords: true }],
    ],
  },
  {
    who: 'auditor',
    method: 'GET',
    url: '/api/audit',
    cases: [
      ['an audit query with a start that is not a time', 'from', '?from=yesterday'],
      ['an audit query with an unknown outcome', 'outcome', '?outcome=maybe'],
      ['an audit query for page 0', 'page', '?page=0'],
    ],
  },
];

const cases = endpoints.flatMap(({ cases: bad, ...endpoint }) =>
  bad.map(([name, path, payload]) => ({ ...endpoint, name, path, payload })),
);

function expectProblem(response: LightMyRequestResponse, status: number, code: DomainErrorCode) {
  expect(response.statusCode, response.body).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  type Body = {
    code: string;
    title: string;
    status: number;
    errors?: { path: string; message: string }[];
  };
  const body = response.json() as Body;
  expect(body).toMatchObject({ code, status, title: errorTitles[code] });
  expect(body.title).toMatch(/[\u4e00-\u9fff]/);
  return body;
}

function expectFieldProblem(
  response: LightMyRequestResponse,
  status: number,
  code: DomainErrorCode,
  path: string,
) {
  const body = expectProblem(response, status, code);
  expect(
    body.errors?.map((e) => e.path),
    JSON.stringify(body),
  ).toContain(path);
  for (const error of body.errors ?? []) expect(error.message).toMatch(/\S/);
}

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
  const grants = t.db.db
    .selectFrom('role_grant')
    .select('id')
    .where('user_id', '=', worker.user.id);
  workerGrant = (await grants.executeTakeFirstOrThrow()).id;
  target = await makeUser(t.services, [{ role: 'grid_worker', regionCode: '320102005001' }]);
});

afterAll(async () => {
  await t?.close();
});

describe(`bad input answers 4xx problem+json naming the field (${testEngine})`, () => {
  it.each(cases)('names $path for $name', async (c) => {
    const url = c.url.replace(':user', target.id) + (c.method === 'GET' ? String(c.payload) : '');
    const merged =
      c.method === 'GET' || c.payload === undefined
        ? undefined
        : { ...c.base, ...(c.payload as object) };
    const body =
      merged && JSON.parse(JSON.stringify(merged).replaceAll('":grant"', `"${workerGrant}"`));
    const response = await agents[c.who].request(c.method, url, body);
    expectFieldProblem(response, 400, 'VALIDATION', c.path);
  });

  const raw = (who: Who, method: Method, url: string, body: string, type?: string) =>
    agents[who].request(method, url, body, type ? { 'content-type': type } : {});

  it('answers malformed JSON with a problem naming the body', async () => {
    const response = await raw(
      'anon',
      'POST',
      '/api/auth/login',
      '{"username": "a", "password": ',
      'application/json',
    );
    expectFieldProblem(response, 400, 'VALIDATION', 'body');
  });

  it('answers an empty JSON body with a problem naming the body', async () => {
    expectFieldProblem(
      await raw('sys', 'POST', '/api/users', '', 'application/json'),
      400,
      'VALIDATION',
      'body',
    );
  });

  it('answers a POST without any body with a problem naming the body', async () => {
    expectFieldProblem(await raw('sys', 'POST', '/api/users', ''), 400, 'VALIDATION', 'body');
  });

  it('answers a JSON array or null where an object belongs with a problem naming the body', async () => {
    expectFieldProblem(
      await raw('sys', 'POST', '/api/users', '[]', 'application/json'),
      400,
      'VALIDATION',
      'body',
    );
    const nullPolicy = await raw('sec', 'PUT', '/api/security-policy', 'null', 'application/json');
    expectFieldProblem(nullPolicy, 400, 'VALIDATION', 'body');
  });

  it('refuses plain text where JSON belongs', async () => {
    expectFieldProblem(
      await raw('sys', 'POST', '/api/users', 'username=x', 'text/plain'),
      400,
      'VALIDATION',
      'body',
    );
  });

  it('refuses a content type it does not parse with 415', async () => {
    expectProblem(
      await raw('sys', 'POST', '/api/users', '<user/>', 'application/xml'),
      415,
      'VALIDATION',
    );
  });

  it('refuses a body over 1 MiB with 413', async () => {
    const huge = JSON.stringify({ ...newUser, displayName: 'x'.repeat(1024 * 1024 + 1) });
    expectProblem(
      await raw('sys', 'POST', '/api/users', huge, 'application/json'),
      413,
      'PAYLOAD_TOO_LARGE',
    );
  });

  it('answers an unknown API path with a 404 problem', async () => {
    expectProblem(await agents.sys.get('/api/no-such-thing'), 404, 'NOT_FOUND');
  });
});

describe(`a refused request writes nothing (${testEngine})`, () => {
  const count = async (table: 'app_user' | 'role_grant' | 'region') => {
    const query = t.db.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n'));
    return Number((await query.executeTakeFirstOrThrow()).n);
  };

  it('leaves no account, grant or success entry behind when the second grant is bad', async () => {
    const before = { users: await count('app_user'), grants: await count('role_grant') };
    const response = await agents.sys.post('/api/users', {
      ...newUser,
      username: 'halfwritten',
      grants: [
        { role: 'grid_worker', regionCode: '320102005001' },
        { role: 'street_staff', regionCode: '320102099' },
      ],
    });
    expectFieldProblem(response, 400, 'VALIDATION', 'grants.1.regionCode');
    expect({ users: await count('app_user'), grants: await count('role_grant') }).toEqual(before);
    const user = t.db.db.selectFrom('app_user').select('id').where('username', '=', 'halfwritten');
    expect(await user.execute()).toEqual([]);
    const entries = t.db.db
      .selectFrom('audit_event')
      .select('seq')
      .where('action', '=', 'user.create')
      .where(sql<boolean>`detail->>'username' = 'halfwritten'`);
    expect(await entries.execute()).toEqual([]);
  });

  it('creates neither part of a split whose second code is taken, and keeps the source open', async () => {
    const before = await count('region');
    const response = await agents.info.post('/api/regions/320102005003/changes', {
      kind: 'split',
      into: [
        { code: '320102005901', name: '新甲社区' },
        { code: '320102005004', name: '已占用' },
      ],
      effectiveDate: '2024-06-01',
      reason: '测试',
    });
    expectFieldProblem(response, 409, 'CONFLICT', 'into.1.code');
    expect(await count('region')).toBe(before);
    const source = t.db.db
      .selectFrom('region')
      .select('valid_to')
      .where('code', '=', '320102005003');
    expect(await source.executeTakeFirstOrThrow()).toEqual({ valid_to: null });
    const changes = t.db.db
      .selectFrom('region_change')
      .select('id')
      .where('region_code', '=', '320102005003');
    expect(await changes.execute()).toEqual([]);
  });

  it('keeps the security policy as it was after a refused change', async () => {
    const before = await t.services.securityPolicy.get();
    const response = await agents.sec.put('/api/security-policy', {
      ...before,
      passwordMinLength: 200,
      lockoutThreshold: 1,
    });
    expectFieldProblem(response, 400, 'VALIDATION', 'passwordMinLength');
    expectFieldProblem(response, 400, 'VALIDATION', 'lockoutThreshold');
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
    const rename = (from: string, to: string) =>
      broken.db.asOwner((db) =>
        sql`ALTER TABLE ${sql.id(from)} RENAME TO ${sql.id(to)}`.execute(db),
      );
    await rename('security_setting', 'security_setting_gone');
    try {
      const response = await agent.post('/api/auth/login', {
        username: 'anyone',
        password: 'whatever',
      });
      const body = expectProblem(response, 500, 'INTERNAL');
      expect(Object.keys(body).sort()).toEqual(['code', 'requestId', 'status', 'title', 'type']);
      expect(response.body).not.toMatch(
        /security_setting|relation|does not exist|stack|kysely|pglite|postgres|at /i,
      );
    } finally {
      await rename('security_setting_gone', 'security_setting');
    }
  });
});
