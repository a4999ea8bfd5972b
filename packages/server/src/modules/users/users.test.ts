import type { UserView } from '@shequ/core';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  loginAs,
  makeDepartment,
  makeUser,
  TEST_PASSWORD,
  type MadeUser,
} from '../../test/factories';
import { createTestApp, testEngine, type Agent, type TestApp } from '../../test/harness';

function expectProblem(response: LightMyRequestResponse, status: number, code: string) {
  expect(response.statusCode, response.body).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = response.json() as { code: string; errors?: { path: string; message: string }[] };
  expect(body.code).toBe(code);
  return body;
}

const pathsOf = (body: { errors?: { path: string }[] }) => [
  ...new Set(body.errors?.map((e) => e.path)),
];

async function sheetRows(response: LightMyRequestResponse): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
  const rows: string[][] = [];
  workbook.worksheets[0]!.eachRow((row) => {
    // row.values is sparse (1-based, holes for empty cells): Array.from fills the holes
    rows.push(
      Array.from(row.values as unknown[], (v) =>
        v === null || v === undefined ? '' : String(v),
      ).slice(1),
    );
  });
  return rows;
}

let seq = 0;
const uniqueName = (prefix: string) => `${prefix}${Date.now().toString(36)}${(seq += 1)}`;

describe(`user administration (${testEngine})`, () => {
  let t: TestApp;
  let admin: Agent;
  let adminUser: MadeUser;
  let civilAffairs: string;

  beforeAll(async () => {
    t = await createTestApp({ regionPrefixes: ['320102005', '320104001'] });
    ({ agent: admin, user: adminUser } = await loginAs(t, 'system_admin', '3201'));
    civilAffairs = await makeDepartment(t.services, 'civil_affairs', '320102');
  });
  afterAll(async () => {
    await t?.close();
  });

  const body = (overrides: Record<string, unknown> = {}) => ({
    username: uniqueName('new.'),
    displayName: '王小明',
    phone: '13812345678',
    homeRegionCode: '320102005001',
    password: 'Initial#Pass2026',
    grants: [{ role: 'community_worker', regionCode: '320102005001' }],
    ...overrides,
  });

  async function create(
    overrides: Record<string, unknown> = {},
  ): Promise<UserView & { password: string }> {
    const input = body(overrides);
    const response = await admin.post('/api/users', input);
    expect(response.statusCode, response.body).toBe(201);
    return { ...(response.json() as UserView), password: input.password };
  }

  async function auditOf(targetId: string, action: string) {
    return t.db.db
      .selectFrom('audit_event')
      .selectAll()
      .where('target_id', '=', targetId)
      .where('action', '=', action)
      .orderBy('seq')
      .execute();
  }

  describe('personal data in lists', () => {
    it('shows phones masked in the list and in full only in the audited detail', async () => {
      const user = await create({ phone: '13812345678' });
      const list = await admin.get(`/api/users?q=${encodeURIComponent(user.username)}`);
      expect(list.statusCode, list.body).toBe(200);
      const items = (list.json() as { items: UserView[] }).items;
      expect(items.map((u) => u.phone)).toEqual(['138****5678']);
      const detail = await admin.get(`/api/users/${user.id}`);
      expect((detail.json() as UserView).phone).toBe('13812345678');
      expect(await auditOf(user.id, 'user.read')).toHaveLength(1);
    });
  });

  describe('creating accounts', () => {
    it('creates an account with its grants, audited, that must change its password at first login', async () => {
      const input = body({
        grants: [
          { role: 'community_worker', regionCode: '320102005001' },
          { role: 'hotline_agent', regionCode: '320102005' },
        ],
      });
      const response = await admin.post('/api/users', input);
      expect(response.statusCode, response.body).toBe(201);
      const view = response.json() as UserView;
      expect(view).toMatchObject({
        username: input.username,
        displayName: '王小明',
        homeRegionName: '百子亭社区',
        status: 'active',
        locked: false,
      });
      expect(view.grants.map((g) => [g.role, g.regionCode, g.regionName])).toEqual([
        ['community_worker', '320102005001', '百子亭社区'],
        ['hotline_agent', '320102005', '玄武门街道'],
      ]);
      const audit = await auditOf(view.id, 'user.create');
      expect(audit).toHaveLength(1);
      expect(audit[0]!.actor_id).toBe(adminUser.id);
      expect(JSON.stringify(audit[0]!.detail)).not.toContain(input.password);

      const agent = t.agent();
      await agent.login(input.username, input.password);
      // a login starts under the first grant given
      expect((await agent.get('/api/me')).json()).toMatchObject({
        mustChangePassword: true,
        activeGrantId: view.grants[0]!.id,
        currentRegion: { code: '320102005001' },
      });
    });

    it('stores the password only as an argon2id hash', async () => {
      const view = await create();
      const row = await t.db.db
        .selectFrom('app_user')
        .select('password_hash')
        .where('id', '=', view.id)
        .executeTakeFirstOrThrow();
      expect(row.password_hash).toMatch(/^\$argon2id\$/);
      expect(row.password_hash).not.toContain(view.password);
    });

    it.each([
      ['too short', 'Ab#1234'],
      ['too few character classes', 'alllowercaseletters'],
      ['containing the username', 'Xusername#2026'],
    ])('refuses a password %s, naming password', async (_why, password) => {
      const response = await admin.post('/api/users', body({ username: 'xusername', password }));
      const problem = expectProblem(response, 400, 'PASSWORD_POLICY');
      expect(pathsOf(problem)).toEqual(['password']);
      expect(
        await t.db.db
          .selectFrom('app_user')
          .select('id')
          .where('username', '=', 'xusername')
          .execute(),
      ).toEqual([]);
    });

    it('refuses a username already in use, naming username', async () => {
      const first = await create();
      const problem = expectProblem(
        await admin.post('/api/users', body({ username: first.username })),
        409,
        'CONFLICT',
      );
      expect(pathsOf(problem)).toEqual(['username']);
    });

    it('requires a department for a department reviewer, naming grants.0.departmentId', async () => {
      const problem = expectProblem(
        await admin.post(
          '/api/users',
          body({ grants: [{ role: 'department_reviewer', regionCode: '320102' }] }),
        ),
        400,
        'VALIDATION',
      );
      expect(pathsOf(problem)).toEqual(['grants.0.departmentId']);
    });

    it('requires a reviewer’s region to lie within the department’s', async () => {
      const problem = expectProblem(
        await admin.post(
          '/api/users',
          body({
            homeRegionCode: '320104001',
            grants: [
              { role: 'department_reviewer', regionCode: '320104001', departmentId: civilAffairs },
            ],
          }),
        ),
        400,
        'VALIDATION',
      );
      expect(pathsOf(problem)).toEqual(['grants.0.regionCode']);
    });

    it('creates a department reviewer with the department named on the grant', async () => {
      const view = await create({
        grants: [
          { role: 'department_reviewer', regionCode: '320102005', departmentId: civilAffairs },
        ],
      });
      expect(view.grants[0]).toMatchObject({
        role: 'department_reviewer',
        departmentId: civilAffairs,
        departmentName: '玄武区民政局',
      });
    });

    it('refuses a resident grant among staff grants, naming its role', async () => {
      const problem = expectProblem(
        await admin.post(
          '/api/users',
          body({
            grants: [
              { role: 'grid_worker', regionCode: '320102005001' },
              { role: 'resident', regionCode: '320102005001' },
            ],
          }),
        ),
        400,
        'VALIDATION',
      );
      expect(pathsOf(problem)).toEqual(['grants.1.role']);
    });
  });

  describe('changing accounts', () => {
    it('changes name and phone and records before and after', async () => {
      const view = await create();
      const response = await admin.patch(`/api/users/${view.id}`, {
        displayName: '王大明',
        phone: null,
      });
      expect(response.json()).toMatchObject({ displayName: '王大明', phone: null });
      const [entry] = await auditOf(view.id, 'user.update');
      expect(entry!.detail).toMatchObject({
        before: { displayName: '王小明', phone: '13812345678' },
        after: { displayName: '王大明', phone: null },
      });
    });

    it('disables an account, ending its sessions and refusing its logins until enabled again', async () => {
      const target = await makeUser(t.services, [
        { role: 'grid_worker', regionCode: '320102005001' },
      ]);
      const [first, second] = [t.agent(), t.agent()];
      for (const agent of [first, second]) await agent.login(target.username, target.password);
      const disabled = await admin.patch(`/api/users/${target.id}`, { status: 'disabled' });
      expect(disabled.json()).toMatchObject({ status: 'disabled' });
      expectProblem(await first.get('/api/me'), 401, 'UNAUTHENTICATED');
      const login = { username: target.username, password: target.password };
      expectProblem(await t.agent().post('/api/auth/login', login), 403, 'ACCOUNT_DISABLED');
      await admin.patch(`/api/users/${target.id}`, { status: 'active' });
      // a session not used while the account was disabled stays ended: enabling does not revive it
      expectProblem(await second.get('/api/me'), 401, 'UNAUTHENTICATED');
      expect(await t.agent().login(target.username, target.password)).toBe('full');
    });

    it('refuses to let an administrator disable their own account', async () => {
      const problem = expectProblem(
        await admin.patch(`/api/users/${adminUser.id}`, { status: 'disabled' }),
        403,
        'FORBIDDEN',
      );
      expect(pathsOf(problem)).toEqual(['status']);
    });

    it('answers 404 for an account that does not exist', async () => {
      expectProblem(
        await admin.patch('/api/users/00000000-0000-4000-8000-000000000000', { displayName: '无' }),
        404,
        'NOT_FOUND',
      );
      expectProblem(
        await admin.get('/api/users/00000000-0000-4000-8000-000000000000'),
        404,
        'NOT_FOUND',
      );
    });
  });

  describe('grants', () => {
    it('adds and revokes a grant, auditing both and keeping the revoked row', async () => {
      const view = await create();
      const added = await admin.post(`/api/users/${view.id}/grants`, {
        role: 'street_staff',
        regionCode: '320102005',
      });
      expect(added.statusCode, added.body).toBe(200);
      const grant = (added.json() as UserView).grants.find((g) => g.role === 'street_staff')!;
      expect(grant).toMatchObject({ regionCode: '320102005', regionName: '玄武门街道' });
      expect((await auditOf(view.id, 'grant.add'))[0]!.detail).toMatchObject({
        grantId: grant.id,
        role: 'street_staff',
        regionCode: '320102005',
      });

      const revoked = await admin.delete(`/api/users/${view.id}/grants/${grant.id}`);
      expect((revoked.json() as UserView).grants.map((g) => g.role)).toEqual(['community_worker']);
      expect((await auditOf(view.id, 'grant.revoke'))[0]!.detail).toMatchObject({
        grantId: grant.id,
        role: 'street_staff',
      });
      const row = await t.db.db
        .selectFrom('role_grant')
        .select(['revoked_at', 'revoked_by'])
        .where('id', '=', grant.id)
        .executeTakeFirstOrThrow();
      expect(row.revoked_at).not.toBeNull();
      expect(row.revoked_by).toBe(adminUser.id);
    });

    it('refuses the same grant twice, naming role', async () => {
      const view = await create();
      const problem = expectProblem(
        await admin.post(`/api/users/${view.id}/grants`, {
          role: 'community_worker',
          regionCode: '320102005001',
        }),
        409,
        'CONFLICT',
      );
      expect(pathsOf(problem)).toEqual(['role']);
    });

    it('refuses to revoke a grant that belongs to another account', async () => {
      const a = await create();
      const b = await create();
      expectProblem(
        await admin.delete(`/api/users/${a.id}/grants/${b.grants[0]!.id}`),
        404,
        'NOT_FOUND',
      );
      expect((await admin.get(`/api/users/${b.id}`)).json()).toMatchObject({
        grants: [{ id: b.grants[0]!.id }],
      });
    });

    it('moves a signed-in account off a revoked grant', async () => {
      const target = await makeUser(t.services, [
        { role: 'street_staff', regionCode: '320102005' },
        { role: 'hotline_agent', regionCode: '320104001' },
      ]);
      const grants = (await admin.get(`/api/users/${target.id}`)).json().grants as {
        id: string;
        role: string;
      }[];
      await admin.delete(
        `/api/users/${target.id}/grants/${grants.find((g) => g.role === 'street_staff')!.id}`,
      );
      const agent = t.agent();
      await agent.login(target.username, target.password);
      expect((await agent.get('/api/me')).json()).toMatchObject({
        permissions: [
          'region:read',
          'department:read',
          'person:read',
          'catalog:read',
          'matter:read',
        ],
        currentRegion: { code: '320104001' },
      });
      expectProblem(
        await agent.post('/api/regions/320102005001/grids', { name: '网格' }),
        403,
        'FORBIDDEN',
      );
    });
  });

  describe('unlock and password reset', () => {
    it('unlocks a locked account, audited', async () => {
      const target = await makeUser(t.services, [
        { role: 'grid_worker', regionCode: '320102005001' },
      ]);
      const policy = await t.services.securityPolicy.get();
      for (let i = 0; i < policy.lockoutThreshold; i += 1) {
        await t
          .agent()
          .post('/api/auth/login', { username: target.username, password: 'Wrong#Pass2026' });
      }
      expect((await admin.get(`/api/users/${target.id}`)).json()).toMatchObject({ locked: true });
      expect((await admin.post(`/api/users/${target.id}/unlock`)).json()).toMatchObject({
        locked: false,
      });
      expect(await t.agent().login(target.username, target.password)).toBe('full');
      expect(await auditOf(target.id, 'user.unlock')).toHaveLength(1);
    });

    it('resets a password: old sessions end and the user must change it at next login', async () => {
      const target = await makeUser(t.services, [
        { role: 'grid_worker', regionCode: '320102005001' },
      ]);
      const session = t.agent();
      await session.login(target.username, target.password);
      const weak = expectProblem(
        await admin.post(`/api/users/${target.id}/reset-password`, { password: 'weak' }),
        400,
        'PASSWORD_POLICY',
      );
      expect(pathsOf(weak)).toEqual(['password']);
      expect(
        (await admin.post(`/api/users/${target.id}/reset-password`, { password: 'Reset#Pass2026' }))
          .statusCode,
      ).toBe(200);
      expectProblem(await session.get('/api/me'), 401, 'UNAUTHENTICATED');
      expectProblem(
        await t
          .agent()
          .post('/api/auth/login', { username: target.username, password: TEST_PASSWORD }),
        401,
        'INVALID_CREDENTIALS',
      );
      const fresh = t.agent();
      await fresh.login(target.username, 'Reset#Pass2026');
      expect((await fresh.get('/api/me')).json()).toMatchObject({ mustChangePassword: true });
      expectProblem(await fresh.get('/api/regions/320102005001'), 403, 'PASSWORD_CHANGE_REQUIRED');
      expect(await auditOf(target.id, 'user.reset_password')).toHaveLength(1);
    });
  });

  describe('listing and export', () => {
    it('filters the list by text, role, region and status with a total', async () => {
      const tag = uniqueName('flt');
      const a = await create({
        username: `${tag}.a`,
        grants: [{ role: 'grid_worker', regionCode: '320102005001' }],
      });
      await create({
        username: `${tag}.b`,
        homeRegionCode: '320104001',
        grants: [{ role: 'street_staff', regionCode: '320104001' }],
      });
      await admin.patch(`/api/users/${a.id}`, { status: 'disabled' });
      const names = async (query: string) =>
        (
          (await admin.get(`/api/users?q=${tag}&${query}`)).json() as { items: UserView[] }
        ).items.map((u) => u.username);
      expect(await names('')).toEqual([`${tag}.a`, `${tag}.b`]);
      expect(await names('role=street_staff')).toEqual([`${tag}.b`]);
      expect(await names('regionCode=320102005')).toEqual([`${tag}.a`]);
      expect(await names('status=disabled')).toEqual([`${tag}.a`]);
      const page = (await admin.get(`/api/users?q=${tag}&pageSize=1&page=2`)).json() as {
        items: UserView[];
        total: number;
      };
      expect(page).toMatchObject({ total: 2, page: 2, pageSize: 1 });
      expect(page.items.map((u) => u.username)).toEqual([`${tag}.b`]);
    });

    it('exports the listed accounts as a workbook with masked phones, and audits the export', async () => {
      const tag = uniqueName('exp');
      const a = await create({ username: `${tag}.a`, displayName: '导出甲', phone: '13912345678' });
      await create({
        username: `${tag}.b`,
        displayName: '导出乙',
        phone: null,
        homeRegionCode: '320104001',
        grants: [{ role: 'hotline_agent', regionCode: '320104001' }],
      });
      await admin.patch(`/api/users/${a.id}`, { status: 'disabled' });
      const response = await admin.get(`/api/users/export?q=${tag}`);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe(
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      );
      expect(response.headers['content-disposition']).toContain(
        `filename*=UTF-8''${encodeURIComponent('用户清单_')}`,
      );
      const rows = await sheetRows(response);
      expect(rows).toEqual([
        ['用户名', '姓名', '电话', '所属区域', '区划代码', '状态', '角色与范围'],
        [
          `${tag}.a`,
          '导出甲',
          '139****5678',
          '百子亭社区',
          '320102005001',
          '停用',
          '社区工作者@百子亭社区',
        ],
        [`${tag}.b`, '导出乙', '', '秦虹街道', '320104001', '正常', '热线坐席@秦虹街道'],
      ]);
      const exports = await t.db.db
        .selectFrom('audit_event')
        .select('detail')
        .where('action', '=', 'user.export')
        .where('actor_id', '=', adminUser.id)
        .orderBy('seq', 'desc')
        .execute();
      expect(exports[0]!.detail).toMatchObject({ rows: 2 });
    });

    it('records who read which account', async () => {
      const view = await create();
      await admin.get(`/api/users/${view.id}`);
      const reads = await auditOf(view.id, 'user.read');
      expect(reads.map((r) => r.actor_id)).toEqual([adminUser.id]);
    });
  });
});
