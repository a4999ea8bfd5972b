import { defaultSecurityPolicy, type DomainErrorCode, type SecurityPolicy } from '@shequ/core';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import type { AppUserRow } from '../../db/schema';
import { statusOf } from '../../http/problem';
import { loginAs, makeUser, TEST_PASSWORD } from '../../test/factories';
import { Agent, createTestApp, testEngine, type TestApp } from '../../test/harness';
import { saveSecurityPolicy } from '../security-policy/security-policy.repository';
import { totpCodeAt } from './credentials';

/** Asserts a problem answer with the code's mapped status; returns the body. */
function expectProblem(response: LightMyRequestResponse, code: DomainErrorCode) {
  expect(response.statusCode, response.body).toBe(statusOf(code));
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = response.json() as { code: string; errors?: { path: string }[] };
  expect(body.code).toBe(code);
  return body;
}

const cookieNamed = (response: LightMyRequestResponse, name: string) =>
  response.cookies.find((c) => c.name === name);
const MINUTE = 60_000;
const WRONG = 'Wrong#Pass2026';
/** A code that is not the current one (and, but for a one-in-a-million chance, no neighbour). */
const otherThan = (code: string) => (code === '000000' ? '111111' : '000000');

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

  const gridWorker = () =>
    makeUser(t.services, [{ role: 'grid_worker', regionCode: '320102005001' }]);
  const streetStaff = () =>
    makeUser(t.services, [{ role: 'street_staff', regionCode: '320102005' }]);
  const setUser = (id: string, values: Partial<AppUserRow>) =>
    t.db.db.updateTable('app_user').set(values).where('id', '=', id).execute();
  const setPolicy = (policy: SecurityPolicy) =>
    saveSecurityPolicy(t.db.db, policy, null, t.clock());
  const auditOf = (actorName: string) =>
    t.db.db
      .selectFrom('audit_event')
      .selectAll()
      .where('actor_name', '=', actorName)
      .orderBy('seq')
      .execute();

  async function loginWith(
    agent: Agent,
    username: string,
    password: string,
    headers: Record<string, string> = {},
  ) {
    await agent.request('GET', '/api/auth/session', undefined, headers);
    return agent.request('POST', '/api/auth/login', { username, password }, headers);
  }
  const tryLogin = (username: string, password: string) => loginWith(t.agent(), username, password);
  const changePassword = (agent: Agent, currentPassword: string, newPassword: string) =>
    agent.post('/api/me/password', { currentPassword, newPassword });

  describe('login and logout', () => {
    it('signs in with the right password, then signs out and loses access', async () => {
      const user = await makeUser(t.services, [
        { role: 'community_worker', regionCode: '320102005001' },
      ]);
      const agent = t.agent();
      expectProblem(await agent.get('/api/me'), 'UNAUTHENTICATED');
      const login = await loginWith(agent, user.username, user.password);
      expect(login.json()).toMatchObject({
        stage: 'full',
        me: { username: user.username, currentRegion: { code: '320102005001' } },
      });
      expect((await agent.get('/api/me')).statusCode).toBe(200);
      const logout = await agent.post('/api/auth/logout');
      expect(logout.statusCode).toBe(200);
      expect(cookieNamed(logout, 'shequ_session')?.value).toBe('');
      expectProblem(await agent.get('/api/me'), 'UNAUTHENTICATED');
    });

    it('answers an unknown account and a wrong password alike', async () => {
      const user = await gridWorker();
      const wrong = expectProblem(await tryLogin(user.username, WRONG), 'INVALID_CREDENTIALS');
      const unknown = expectProblem(await tryLogin('nobody.here', WRONG), 'INVALID_CREDENTIALS');
      expect({ ...wrong, requestId: undefined }).toEqual({ ...unknown, requestId: undefined });
    });

    it('treats the username without regard to case or surrounding spaces', async () => {
      const user = await gridWorker();
      expect((await tryLogin(`  ${user.username.toUpperCase()} `, user.password)).statusCode).toBe(
        200,
      );
    });

    it('refuses a disabled account even with the right password', async () => {
      const user = await gridWorker();
      await setUser(user.id, { status: 'disabled' });
      expectProblem(await tryLogin(user.username, user.password), 'ACCOUNT_DISABLED');
    });

    it('records login success, failure and logout in the audit trail', async () => {
      const user = await streetStaff();
      await tryLogin(user.username, WRONG);
      const agent = t.agent();
      await loginWith(agent, user.username, user.password);
      await agent.post('/api/auth/logout');
      await tryLogin('Ghost.User', WRONG);
      const own = await auditOf(user.username);
      expect(own.map((e) => [e.action, e.outcome])).toEqual([
        ['auth.login', 'failure'],
        ['auth.login', 'success'],
        ['auth.logout', 'success'],
      ]);
      expect(own[0]!.detail).toEqual({ reason: 'bad_password' });
      expect(own[1]!).toMatchObject({
        actor_id: user.id,
        role: 'street_staff',
        region_code: '320102005',
      });
      const ghost = await auditOf('ghost.user');
      expect(ghost.map((e) => [e.action, e.outcome, e.actor_id, e.detail])).toEqual([
        ['auth.login', 'failure', null, { reason: 'unknown_account' }],
      ]);
    });
  });

  describe('cookies and CSRF', () => {
    it('sets an HttpOnly, SameSite=Lax session cookie, not Secure over plain HTTP', async () => {
      const user = await gridWorker();
      const response = await tryLogin(user.username, user.password);
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
      const user = await gridWorker();
      const https = { 'x-forwarded-proto': 'https' };
      const tls = await loginWith(new Agent(app), user.username, user.password, https);
      const secure = { secure: true, httpOnly: true, sameSite: 'Lax' };
      expect(cookieNamed(tls, 'shequ_session')).toMatchObject(secure);
      expect(cookieNamed(tls, 'shequ_csrf')).toMatchObject({ secure: true });
      const plain = await loginWith(new Agent(app), user.username, user.password);
      expect(cookieNamed(plain, 'shequ_session')!.secure).toBeFalsy();
    });

    it('marks the cookies Secure whenever cookieSecure is set', async () => {
      const app = await buildApp({ services: t.services, logLevel: 'silent', cookieSecure: true });
      extraApps.push(app);
      const user = await gridWorker();
      const response = await loginWith(new Agent(app), user.username, user.password);
      expect(cookieNamed(response, 'shequ_session')).toMatchObject({
        secure: true,
        httpOnly: true,
      });
    });

    const someone = '00000000-0000-4000-8000-000000000000';
    it.each([
      ['POST', '/api/auth/logout'],
      ['PUT', '/api/me/context'],
      ['PATCH', `/api/users/${someone}`],
      ['DELETE', `/api/users/${someone}/grants/${someone}`],
    ] as const)(
      'refuses %s %s without the CSRF header, or with a wrong one',
      async (method, url) => {
        const { agent } = await loginAs(t, 'street_staff', '320102005');
        const token = agent.csrfToken;
        agent.csrfToken = '';
        expectProblem(await agent.request(method, url, {}), 'CSRF');
        agent.csrfToken = `${token!.slice(0, -2)}xx`;
        expectProblem(await agent.request(method, url, {}), 'CSRF');
        agent.csrfToken = token;
        expect((await agent.get('/api/me')).statusCode).toBe(200);
      },
    );

    it('refuses a login without the pre-session CSRF token', async () => {
      const user = await gridWorker();
      const payload = { username: user.username, password: user.password };
      expectProblem(
        await t.app.inject({ method: 'POST', url: '/api/auth/login', payload }),
        'CSRF',
      );
    });

    it('stops accepting the pre-login token once signed in', async () => {
      const user = await gridWorker();
      const agent = t.agent();
      await agent.refreshSession();
      const preLogin = agent.csrfToken;
      await agent.login(user.username, user.password);
      expect(agent.csrfToken).not.toBe(preLogin);
      agent.csrfToken = preLogin;
      expectProblem(await agent.post('/api/auth/logout'), 'CSRF');
    });
  });

  describe('lockout', () => {
    it('locks the account after the policy’s number of failures, until the lockout time passes', async () => {
      const policy = await t.services.securityPolicy.get();
      const user = await gridWorker();
      for (let i = 1; i < policy.lockoutThreshold; i += 1) {
        expectProblem(await tryLogin(user.username, `${WRONG}${i}`), 'INVALID_CREDENTIALS');
      }
      expectProblem(await tryLogin(user.username, WRONG), 'ACCOUNT_LOCKED');
      expectProblem(await tryLogin(user.username, user.password), 'ACCOUNT_LOCKED');
      t.clock.advance((policy.lockoutMinutes - 1) * MINUTE);
      expectProblem(await tryLogin(user.username, user.password), 'ACCOUNT_LOCKED');
      t.clock.advance(2 * MINUTE);
      expect((await tryLogin(user.username, user.password)).statusCode).toBe(200);
      const failures = (await auditOf(user.username)).filter((e) => e.outcome === 'failure');
      expect(failures.map((e) => (e.detail as { reason: string }).reason)).toEqual([
        ...Array<string>(policy.lockoutThreshold - 1).fill('bad_password'),
        'bad_password_locked',
        'locked',
        'locked',
      ]);
    });

    it('starts counting afresh after a successful login', async () => {
      const policy = await t.services.securityPolicy.get();
      const user = await gridWorker();
      for (let i = 1; i < policy.lockoutThreshold; i += 1) await tryLogin(user.username, WRONG);
      expect((await tryLogin(user.username, user.password)).statusCode).toBe(200);
      expectProblem(await tryLogin(user.username, WRONG), 'INVALID_CREDENTIALS');
    });
  });

  describe('second factor', () => {
    it('makes an administrator without TOTP enrol before anything else, then lets them in', async () => {
      const admin = [{ role: 'security_admin' as const, regionCode: '3201' }];
      const user = await makeUser(t.services, admin, { totp: false });
      const agent = t.agent();
      const login = await loginWith(agent, user.username, user.password);
      expect(login.json()).toMatchObject({ stage: 'second_factor_setup', me: null });
      expectProblem(await agent.get('/api/me'), 'UNAUTHENTICATED');
      expectProblem(await agent.get('/api/security-policy'), 'UNAUTHENTICATED');
      const setup = await agent.post('/api/me/second-factor/setup');
      const { secret, otpauthUrl } = setup.json() as { secret: string; otpauthUrl: string };
      expect(otpauthUrl).toMatch(/^otpauth:\/\/totp\//);
      const code = totpCodeAt(secret, t.clock());
      const wrong = await agent.post('/api/me/second-factor/enable', { code: otherThan(code) });
      expectProblem(wrong, 'SECOND_FACTOR_INVALID');
      const enabled = await agent.post('/api/me/second-factor/enable', { code });
      expect(enabled.json()).toMatchObject({ stage: 'full', me: { secondFactorEnabled: true } });
      expect((await agent.get('/api/security-policy')).statusCode).toBe(200);
      const stored = await t.db.db
        .selectFrom('app_user')
        .select(['totp_secret', 'totp_pending_secret'])
        .where('id', '=', user.id)
        .executeTakeFirstOrThrow();
      // the secret is kept encrypted at rest, never as the base32 text an authenticator app gets
      expect(stored.totp_pending_secret).toBeNull();
      expect(stored.totp_secret).not.toContain(secret);
      expect(t.services.cipher.decrypt(stored.totp_secret!)).toBe(secret);
    });

    it('lets an administrator without TOTP straight in when the policy does not require it', async () => {
      const before = await t.services.securityPolicy.get();
      await setPolicy({ ...before, requireSecondFactorForAdmins: false });
      try {
        const admin = [{ role: 'audit_admin' as const, regionCode: '3201' }];
        const user = await makeUser(t.services, admin, { totp: false });
        expect((await tryLogin(user.username, user.password)).json()).toMatchObject({
          stage: 'full',
        });
      } finally {
        await setPolicy(before);
      }
    });

    it('asks an enrolled user for a code, refuses a wrong one and a replayed one', async () => {
      const user = await makeUser(t.services, [{ role: 'system_admin', regionCode: '3201' }]);
      const first = t.agent();
      const login = await loginWith(first, user.username, user.password);
      expect(login.json()).toMatchObject({ stage: 'second_factor', me: null });
      expectProblem(await first.get('/api/me'), 'UNAUTHENTICATED');
      expectProblem(await first.post('/api/me/second-factor/setup'), 'UNAUTHENTICATED');
      const code = totpCodeAt(user.totpSecret!, t.clock());
      const wrong = await first.post('/api/auth/second-factor', { code: otherThan(code) });
      expect(expectProblem(wrong, 'SECOND_FACTOR_INVALID').errors?.map((e) => e.path)).toEqual([
        'code',
      ]);
      const accepted = await first.post('/api/auth/second-factor', { code });
      expect(accepted.json()).toMatchObject({ stage: 'full' });
      expect((await first.get('/api/me')).statusCode).toBe(200);

      const replay = t.agent();
      await loginWith(replay, user.username, user.password);
      expectProblem(
        await replay.post('/api/auth/second-factor', { code }),
        'SECOND_FACTOR_INVALID',
      );
      t.clock.advance(30_000);
      const next = await replay.post('/api/auth/second-factor', {
        code: totpCodeAt(user.totpSecret!, t.clock()),
      });
      expect(next.json()).toMatchObject({ stage: 'full' });
    });

    it('records the second-factor login and failure in the audit trail', async () => {
      const user = await makeUser(t.services, [{ role: 'audit_admin', regionCode: '3201' }]);
      const agent = t.agent();
      await loginWith(agent, user.username, user.password);
      const code = totpCodeAt(user.totpSecret!, t.clock());
      await agent.post('/api/auth/second-factor', { code: otherThan(code) });
      await agent.post('/api/auth/second-factor', { code });
      expect((await auditOf(user.username)).map((e) => [e.action, e.outcome])).toEqual([
        ['auth.login.password_ok', 'success'],
        ['auth.second_factor', 'failure'],
        ['auth.login', 'success'],
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
      expectProblem(await agent.get('/api/me'), 'UNAUTHENTICATED');
    });
  });

  describe('own password', () => {
    it('names newPassword for a weak password and currentPassword for a wrong one', async () => {
      const { agent } = await loginAs(t, 'hotline_agent', '3201');
      const paths = (body: { errors?: { path: string }[] }) => [
        ...new Set(body.errors?.map((e) => e.path)),
      ];
      const wrong = await changePassword(agent, WRONG, 'Better#Pass2027');
      expect(paths(expectProblem(wrong, 'VALIDATION'))).toEqual(['currentPassword']);
      const weak = await changePassword(agent, TEST_PASSWORD, 'short');
      expect(paths(expectProblem(weak, 'PASSWORD_POLICY'))).toEqual(['newPassword']);
      const same = await changePassword(agent, TEST_PASSWORD, TEST_PASSWORD);
      expect(paths(expectProblem(same, 'PASSWORD_POLICY'))).toEqual(['newPassword']);
    });

    it('changes the password, ends the account’s other sessions and keeps this one', async () => {
      const { agent, user } = await loginAs(t, 'hotline_agent', '3201');
      const other = t.agent();
      await other.login(user.username, user.password);
      expect((await changePassword(agent, TEST_PASSWORD, 'Changed#Pass2027')).statusCode).toBe(200);
      expect((await agent.get('/api/me')).statusCode).toBe(200);
      expectProblem(await other.get('/api/me'), 'UNAUTHENTICATED');
      expectProblem(await tryLogin(user.username, TEST_PASSWORD), 'INVALID_CREDENTIALS');
      expect((await tryLogin(user.username, 'Changed#Pass2027')).statusCode).toBe(200);
    });
  });

  describe('password change due', () => {
    it('holds an account whose password an administrator set until it is changed', async () => {
      const user = await streetStaff();
      await setUser(user.id, { must_change_password: true });
      const agent = t.agent();
      const login = await loginWith(agent, user.username, user.password);
      expect(login.json()).toMatchObject({ stage: 'full', me: { mustChangePassword: true } });
      expect((await agent.get('/api/me')).statusCode).toBe(200);
      expectProblem(await agent.get('/api/regions/320102005'), 'PASSWORD_CHANGE_REQUIRED');
      const grid = await agent.post('/api/regions/320102005001/grids', { name: '网格' });
      expectProblem(grid, 'PASSWORD_CHANGE_REQUIRED');
      expect((await changePassword(agent, TEST_PASSWORD, 'Fresh#Pass2027')).statusCode).toBe(200);
      expect((await agent.get('/api/me')).json()).toMatchObject({ mustChangePassword: false });
      expect((await agent.get('/api/regions/320102005')).statusCode).toBe(200);
    });

    it('requires a change once the password is older than the policy allows (0 = no limit)', async () => {
      const policy = await t.services.securityPolicy.get();
      const user = await streetStaff();
      const maxAge = policy.passwordMaxAgeDays * 24 * 60 * MINUTE;
      await setUser(user.id, {
        password_changed_at: new Date(t.clock().getTime() - maxAge - MINUTE),
      });
      const agent = t.agent();
      await loginWith(agent, user.username, user.password);
      expect((await agent.get('/api/me')).json()).toMatchObject({ mustChangePassword: true });
      expectProblem(await agent.get('/api/regions/320102005'), 'PASSWORD_CHANGE_REQUIRED');
      await setPolicy({ ...policy, passwordMaxAgeDays: 0 });
      try {
        expect((await agent.get('/api/regions/320102005')).statusCode).toBe(200);
      } finally {
        await setPolicy(policy);
      }
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
      const street = me.grants.find((g) => g.role === 'street_staff')!.id;
      const hotline = me.grants.find((g) => g.role === 'hotline_agent')!.id;
      const switchTo = (grantId: string, regionCode: string) =>
        agent.put('/api/me/context', { grantId, regionCode });

      expect((await switchTo(street, '320102005001')).json()).toMatchObject({
        activeGrantId: street,
        currentRegion: { code: '320102005001', name: '百子亭社区', level: 'community' },
        titleLine: '——南京市玄武区玄武门街道社区综合管理和服务信息平台',
      });
      const outside = expectProblem(await switchTo(street, '320104001001'), 'OUT_OF_SCOPE');
      expect(outside.errors?.map((e) => e.path)).toEqual(['regionCode']);
      const unchanged = { currentRegion: { code: '320102005001' } };
      expect((await agent.get('/api/me')).json()).toMatchObject(unchanged);
      expect((await switchTo(hotline, '320104001001')).json()).toMatchObject({
        activeGrantId: hotline,
        currentRegion: { code: '320104001001' },
      });
    });

    it('ends the sessions of an account whose grants change, and audits the change', async () => {
      const { agent: admin } = await loginAs(t, 'system_admin', '3201');
      const { agent, user } = await loginAs(t, 'grid_worker', '320102005001');
      const grant = { role: 'street_staff', regionCode: '320102005' };
      expect((await admin.post(`/api/users/${user.id}/grants`, grant)).statusCode).toBe(200);
      expectProblem(await agent.get('/api/me'), 'UNAUTHENTICATED');
      const events = await t.db.db
        .selectFrom('audit_event')
        .select(['action', 'region_code'])
        .where('target_id', '=', user.id)
        .where('action', 'like', 'grant.%')
        .execute();
      expect(events).toEqual([{ action: 'grant.add', region_code: '320102005' }]);
    });
  });
});
