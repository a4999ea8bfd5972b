import {
  defaultSecurityPolicy,
  rolePermissions,
  type Permission,
  type Role,
  type SeparatedAdminRole,
} from '@shequ/core';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, makeDepartment, makeUser, type MadeUser } from './test/factories';
import { createTestApp, testEngine, type Agent, type TestApp } from './test/harness';

/**
 * The authorization matrix. Every staff role is granted at 玄武门街道 (320102005). Inside: the street
 * and its communities, e.g. 百子亭社区 (320102005001). Outside: the sibling street 梅园新村街道
 * (320102002) in the same county, and 秦淮区 (320104) with 秦虹街道 (320104001) and its 中牌楼社区.
 */
const GRANT = '320102005';
const INSIDE = '320102005001';
const SIBLING_STREET = '320102002';
const SIBLING = '320102002001';
const OTHER_COUNTY = '320104';
const OUTSIDE_STREET = '320104001';
const OUTSIDE = '320104001001';

type StaffRole = Exclude<Role, 'resident'>;
type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * What each role may do, written out by hand. The first test checks core's rolePermissions against
 * it, so a change to the permission table fails here until this table (the reviewed intent) agrees.
 */
const personWork: Permission[] = [
  'person:read',
  'person:write',
  'person:unmask',
  'person:import',
  'person:export',
  'person:merge',
];
const staffRead: Permission[] = ['region:read', 'department:read', 'catalog:read', 'matter:read'];
const expectedPermissions: Record<StaffRole, Permission[]> = {
  community_worker: [
    ...staffRead,
    'grid:manage',
    ...personWork,
    'application:intake',
    'application:work',
  ],
  grid_worker: [...staffRead, 'person:read', 'person:write', 'application:intake'],
  street_staff: [
    ...staffRead,
    'grid:manage',
    ...personWork,
    'application:intake',
    'application:work',
    'application:supervise',
  ],
  department_reviewer: [
    ...staffRead,
    'person:read',
    'person:unmask',
    'verification:work',
    'comparison:submit',
    'application:work',
    'application:supervise',
  ],
  informatization_admin: [
    ...staffRead,
    'region:manage',
    'grid:manage',
    'department:manage',
    'catalog:manage',
    'exchange:manage',
    'exchange:log',
    'matter:manage',
    'application:supervise',
  ],
  hotline_agent: [...staffRead, 'person:read'],
  service_provider: ['region:read'],
  system_admin: [...staffRead, 'user:read', 'user:manage'],
  security_admin: [...staffRead, 'security_policy:read', 'security_policy:manage'],
  audit_admin: [...staffRead, 'audit:read', 'exchange:log'],
};
const staffRoles = Object.keys(expectedPermissions) as StaffRole[];

/** Whether the role holds the permission, from core's table (so the matrix cannot drift from it). */
const can = (role: StaffRole, permission: Permission) => rolePermissions[role].includes(permission);

/** Each matrix row's name when the role holds the permission, and when it does not. */
const verdicts: Partial<Record<Permission, [string, string]>> = {
  'grid:manage': [
    'creates a grid in 百子亭社区 and is refused one outside its subtree',
    'is refused grid creation inside and outside its subtree',
  ],
  'region:manage': [
    'records a region change inside its subtree and is refused one outside',
    'is refused region changes',
  ],
  'department:read': [
    'lists departments of its subtree and the levels above, none beside',
    'is refused the department list',
  ],
  'department:manage': [
    'creates a department inside its subtree and is refused one outside',
    'is refused department creation',
  ],
  'user:read': [
    'reads only accounts homed in its subtree (list, detail, export)',
    'is refused accounts (list, detail, export)',
  ],
  'user:manage': [
    'creates and changes accounts inside its subtree and is refused outside it',
    'is refused account creation and changes',
  ],
  'audit:read': ['reads only audit entries placed in its subtree', 'is refused the audit trail'],
  'person:read': [
    'finds and reads people of its subtree only (search, detail, history)',
    'is refused the community database',
  ],
  'person:write': [
    'edits a person of its subtree and cannot reach one outside',
    'is refused editing people',
  ],
  'person:unmask': [
    'unmasks a person of its subtree for a stated purpose',
    'is refused unmasking (values stay masked)',
  ],
  'person:export': ['exports only people of its subtree', 'is refused the people export'],
  'person:import': ['lists the imports of its subtree', 'is refused imports'],
  'person:merge': ['reviews duplicates of its subtree', 'is refused duplicate review'],
  'catalog:read': ['reads its city’s data element catalog', 'is refused the catalog'],
  'catalog:manage': [
    'is refused changing the city’s catalog from below the city',
    'is refused catalog changes',
  ],
  'verification:work': [
    'works the verification queue of its department',
    'is refused the verification queue',
  ],
  'comparison:submit': ['lists its department’s comparisons', 'is refused comparisons'],
  'matter:read': ['reads its city’s service matter catalog', 'is refused the matter catalog'],
  'application:work': ['opens its work queue of applications', 'is refused the work queue'],
  'application:intake': [
    'prefills an application for a person of its subtree and cannot reach one outside',
    'is refused window intake',
  ],
  'security_policy:manage': [
    'reads and changes the security policy',
    'is refused reading and changing the security policy',
  ],
};
const named = (role: StaffRole, permission: Permission) =>
  verdicts[permission]![can(role, permission) ? 0 : 1];

function problem(response: LightMyRequestResponse, status: number, code: string) {
  expect(response.statusCode, response.body).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = response.json() as { status: number; code: string; errors?: { path: string }[] };
  expect(body).toMatchObject({ status, code });
  return body;
}
const forbidden = (response: LightMyRequestResponse) => problem(response, 403, 'FORBIDDEN');
const outOfScope = (response: LightMyRequestResponse) => problem(response, 403, 'OUT_OF_SCOPE');
const notFound = (response: LightMyRequestResponse) => problem(response, 404, 'NOT_FOUND');
const pathsOf = (response: LightMyRequestResponse) =>
  (response.json() as { errors?: { path: string }[] }).errors?.map((e) => e.path);

async function getJson<T>(agent: Agent, url: string): Promise<T> {
  const response = await agent.get(url);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as T;
}

async function sheetRows(response: LightMyRequestResponse): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
  const rows: string[][] = [];
  workbook.worksheets[0]!.eachRow((row) => {
    // row.values is sparse (1-based, holes for empty cells): Array.from fills the holes
    rows.push(Array.from(row.values as unknown[], (v) => (v == null ? '' : String(v))).slice(1));
  });
  return rows;
}

type Coded = { items: { code: string }[] };
type Children = { children: { code: string }[] };
const codes = (items: { code: string }[]) => items.map((r) => r.code);
const q = (text: string, extra = '') => `/api/regions?q=${encodeURIComponent(text)}${extra}`;

let t: TestApp;
let reviewerDepartment: string;
let personInside: string;
let personOutside: string;
let insider: MadeUser;
let sibling: MadeUser;
let outsider: MadeUser;
const visibleDepartments: string[] = [];
const hiddenDepartments: string[] = [];
const usernamesIn = async (names: string[]) =>
  t.db.db.selectFrom('app_user').select('username').where('username', 'in', names).execute();

beforeAll(async () => {
  t = await createTestApp();
  const department = (type: string, code: string) => makeDepartment(t.services, type, code);
  reviewerDepartment = await department('civil_affairs', '320102');
  visibleDepartments.push(
    await department('civil_affairs', '3201'),
    reviewerDepartment,
    await department('health', GRANT),
  );
  hiddenDepartments.push(
    await department('health', SIBLING_STREET),
    await department('civil_affairs', OTHER_COUNTY),
    await department('health', OUTSIDE_STREET),
  );
  const worker = (code: string) =>
    makeUser(t.services, [{ role: 'community_worker', regionCode: code }]);
  [insider, sibling, outsider] = [
    await worker(INSIDE),
    await worker(SIBLING),
    await worker(OUTSIDE),
  ];
  const register = async (code: string, name: string, idNumber: string) => {
    const { agent } = await loginAs(t, 'community_worker', code);
    const response = await agent.post('/api/people', { name, idNumber, regionCode: code });
    expect(response.statusCode, response.body).toBe(201);
    return (response.json() as { id: string }).id;
  };
  personInside = await register(INSIDE, '矩阵内', '320102198001010016');
  personOutside = await register(OUTSIDE, '矩阵外', '320104199001010013');
  // each login leaves an audit entry placed at the account's home region
  for (const user of [insider, sibling, outsider])
    await t.agent().login(user.username, user.password);
  // a failed login naming no account has no place: only province-wide auditors may see it
  await t
    .agent()
    .post('/api/auth/login', { username: 'nobody.matrix', password: 'Wrong#Pass2026' });
});

afterAll(async () => {
  await t?.close();
});

describe(`authorization matrix (${testEngine})`, () => {
  it('core’s permission table is exactly the reviewed matrix', () => {
    for (const role of staffRoles) {
      expect([...rolePermissions[role]].sort(), role).toEqual(
        [...expectedPermissions[role]].sort(),
      );
    }
  });

  describe.each(staffRoles)('%s granted at 玄武门街道', (role) => {
    let agent: Agent;
    beforeAll(async () => {
      const department = role === 'department_reviewer' ? reviewerDepartment : null;
      ({ agent } = await loginAs(t, role, GRANT, department));
    });

    it('is told exactly its permissions by /api/me', async () => {
      const me = await getJson<{ permissions: string[] }>(agent, '/api/me');
      expect(me.permissions.sort()).toEqual([...expectedPermissions[role]].sort());
    });

    it('reads a community inside its subtree with its ancestors', async () => {
      type Detail = { region: { name: string }; ancestors: { code: string }[] };
      const detail = await getJson<Detail>(agent, `/api/regions/${INSIDE}`);
      expect(detail.region.name).toBe('百子亭社区');
      expect(codes(detail.ancestors)).toEqual(['32', '3201', '320102', GRANT]);
    });

    it.each([SIBLING_STREET, SIBLING, OTHER_COUNTY, OUTSIDE_STREET, OUTSIDE])(
      'gets 404 for region %s outside its subtree (detail, change history and export)',
      async (code) => {
        notFound(await agent.get(`/api/regions/${code}`));
        notFound(await agent.get(`/api/regions/${code}/changes`));
        notFound(await agent.get(`/api/regions/${code}/export`));
      },
    );

    it('sees only the path down to its street among the children of its ancestors', async () => {
      expect(codes((await getJson<Children>(agent, '/api/regions/3201')).children)).toEqual([
        '320102',
      ]);
      expect(codes((await getJson<Children>(agent, '/api/regions/320102')).children)).toEqual([
        GRANT,
      ]);
      const street = await getJson<Children>(agent, `/api/regions/${GRANT}`);
      expect(street.children.length).toBeGreaterThanOrEqual(6);
      expect(codes(street.children).filter((c) => !c.startsWith(GRANT))).toEqual([]);
    });

    it('refuses to export an ancestor’s whole subtree', async () => {
      notFound(await agent.get('/api/regions/320102/export'));
    });

    it('finds regions by name only inside its subtree', async () => {
      expect(codes((await getJson<Coded>(agent, q('百子亭'))).items)).toEqual([INSIDE]);
      expect((await getJson<Coded>(agent, q('中牌楼'))).items).toEqual([]);
      const broad = codes((await getJson<Coded>(agent, q('社区', '&limit=100'))).items);
      expect(broad.length).toBeGreaterThan(0);
      expect(broad.filter((c) => !c.startsWith(GRANT))).toEqual([]);
    });

    it('exports its own subtree and nothing beyond it', async () => {
      const response = await agent.get(`/api/regions/${GRANT}/export`);
      expect(response.statusCode).toBe(200);
      const [header, ...rows] = await sheetRows(response);
      expect(header![0]).toBe('区划代码');
      expect(rows.map((r) => r[0])).toContain(INSIDE);
      expect(rows.filter((r) => !r[0]!.startsWith(GRANT))).toEqual([]);
    });

    it(named(role, 'person:read'), async () => {
      const list = await agent.get('/api/people?pageSize=200');
      const detail = await agent.get(`/api/people/${personInside}`);
      if (can(role, 'person:read')) {
        const names = (list.json() as { items: { name: string }[] }).items.map((p) => p.name);
        expect(names).toContain('矩阵内');
        expect(names).not.toContain('矩阵外');
        expect(detail.statusCode).toBe(200);
        expect((detail.json() as { idNumberMasked: string }).idNumberMasked).toBe(
          '320102********0016',
        );
        notFound(await agent.get(`/api/people/${personOutside}`));
        notFound(await agent.get(`/api/people/${personOutside}/history`));
      } else {
        [list, detail].forEach(forbidden);
      }
    });

    it(named(role, 'person:write'), async () => {
      const version = can(role, 'person:read')
        ? (await getJson<{ version: number }>(agent, `/api/people/${personInside}`)).version
        : 1;
      const inside = await agent.patch(`/api/people/${personInside}`, {
        occupation: `${role}改`,
        version,
      });
      const outside = await agent.patch(`/api/people/${personOutside}`, {
        occupation: 'x',
        version: 1,
      });
      if (can(role, 'person:write')) {
        expect(inside.statusCode, inside.body).toBe(200);
        notFound(outside);
      } else if (can(role, 'person:read')) {
        forbidden(inside);
        notFound(outside);
      } else {
        [inside, outside].forEach(forbidden);
      }
    });

    it(named(role, 'person:unmask'), async () => {
      const response = await agent.post(`/api/people/${personInside}/unmask`, {
        purpose: '矩阵核对',
        fields: ['idNumber'],
      });
      if (can(role, 'person:unmask')) {
        expect(response.json()).toEqual({ idNumber: '320102198001010016' });
        notFound(
          await agent.post(`/api/people/${personOutside}/unmask`, {
            purpose: '矩阵核对',
            fields: ['idNumber'],
          }),
        );
      } else {
        forbidden(response);
      }
    });

    it(named(role, 'person:export'), async () => {
      const response = await agent.get('/api/people/export');
      if (can(role, 'person:export')) {
        const [header, ...rows] = await sheetRows(response);
        expect(header![0]).toBe('姓名');
        expect(rows.map((r) => r[0])).toContain('矩阵内');
        expect(rows.map((r) => r[0])).not.toContain('矩阵外');
        expect(rows.flat()).not.toContain('320102198001010016');
      } else {
        forbidden(response);
      }
    });

    it(named(role, 'person:import'), async () => {
      const response = await agent.get('/api/imports');
      if (can(role, 'person:import')) expect(response.statusCode).toBe(200);
      else forbidden(response);
    });

    it(named(role, 'person:merge'), async () => {
      const response = await agent.get('/api/people/duplicates');
      if (can(role, 'person:merge')) expect(response.statusCode).toBe(200);
      else forbidden(response);
    });

    it(named(role, 'catalog:read'), async () => {
      const response = await agent.get('/api/catalog?city=3201');
      if (can(role, 'catalog:read')) expect(response.statusCode).toBe(200);
      else forbidden(response);
    });

    it(named(role, 'matter:read'), async () => {
      const response = await agent.get('/api/matters');
      if (can(role, 'matter:read')) {
        expect(response.statusCode).toBe(200);
        expect((response.json() as { code: string }[]).map((m) => m.code)).toContain(
          'elderly_allowance_claim',
        );
      } else forbidden(response);
    });

    it(named(role, 'application:work'), async () => {
      const response = await agent.get('/api/applications/queue');
      if (can(role, 'application:work')) expect(response.statusCode).toBe(200);
      else forbidden(response);
    });

    it(named(role, 'application:intake'), async () => {
      const prefill = (person: string) =>
        agent.get(
          `/api/applications/prefill?matterCode=elderly_allowance_claim&personId=${person}`,
        );
      const inside = await prefill(personInside);
      if (can(role, 'application:intake')) {
        expect(inside.statusCode, inside.body).toBe(200);
        notFound(await prefill(personOutside));
      } else forbidden(inside);
    });

    it(named(role, 'catalog:manage'), async () => {
      const response = await agent.put('/api/catalog/3201/elements/person.education', {
        verifier: 'education',
        comparers: [],
        cycle: 'on_change',
        timeLimitDays: 5,
        sensitivity: 'internal',
        version: null,
        reason: '矩阵核对',
      });
      if (can(role, 'catalog:manage')) outOfScope(response);
      else forbidden(response);
    });

    it(named(role, 'verification:work'), async () => {
      const response = await agent.get('/api/verification/queue');
      if (can(role, 'verification:work')) expect(response.statusCode).toBe(200);
      else forbidden(response);
    });

    it(named(role, 'comparison:submit'), async () => {
      const response = await agent.get('/api/comparisons');
      if (can(role, 'comparison:submit')) expect(response.statusCode).toBe(200);
      else forbidden(response);
    });

    it(named(role, 'grid:manage'), async () => {
      const inside = await agent.post(`/api/regions/${INSIDE}/grids`, { name: `${role}网格` });
      const outside = await agent.post(`/api/regions/${OUTSIDE}/grids`, { name: '越界网格' });
      const beside = await agent.post(`/api/regions/${SIBLING}/grids`, { name: '越界网格' });
      if (can(role, 'grid:manage')) {
        expect(inside.statusCode, inside.body).toBe(201);
        expect(inside.json()).toMatchObject({ code: expect.stringMatching(/^320102005001\d{3}$/) });
        outOfScope(outside);
        outOfScope(beside);
      } else {
        [inside, outside, beside].forEach(forbidden);
      }
      const leaked = await t.db.db
        .selectFrom('region')
        .select('code')
        .where('name', '=', '越界网格');
      expect(await leaked.execute()).toEqual([]);
    });

    it(named(role, 'region:manage'), async () => {
      const change = {
        kind: 'rename',
        name: `更名${role}`,
        effectiveDate: '2024-06-01',
        reason: '测',
      };
      const inside = await agent.post('/api/regions/320102005009/changes', change);
      const outside = await agent.post(`/api/regions/${OUTSIDE}/changes`, change);
      if (can(role, 'region:manage')) {
        expect(inside.statusCode, inside.body).toBe(200);
        outOfScope(outside);
      } else {
        [inside, outside].forEach(forbidden);
      }
      const row = t.db.db.selectFrom('region').select('name').where('code', '=', OUTSIDE);
      expect(await row.executeTakeFirstOrThrow()).toEqual({ name: '中牌楼社区居委会' });
    });

    it(named(role, 'department:read'), async () => {
      const response = await agent.get('/api/departments');
      if (!can(role, 'department:read')) return void forbidden(response);
      const items = (response.json() as { items: { id: string; regionCode: string }[] }).items;
      const ids = items.map((d) => d.id);
      for (const id of visibleDepartments) expect(ids).toContain(id);
      for (const id of hiddenDepartments) expect(ids).not.toContain(id);
      const beside = items.filter(
        (d) => !d.regionCode.startsWith(GRANT) && !GRANT.startsWith(d.regionCode),
      );
      expect(beside).toEqual([]);
    });

    it(named(role, 'department:manage'), async () => {
      const inside = await agent.post('/api/departments', {
        typeCode: 'sports',
        regionCode: GRANT,
      });
      const outside = await agent.post('/api/departments', {
        typeCode: 'sports',
        regionCode: OUTSIDE_STREET,
      });
      if (can(role, 'department:manage')) {
        expect(inside.statusCode, inside.body).toBe(201);
        outOfScope(outside);
      } else {
        [inside, outside].forEach(forbidden);
      }
    });

    it(named(role, 'user:read'), async () => {
      const list = await agent.get('/api/users?pageSize=200');
      const detail = await agent.get(`/api/users/${insider.id}`);
      const exported = await agent.get('/api/users/export');
      const outsideDetail = await agent.get(`/api/users/${outsider.id}`);
      if (!can(role, 'user:read'))
        return void [list, detail, exported, outsideDetail].forEach(forbidden);

      const items = (list.json() as { items: { username: string; homeRegionCode: string }[] })
        .items;
      expect(items.map((u) => u.username)).toContain(insider.username);
      expect(items.filter((u) => !u.homeRegionCode.startsWith(GRANT))).toEqual([]);
      expect(detail.statusCode).toBe(200);
      notFound(outsideDetail);
      notFound(await agent.get(`/api/users/${sibling.id}`));
      const search = await getJson<{ total: number }>(agent, `/api/users?q=${outsider.username}`);
      expect(search.total).toBe(0);

      expect(exported.statusCode).toBe(200);
      const [header, ...rows] = await sheetRows(exported);
      expect(header!.slice(0, 5)).toEqual(['用户名', '姓名', '电话', '所属区域', '区划代码']);
      const usernames = rows.map((r) => r[0]);
      expect(usernames).toContain(insider.username);
      expect(usernames).not.toContain(outsider.username);
      expect(usernames).not.toContain(sibling.username);
      expect(rows.filter((r) => !r[4]!.startsWith(GRANT))).toEqual([]);
    });

    it(named(role, 'user:manage'), async () => {
      const tag = role.replace(/_/g, '').slice(0, 12);
      const body = (name: string, home: string, grantAt: string) => ({
        username: `m${tag}.${name}`,
        displayName: '矩阵用户',
        homeRegionCode: home,
        password: 'Matrix#Pass2026',
        grants: [{ role: 'grid_worker', regionCode: grantAt }],
      });
      const created = await agent.post('/api/users', body('in', INSIDE, INSIDE));
      const outsideHome = await agent.post('/api/users', body('home', OUTSIDE, OUTSIDE));
      const outsideGrant = await agent.post('/api/users', body('grant', INSIDE, OUTSIDE));
      const patch = await agent.patch(`/api/users/${outsider.id}`, { displayName: '改名' });
      const grant = await agent.post(`/api/users/${outsider.id}/grants`, {
        role: 'grid_worker',
        regionCode: INSIDE,
      });
      if (!can(role, 'user:manage')) {
        [created, outsideHome, outsideGrant, patch, grant].forEach(forbidden);
        forbidden(await agent.patch(`/api/users/${insider.id}`, { displayName: '改名' }));
      } else {
        expect(created.statusCode, created.body).toBe(201);
        outOfScope(outsideHome);
        expect(pathsOf(outsideHome)).toEqual(['homeRegionCode']);
        outOfScope(outsideGrant);
        expect(pathsOf(outsideGrant)).toEqual(['grants.0.regionCode']);
        notFound(patch);
        notFound(grant);
      }
      expect(await usernamesIn([`m${tag}.home`, `m${tag}.grant`])).toEqual([]);
      const row = t.db.db
        .selectFrom('app_user')
        .select('display_name')
        .where('id', '=', outsider.id);
      expect((await row.executeTakeFirstOrThrow()).display_name).not.toBe('改名');
    });

    it(named(role, 'audit:read'), async () => {
      const list = await agent.get('/api/audit?pageSize=200');
      const verify = await agent.get('/api/audit/verify');
      if (!can(role, 'audit:read')) return void [list, verify].forEach(forbidden);
      const items = (list.json() as { items: { regionCode: string | null }[] }).items;
      expect(items.length).toBeGreaterThan(0);
      expect(items.filter((e) => !e.regionCode?.startsWith(GRANT))).toEqual([]);
      const totalFor = async (user: MadeUser) =>
        (await getJson<{ total: number }>(agent, `/api/audit?actor=${user.username}`)).total;
      expect(await totalFor(insider)).toBeGreaterThan(0);
      expect(await totalFor(outsider)).toBe(0);
      expect(await totalFor(sibling)).toBe(0);
      expect(verify.statusCode).toBe(200);
    });

    it(named(role, 'security_policy:manage'), async () => {
      // no role may read the policy without managing it: one row covers both
      expect(can(role, 'security_policy:read')).toBe(can(role, 'security_policy:manage'));
      const current = await t.services.securityPolicy.get();
      const read = await agent.get('/api/security-policy');
      const write = await agent.put('/api/security-policy', current);
      if (!can(role, 'security_policy:manage')) return void [read, write].forEach(forbidden);
      expect(read.json()).toEqual(current);
      expect(write.statusCode, write.body).toBe(200);
    });
  });
});

describe(`three-role separation (${testEngine})`, () => {
  const admins = {} as Record<SeparatedAdminRole, { agent: Agent; user: MadeUser }>;
  let target: MadeUser;
  let targetGrant: string;

  beforeAll(async () => {
    for (const role of ['system_admin', 'security_admin', 'audit_admin'] as const) {
      admins[role] = await loginAs(t, role, '3201');
    }
    target = await makeUser(t.services, [{ role: 'street_staff', regionCode: GRANT }]);
    const grant = t.db.db.selectFrom('role_grant').select('id').where('user_id', '=', target.id);
    targetGrant = (await grant.executeTakeFirstOrThrow()).id;
  });

  const newUser = (username: string) => ({
    username,
    displayName: '越权',
    homeRegionCode: GRANT,
    password: 'Other#Pass2026',
    grants: [{ role: 'street_staff', regionCode: GRANT }],
  });
  const refusedWork: [SeparatedAdminRole, Method, string, unknown?][] = [
    ['system_admin', 'GET', '/api/audit'],
    ['system_admin', 'GET', '/api/audit/verify'],
    ['system_admin', 'GET', '/api/security-policy'],
    ['system_admin', 'PUT', '/api/security-policy', defaultSecurityPolicy],
    ['audit_admin', 'POST', '/api/users', newUser('auditmade')],
    ['audit_admin', 'GET', '/api/users'],
    ['audit_admin', 'PATCH', '/api/users/:target', { status: 'disabled' }],
    [
      'audit_admin',
      'POST',
      '/api/users/:target/grants',
      { role: 'grid_worker', regionCode: GRANT },
    ],
    ['audit_admin', 'DELETE', '/api/users/:target/grants/:grant'],
    ['audit_admin', 'POST', '/api/users/:target/reset-password', { password: 'Audit#Reset2026' }],
    ['audit_admin', 'PUT', '/api/security-policy', defaultSecurityPolicy],
    ['audit_admin', 'POST', `/api/regions/${INSIDE}/grids`, { name: '审计网格' }],
    ['audit_admin', 'POST', '/api/departments', { typeCode: 'justice', regionCode: GRANT }],
    ['security_admin', 'GET', '/api/users'],
    ['security_admin', 'GET', '/api/users/:target'],
    ['security_admin', 'POST', '/api/users', newUser('secmade')],
    ['security_admin', 'PATCH', '/api/users/:target', { status: 'disabled' }],
    ['security_admin', 'POST', '/api/users/:target/unlock', {}],
    ['security_admin', 'GET', '/api/audit'],
    ['security_admin', 'GET', '/api/audit/verify'],
  ];

  it.each(refusedWork)('keeps %s from %s %s', async (role, method, url, body) => {
    const path = url.replace(':target', target.id).replace(':grant', targetGrant);
    forbidden(await admins[role].agent.request(method, path, body));
  });

  it('left the target account, its grant and the policy untouched', async () => {
    const row = t.db.db.selectFrom('app_user').select('status').where('id', '=', target.id);
    expect(await row.executeTakeFirstOrThrow()).toEqual({ status: 'active' });
    const grant = t.db.db
      .selectFrom('role_grant')
      .select('revoked_at')
      .where('id', '=', targetGrant);
    expect(await grant.executeTakeFirstOrThrow()).toEqual({ revoked_at: null });
    expect(await usernamesIn(['auditmade', 'secmade'])).toEqual([]);
    const departments = t.db.db
      .selectFrom('department')
      .select('id')
      .where('type_code', '=', 'justice');
    expect(await departments.execute()).toEqual([]);
  });

  it.each([
    ['system_admin', 'security_admin'],
    ['system_admin', 'audit_admin'],
    ['security_admin', 'audit_admin'],
  ] as const)('refuses to create an account holding both %s and %s', async (first, second) => {
    const username = `sod.${first.slice(0, 3)}${second.slice(0, 3)}`;
    const response = await admins.system_admin.agent.post('/api/users', {
      ...newUser(username),
      grants: [
        { role: first, regionCode: GRANT },
        { role: second, regionCode: GRANT },
      ],
    });
    problem(response, 403, 'SEPARATION_OF_DUTIES');
    expect(pathsOf(response)).toEqual(['grants']);
    expect(await usernamesIn([username])).toEqual([]);
  });

  it.each([
    ['security_admin', 'system_admin'],
    ['audit_admin', 'security_admin'],
    ['system_admin', 'audit_admin'],
  ] as const)('refuses to add %s to an account that already holds %s', async (adding, held) => {
    const user = await makeUser(t.services, [{ role: held, regionCode: GRANT }]);
    const response = await admins.system_admin.agent.post(`/api/users/${user.id}/grants`, {
      role: adding,
      regionCode: GRANT,
    });
    problem(response, 403, 'SEPARATION_OF_DUTIES');
    expect(pathsOf(response)).toEqual(['role']);
    const roles = t.db.db.selectFrom('role_grant').select('role').where('user_id', '=', user.id);
    expect(await roles.execute()).toEqual([{ role: held }]);
  });

  it('lets a system administrator give an ordinary role to another administrator', async () => {
    const user = await makeUser(t.services, [{ role: 'audit_admin', regionCode: GRANT }]);
    const response = await admins.system_admin.agent.post(`/api/users/${user.id}/grants`, {
      role: 'hotline_agent',
      regionCode: GRANT,
    });
    expect(response.statusCode, response.body).toBe(200);
  });

  it('refuses a system administrator changing their own grants or password', async () => {
    const { agent, user } = admins.system_admin;
    const own = t.db.db.selectFrom('role_grant').select(['id', 'role', 'revoked_at']);
    const [grant] = await own.where('user_id', '=', user.id).execute();
    const separation = (r: LightMyRequestResponse) => problem(r, 403, 'SEPARATION_OF_DUTIES');
    separation(
      await agent.post(`/api/users/${user.id}/grants`, { role: 'street_staff', regionCode: GRANT }),
    );
    separation(await agent.delete(`/api/users/${user.id}/grants/${grant!.id}`));
    separation(
      await agent.post(`/api/users/${user.id}/reset-password`, { password: 'Self#Reset20260' }),
    );
    expect(await own.where('user_id', '=', user.id).execute()).toEqual([
      { id: grant!.id, role: 'system_admin', revoked_at: null },
    ]);
  });
});
