import { defaultSecurityPolicy } from '@shequ/core';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import { loginAs, makeUser, TEST_PASSWORD } from '../../test/factories';
import { Agent, createTestApp, testEngine, type TestApp } from '../../test/harness';
import { saveSecurityPolicy } from '../security-policy/security-policy.repository';
import { totpCodeAt } from './credentials';

function expectProblem(response: LightMyRequestResponse, status: number, code: string) {
  expect(response.statusCode, response.body).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = response.json() as { code: string; errors?: { path: string }[] };
  expect(body.code).toBe(code);
  return body;
}

const cookieNamed = (response: LightMyRequestResponse, name: string) => response.cookies.find((c) => c.name === name);
const MINUTE = 60_000;

describe(`login, sessions and second factor (${testEngine})`, () => {
  let t: TestApp;
  const extraApps: FastifyInstance[] = [];

  beforeAll(async () => {
    t = await createTestApp({ regionPrefixes: ['320102005', '320104001'] });
  });
  afterAll(async () => {
    for (const app of extraApps) await app.close();
    await t?.close();
  });

  async function loginResponse(agent: Agent, username: string, password: string, headers: Record<string, string> = {}) {
    await agent.request('GET', '/api/auth/session', undefined, headers);
    return agent.request('POST', '/api/auth/login', { username, password }, headers);
  }

  describe('login and logout', () => {
    it('signs in with the right password, then signs out and loses access', async () => {
      const user = await makeUser(t.services, [{ role: 'community_worker', regionCode: '320102005001' }]);
      const agent = t.agent();
      expectProblem(await agent.get('/api/me'), 401, 'UNAUTHENTICATED');
      const login = await loginResponse(agent, user.username, user.password);
      expect(login.statusCode).toBe(200);
      expect(login.json()).toMatchObject({ stage: 'full', me: { username: user.username, currentRegion: { code: '320102005001' } } });
      expect((await agent.get('/api/me')).statusCode).toBe(200);
      const logout = await agent.post('/api/auth/logout');
      expect(logout.statusCode).toBe(200);
      expect(cookieNamed(logout, 'shequ_session')?.value).toBe('');
      expectProblem(await agent.get('/api/me'), 401, 'UNAUTHENTICATED');
    });

    it('answers an unknown account and a wrong password alike', async () => {
      const user = await makeUser(t.services, [{ role: 'grid_worker', regionCode: '320102005001' }]);
      const wrong = expectProblem(await loginResponse(t.agent(), user.username, 'Wrong#Pass2026'), 401, 'INVALID_CREDENTIALS');
      const unknown = expectProblem(await loginResponse(t.agent(), 'nobody.here', 'Wrong#Pass2026'), 401, 'INVALID_CREDENTIALS');
      expect({ ...wrong, requestId: undefined }).toEqual({ ...unknown, requestId: undefined });
    });

    it('treats the username without regard to case or surrounding spaces', async () => {
      const user = await makeUser(t.services, [{ role: 'grid_worker', regionCode: '320102005001' }]);
      expect((await loginResponse(t.agent(), `  ${user.username.toUpperCase()} `, user.password)).statusCode).toBe(200);
    });

    it('refuses a disabled account even with the right password', async () => {
      const user = await makeUser(t.services, [{ role: 'grid_worker', regionCode: '320102005001' }]);
      await t.db.db.updateTable('app_user').set({ status: 'disabled' }).where('id', '=', user.id).execute();
      expectProblem(await loginResponse(t.agent(), user.username, user.password), 403, 'ACCOUNT_DISABLED');
    });

    it('records login success, failure and logout in the audit trail', async () => {
      const user = await makeUser(t.services, [{ role: 'street_staff', regionCode: '320102005' }]);
      await loginResponse(t.agent(), user.username, 'Wrong#Pass2026');
      const agent = t.agent();
      await loginResponse(agent, user.username, user.password);
      await agent.post('/api/auth/logout');
      await loginResponse(t.agent(), 'Ghost.User', 'Wrong#Pass2026');
      const own = await t.db.db.selectFrom('audit_event').selectAll().where('actor_name', '=', user.username).orderBy('seq').execute();
      expect(own.map((e) => [e.action, e.outcome])).toEqual([
        ['auth.login', 'failure'],
        ['auth.login', 'success'],
        ['auth.logout', 'success'],
      ]);
      expect(own[0]!.detail).toEqual({ reason: 'bad_password' });
      expect(own[1]!).toMatchObject({ actor_id: user.id, role: 'street_staff', region_code: '320102005' });
      const ghost = await t.db.db.selectFrom('audit_event').selectAll().where('actor_name', '=', 'ghost.user').execute();
      expect(ghost.map((e) => [e.action, e.outcome, e.actor_id])).toEqual([['auth.login', 'failure', null]]);
      expect(ghost[0]!.detail).toEqual({ reason: 'unknown_account' });
    });
  });

  describe('cookies and CSRF', () => {
    it('sets an HttpOnly, SameSite=Lax session cookie, not Secure over plain HTTP', async () => {
      const user = await makeUser(t.services, [{ role: 'grid_worker', regionCode: '320102005001' }]);
      const response = await loginResponse(t.agent(), user.username, user.password);
      const session = cookieNamed(response, 'shequ_session')!;
      expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
      expect(session.secure).toBeFalsy();
      const hours = (session.expires!.getTime() - t.clock().getTime()) / 3_600_000;
      expect(hours).toBeCloseTo(defaultSecurityPolicy.sessionAbsoluteHours, 1);
      expect(cookieNamed(response, 'shequ_csrf')).toMatchObject({ sameSite: 'Lax' });
    });

    it('marks the cookies Secure behind a TLS-terminating proxy that says https', async () => {
      const app = await buildApp({ services: t.services, logLevel: 'silent', trustProxy: true });
      extraApps.push(app);
      const user = await makeUser(t.services, [{ role: 'grid_worker', regionCode: '320102005001' }]);
      const tls = await loginResponse(new Agent(app), user.username, user.password, { 'x-forwarded-proto': 'https' });
      expect(cookieNamed(tls, 'shequ_session')).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Lax' });
      expect(cookieNamed(tls, 'shequ_csrf')).toMatchObject({ secure: true });
      const plain = await loginResponse(new Agent(app), user.username, user.password);
      expect(cookieNamed(plain, 'shequ_session')!.secure).toBeFalsy();
    });

    it('marks the cookies Secure whenever cookieSecure is set', async () => {
      const app = await buildApp({ services: t.services, logLevel: 'silent', cookieSecure: true });
      extraApps.push(app);
      const user = await makeUser(t.services, [{ role: 'grid_worker', regionCode: '320102005001' }]);
      const response = await loginResponse(new Agent(app), user.username, user.password);
      expect(cookieNamed(response, 'shequ_session')).toMatchObject({ secure: true, httpOnly: true });
    });

    it.each([
      ['POST', '/api/auth/logout'],
      ['PUT', '/api/me/context'],
      ['PATCH', '/api/users/00000000-0000-4000-8000-000000000000'],
      ['DELETE', '/api/users/00000000-0000-4000-8000-000000000000/grants/00000000-0000-4000-8000-000000000001'],
    ] as const)('refuses %s %s without the CSRF header, or with a wrong one', async (method, url) => {
      const { agent } = await loginAs(t, 'street_staff', '320102005');
      const token = agent.csrfToken;
      agent.csrfToken = '';
      expectProblem(await agent.request(method, url, {}), 403, 'CSRF');
      agent.csrfToken = `${token!.slice(0, -2)}xx`;
      expectProblem(await agent.request(method, url, {}), 403, 'CSRF');
      agent.csrfToken = token;
      expect((await agent.get('/api/me')).statusCode).toBe(200);
    });

    it('refuses a login without the pre-session CSRF token', async () => {
      const user = await makeUser(t.services, [{ role: 'grid_worker', regionCode: '320102005001' }]);
      const response = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: user.username, password: user.password } });
      expectProblem(response, 403, 'CSRF');
    });

    it('stops accepting the pre-login token once signed in', async () => {
      const user = await makeUser(t.services, [{ role: 'grid_worker', regionCode: '320102005001' }]);
      const agent = t.agent();
      await agent.refreshSession();
      const preLogin = agent.csrfToken;
      await agent.login(user.username, user.password);
      expect(agent.csrfToken).not.toBe(preLogin);
      agent.csrfToken = preLogin;
      expectProblem(await agent.post('/api/auth/logout'), 403, 'CSRF');
    });
  });

  describe('lockout', () => {
    it('locks the account after the policy’s number of failures and unlocks it after the lockout time', async () => {
      const policy = await t.services.securityPolicy.get();
      const user = await makeUser(t.services, [{ role: 'grid_worker', regionCode: '320102005001' }]);
      for (let i = 1; i < policy.lockoutThreshold; i += 1) {
        expectProblem(await loginResponse(t.agent(), user.username, `Wrong#Pass${i}x`), 401, 'INVALID_CREDENTIALS');
      }
      expectProblem(await loginResponse(t.agent(), user.username, 'Wrong#PassLast'), 403, 'ACCOUNT_LOCKED');
      expectProblem(await loginResponse(t.agent(), user.username, user.password), 403, 'ACCOUNT_LOCKED');
      t.clock.advance((policy.lockoutMinutes - 1) * MINUTE);
      expectProblem(await loginResponse(t.agent(), user.username, user.password), 403, 'ACCOUNT_LOCKED');
      t.clock.advance(2 * MINUTE);
      expect((await loginResponse(t.agent(), user.username, user.password)).statusCode).toBe(200);
      const reasons = await t.db.db.selectFrom('audit_event').select('detail').where('actor_name', '=', user.username).where('outcome', '=', 'failure').orderBy('seq').execute();
      expect(reasons.map((r) => (r.detail as { reason: string }).reason)).toEqual([
        ...Array<string>(policy.lockoutThreshold - 1).fill('bad_password'),
        'bad_password_locked',
        'locked',
        'locked',
      ]);
    });

    it('starts counting afresh after a successful login', async () => {
      const policy = await t.services.securityPolicy.get();
      const user = await makeUser(t.services, [{ role: 'grid_worker', regionCode: '320102005001' }]);
      for (let i = 1; i < policy.lockoutThreshold; i += 1) await loginResponse(t.agent(), user.username, 'Wrong#Pass2026');
      expect((await loginResponse(t.agent(), user.username, user.password)).statusCode).toBe(200);
      expectProblem(await loginResponse(t.agent(), user.username, 'Wrong#Pass2026'), 401, 'INVALID_CREDENTIALS');
    });
  });

  describe('second factor', () => {
    it('makes an administrator without TOTP enrol before anything else, then lets them in', async () => {
      const user = await makeUser(t.services, [{ role: 'security_admin', regionCode: '3201' }], { totp: false });
      const agent = t.agent();
      expect((await loginResponse(agent, user.username, user.password)).json()).toMatchObject({ stage: 'second_factor_setup', me: null });
      expectProblem(await agent.get('/api/me'), 401, 'UNAUTHENTICATED');
      expectProblem(await agent.get('/api/security-policy'), 401, 'UNAUTHENTICATED');
      const setup = await agent.post('/api/me/second-factor/setup');
      expect(setup.statusCode).toBe(200);
      const { secret, otpauthUrl } = setup.json() as { secret: string; otpauthUrl: string };
      expect(otpauthUrl).toMatch(/^otpauth:\/\/totp\//);
      const wrong = String((Number(totpCodeAt(secret, t.clock())) + 1) % 1_000_000).padStart(6, '0');
      expectProblem(await agent.post('/api/me/second-factor/enable', { code: wrong }), 401, 'SECOND_FACTOR_INVALID');
      const enabled = await agent.post('/api/me/second-factor/enable', { code: totpCodeAt(secret, t.clock()) });
      expect(enabled.json()).toMatchObject({ stage: 'full', me: { secondFactorEnabled: true } });
      expect((await agent.get('/api/security-policy')).statusCode).toBe(200);
      const stored = await t.db.db.selectFrom('app_user').select(['totp_secret', 'totp_pending_secret']).where('id', '=', user.id).executeTakeFirstOrThrow();
      expect(stored).toEqual({ totp_secret: secret, totp_pending_secret: null });
    });

    it('lets an administrator without TOTP straight in when the policy does not require it', async () => {
      const before = await t.services.securityPolicy.get();
      await saveSecurityPolicy(t.db.db, { ...before, requireSecondFactorForAdmins: false }, null, t.clock());
      try {
        const user = await makeUser(t.services, [{ role: 'audit_admin', regionCode: '3201' }], { totp: false });
        expect((await loginResponse(t.agent(), user.username, user.password)).json()).toMatchObject({ stage: 'full' });
      } finally {
        await saveSecurityPolicy(t.db.db, before, null, t.clock());
      }
    });

    it('asks an enrolled user for a code, refuses a wrong one and a replayed one', async () => {
      const user = await makeUser(t.services, [{ role: 'system_admin', regionCode: '3201' }]);
      const first = t.agent();
      expect((await loginResponse(first, user.username, user.password)).json()).toMatchObject({ stage: 'second_factor', me: null });
      expectProblem(await first.get('/api/me'), 401, 'UNAUTHENTICATED');
      expectProblem(await first.post('/api/me/second-factor/setup'), 401, 'UNAUTHENTICATED');
      const code = totpCodeAt(user.totpSecret!, t.clock());
      const wrong = expectProblem(await first.post('/api/auth/second-factor', { code: code === '000000' ? '111111' : '000000' }), 401, 'SECOND_FACTOR_INVALID');
      expect(wrong.errors?.map((e) => e.path)).toEqual(['code']);
      expect((await first.post('/api/auth/second-factor', { code })).json()).toMatchObject({ stage: 'full' });
      expect((await first.get('/api/me')).statusCode).toBe(200);

      const replay = t.agent();
      await loginResponse(replay, user.username, user.password);
      expectProblem(await replay.post('/api/auth/second-factor', { code }), 401, 'SECOND_FACTOR_INVALID');
      t.clock.advance(30_000);
      const next = await replay.post('/api/auth/second-factor', { code: totpCodeAt(user.totpSecret!, t.clock()) });
      expect(next.json()).toMatchObject({ stage: 'full' });
    });

    it('records the second-factor login and failure in the audit trail', async () => {
      const user = await makeUser(t.services, [{ role: 'audit_admin', regionCode: '3201' }]);
      const agent = t.agent();
      await loginResponse(agent, user.username, user.password);
      const code = totpCodeAt(user.totpSecret!, t.clock());
      await agent.post('/api/auth/second-factor', { code: code === '000000' ? '111111' : '000000' });
      await agent.post('/api/auth/second-factor', { code });
      const events = await t.db.db.selectFrom('audit_event').select(['action', 'outcome']).where('actor_name', '=', user.username).orderBy('seq').execute();
      expect(events).toEqual([
        { action: 'auth.login.password_ok', outcome: 'success' },
        { action: 'auth.second_factor', outcome: 'failure' },
        { action: 'auth.login', outcome: 'success' },
      ]);
    });
  });

  describe('session lifetime', () => {
    it('ends a session left idle longer than the policy allows', async () => {
      const policy = await t.services.securityPolicy.get();
      const { agent } = await loginAs(t, 'grid_worker', '320102005001');
      t.clock.advance((policy.sessionIdleMinutes - 5) * MINUTE);
      expect((await agent.get('/api/me')).statusCode).toBe(200);
      // activity moved the idle deadline: the same stretch again is still within it
      t.clock.advance((policy.sessionIdleMinutes - 5) * MINUTE);
      expect((await agent.get('/api/me')).statusCode).toBe(200);
      t.clock.advance((policy.sessionIdleMinutes + 1) * MINUTE);
      expectProblem(await agent.get('/api/me'), 401, 'UNAUTHENTICATED');
    });
  });

  describe('own password', () => {
    it('names newPassword for a weak password and currentPassword for a wrong one', async () => {
      const { agent } = await loginAs(t, 'hotline_agent', '3201');
      const wrong = expectProblem(await agent.post('/api/me/password', { currentPassword: 'Wrong#Pass2026', newPassword: 'Better#Pass2027' }), 400, 'VALIDATION');
      expect(wrong.errors?.map((e) => e.path)).toEqual(['currentPassword']);
      const weak = expectProblem(await agent.post('/api/me/password', { currentPassword: TEST_PASSWORD, newPassword: 'short' }), 400, 'PASSWORD_POLICY');
      expect(new Set(weak.errors?.map((e) => e.path))).toEqual(new Set(['newPassword']));
      const same = expectProblem(await agent.post('/api/me/password', { currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD }), 400, 'PASSWORD_POLICY');
      expect(same.errors?.map((e) => e.path)).toEqual(['newPassword']);
    });

    it('changes the password, ends the account’s other sessions and keeps this one', async () => {
      const { agent, user } = await loginAs(t, 'hotline_agent', '3201');
      const other = t.agent();
      await other.login(user.username, user.password);
      await t.db.db.updateTable('app_user').set({ must_change_password: true }).where('id', '=', user.id).execute();
      expect((await agent.post('/api/me/password', { currentPassword: TEST_PASSWORD, newPassword: 'Changed#Pass2027' })).statusCode).toBe(200);
      expect((await agent.get('/api/me')).json()).toMatchObject({ mustChangePassword: false });
      expectProblem(await other.get('/api/me'), 401, 'UNAUTHENTICATED');
      expectProblem(await loginResponse(t.agent(), user.username, TEST_PASSWORD), 401, 'INVALID_CREDENTIALS');
      expect((await loginResponse(t.agent(), user.username, 'Changed#Pass2027')).statusCode).toBe(200);
    });
  });

  describe('region switcher', () => {
    it('moves the current region within the active grant and refuses one outside it', async () => {
      const user = await makeUser(t.services, [
        { role: 'street_staff', regionCode: '320102005' },
        { role: 'hotline_agent', regionCode: '320104001' },
      ]);
      const agent = t.agent();
      await agent.login(user.username, user.password);
      const me = (await agent.get('/api/me')).json() as { grants: { id: string; role: string }[] };
      const street = me.grants.find((g) => g.role === 'street_staff')!;
      const hotline = me.grants.find((g) => g.role === 'hotline_agent')!;

      const moved = await agent.put('/api/me/context', { grantId: street.id, regionCode: '320102005001' });
      expect(moved.statusCode, moved.body).toBe(200);
      expect(moved.json()).toMatchObject({
        activeGrantId: street.id,
        currentRegion: { code: '320102005001', name: '百子亭社区', level: 'community' },
        titleLine: '——南京市玄武区玄武门街道社区综合管理和服务信息平台',
      });
      const outside = expectProblem(await agent.put('/api/me/context', { grantId: street.id, regionCode: '320104001001' }), 403, 'OUT_OF_SCOPE');
      expect(outside.errors?.map((e) => e.path)).toEqual(['regionCode']);
      expect((await agent.get('/api/me')).json()).toMatchObject({ currentRegion: { code: '320102005001' } });

      const switched = await agent.put('/api/me/context', { grantId: hotline.id, regionCode: '320104001001' });
      expect(switched.json()).toMatchObject({ activeGrantId: hotline.id, currentRegion: { code: '320104001001' } });
    });

    it('ends the sessions of an account whose grants change, and audits the change', async () => {
      const { agent: admin } = await loginAs(t, 'system_admin', '3201');
      const { agent, user } = await loginAs(t, 'grid_worker', '320102005001');
      const added = await admin.post(`/api/users/${user.id}/grants`, { role: 'street_staff', regionCode: '320102005' });
      expect(added.statusCode, added.body).toBe(200);
      expectProblem(await agent.get('/api/me'), 401, 'UNAUTHENTICATED');
      const events = await t.db.db.selectFrom('audit_event').select(['action', 'region_code']).where('target_id', '=', user.id).where('action', 'like', 'grant.%').execute();
      expect(events).toEqual([{ action: 'grant.add', region_code: '320102005' }]);
    });
  });
});
