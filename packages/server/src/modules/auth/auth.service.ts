import {
  ancestorCodesOf,
  DomainError,
  isAdministratorRole,
  isWithin,
  passwordChangeDue,
  passwordProblems,
  permissionsOf,
  platformTitleLine,
  type Actor,
  type Me,
  type SecurityPolicy,
  type SessionStage,
  type SessionState,
} from '@shequ/core';
import type { Kysely } from 'kysely';
import type { FieldCipher } from '../../crypto/field-cipher';
import type { Database } from '../../db/schema';
import type { ActorContext, RequestContext } from '../../http/context';
import type { AuditService } from '../audit/audit.service';
import { findRegions } from '../regions/regions.repository';
import { loadSecurityPolicy, policyOf } from '../security-policy/security-policy.repository';
import {
  findUserById,
  findUserByUsername,
  grantsOf,
  grantViewOf,
  loadGrantViews,
  updateUser,
} from '../users/users.repository';
import {
  acceptTotp,
  decoyPasswordHash,
  hashPassword,
  newTotpSecret,
  totpUri,
  verifyPassword,
} from './credentials';
import {
  createSession,
  deleteSession,
  deleteExpiredSessions,
  deleteOtherSessions,
  deleteSessionsOfUser,
  findSessionState,
  updateSession,
  type SessionRecord,
} from './session.repository';

export interface SignedIn {
  session: SessionRecord;
  actor: Actor;
}

/** Login, second factor, sessions and the caller's own account. */
export class AuthService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly audit: AuditService,
    private readonly clock: () => Date,
    private readonly cipher: FieldCipher,
  ) {}

  /** Checks username and password; returns a new session token in the stage the account needs. */
  async login(
    ctx: RequestContext,
    username: string,
    password: string,
  ): Promise<{ token: string; signedIn: SignedIn }> {
    const now = this.clock();
    const policy = await loadSecurityPolicy(this.db);
    const name = username.trim().toLowerCase();
    const user = await findUserByUsername(this.db, name);
    if (!user || user.kind !== 'staff') {
      await verifyPassword(await decoyPasswordHash(), password);
      await this.audit.record(null, ctx, {
        action: 'auth.login',
        outcome: 'failure',
        actorName: name,
        actorId: null,
        regionCode: null,
        detail: { reason: 'unknown_account' },
      });
      throw new DomainError('INVALID_CREDENTIALS', '用户名或密码错误');
    }
    const failAs = (reason: string) =>
      this.audit.record(null, ctx, {
        action: 'auth.login',
        outcome: 'failure',
        actorName: user.username,
        actorId: user.id,
        regionCode: user.home_region_code,
        detail: { reason },
      });
    if (user.status === 'disabled') {
      await failAs('disabled');
      throw new DomainError('ACCOUNT_DISABLED', '账号已停用，请联系系统管理员');
    }
    if (user.locked_until && user.locked_until > now) {
      await failAs('locked');
      throw new DomainError('ACCOUNT_LOCKED', lockedMessage(user.locked_until, now));
    }
    if (!(await verifyPassword(user.password_hash, password))) {
      const locked = await this.countFailure(user.id, user.failed_login_count, policy, now);
      await failAs(locked ? 'bad_password_locked' : 'bad_password');
      if (locked)
        throw new DomainError(
          'ACCOUNT_LOCKED',
          `连续登录失败 ${policy.lockoutThreshold} 次，账号已锁定 ${policy.lockoutMinutes} 分钟`,
        );
      throw new DomainError('INVALID_CREDENTIALS', '用户名或密码错误');
    }

    const grantViews = (await loadGrantViews(this.db, [user.id])).get(user.id) ?? [];
    const needsSecondFactor =
      policy.requireSecondFactorForAdmins && grantViews.some((g) => isAdministratorRole(g.role));
    const stage: SessionStage = user.totp_enabled_at
      ? 'second_factor'
      : needsSecondFactor
        ? 'second_factor_setup'
        : 'full';
    const first = grantViews[0];
    const expiresAt = new Date(now.getTime() + policy.sessionAbsoluteHours * 3600_000);
    const result = await this.db.transaction().execute(async (trx) => {
      await updateUser(trx, user.id, {
        failed_login_count: 0,
        locked_until: null,
        ...(stage === 'full' ? { last_login_at: now } : {}),
      });
      if (ctx.session) await deleteSession(trx, ctx.session.id);
      await deleteExpiredSessions(trx, now);
      const created = await createSession(trx, {
        userId: user.id,
        stage,
        activeGrantId: first?.id ?? null,
        currentRegionCode: first?.regionCode ?? user.home_region_code,
        clientIp: ctx.clientIp,
        userAgent: ctx.userAgent,
        now,
        expiresAt,
      });
      const actor: Actor = {
        userId: user.id,
        username: user.username,
        displayName: user.display_name,
        grants: grantsOf(grantViews),
        activeGrantId: created.session.activeGrantId,
      };
      await this.audit.record(
        trx,
        { ...ctx, actor, session: created.session },
        {
          action: stage === 'full' ? 'auth.login' : 'auth.login.password_ok',
          targetType: 'user',
          targetId: user.id,
          regionCode: user.home_region_code,
          detail: { stage },
        },
      );
      const passwordChangeRequired = passwordChangeDue(
        {
          mustChangePassword: user.must_change_password,
          passwordChangedAt: user.password_changed_at,
        },
        policy,
        now,
      );
      return {
        token: created.token,
        signedIn: { session: { ...created.session, passwordChangeRequired }, actor },
      };
    });
    return result;
  }

  /** Completes a login waiting for its TOTP code. */
  async verifySecondFactor(ctx: RequestContext, code: string): Promise<SignedIn> {
    const { session, actor } = this.pending(ctx, 'second_factor');
    const now = this.clock();
    const user = await findUserById(this.db, actor.userId);
    if (!user?.totp_secret)
      throw new DomainError('SECOND_FACTOR_SETUP_REQUIRED', '尚未设置双因素认证');
    const step = acceptTotp(this.cipher.decrypt(user.totp_secret), code, now, user.totp_last_step);
    if (step === undefined) {
      const policy = await loadSecurityPolicy(this.db);
      const locked = await this.countFailure(user.id, user.failed_login_count, policy, now);
      await this.audit.record(null, ctx, {
        action: 'auth.second_factor',
        outcome: 'failure',
        regionCode: user.home_region_code,
        detail: { locked },
      });
      if (locked) {
        await deleteSession(this.db, session.id);
        throw new DomainError(
          'ACCOUNT_LOCKED',
          `连续验证失败 ${policy.lockoutThreshold} 次，账号已锁定 ${policy.lockoutMinutes} 分钟`,
        );
      }
      throw new DomainError('SECOND_FACTOR_INVALID', '动态验证码错误或已使用', [
        { path: 'code', message: '动态验证码错误或已使用' },
      ]);
    }
    return this.db.transaction().execute(async (trx) => {
      await updateUser(trx, user.id, {
        totp_last_step: step,
        failed_login_count: 0,
        last_login_at: now,
      });
      await updateSession(trx, session.id, { stage: 'full' });
      const full = { ...session, stage: 'full' as const };
      await this.audit.record(
        trx,
        { ...ctx, session: full },
        {
          action: 'auth.login',
          targetType: 'user',
          targetId: user.id,
          regionCode: user.home_region_code,
          detail: { stage: 'full', secondFactor: true },
        },
      );
      return { session: full, actor };
    });
  }

  async logout(ctx: RequestContext): Promise<void> {
    if (!ctx.session) return;
    await deleteSession(this.db, ctx.session.id);
    if (ctx.actor)
      await this.audit.record(null, ctx, {
        action: 'auth.logout',
        targetType: 'user',
        targetId: ctx.actor.userId,
      });
  }

  /** The session and actor behind a cookie token, or undefined when expired, idle or unknown. */
  async resolve(token: string): Promise<SignedIn | undefined> {
    const state = await findSessionState(this.db, token);
    if (!state) return undefined;
    const { session, user } = state;
    const now = this.clock();
    const policy = policyOf(state.settings);
    const idleLimit = session.lastSeenAt.getTime() + policy.sessionIdleMinutes * 60_000;
    if (session.expiresAt <= now || idleLimit <= now.getTime()) {
      await deleteSession(this.db, session.id);
      return undefined;
    }
    if (user.status !== 'active' || (user.locked_until && user.locked_until > now)) {
      await deleteSession(this.db, session.id);
      return undefined;
    }
    const grantViews = state.grants.map(grantViewOf);
    // a session acting under a grant that has since been revoked falls back to the first grant
    let activeGrantId = session.activeGrantId;
    let currentRegionCode = session.currentRegionCode;
    const active = grantViews.find((g) => g.id === activeGrantId);
    if (!active || !currentRegionCode || !isWithin(currentRegionCode, active.regionCode)) {
      activeGrantId = grantViews[0]?.id ?? null;
      currentRegionCode = grantViews[0]?.regionCode ?? user.home_region_code;
      await updateSession(this.db, session.id, { activeGrantId, currentRegionCode });
    }
    if (now.getTime() - session.lastSeenAt.getTime() > 60_000) {
      await updateSession(this.db, session.id, { lastSeenAt: now });
    }
    const passwordChangeRequired = passwordChangeDue(
      {
        mustChangePassword: user.must_change_password,
        passwordChangedAt: user.password_changed_at,
      },
      policy,
      now,
    );
    return {
      session: { ...session, activeGrantId, currentRegionCode, passwordChangeRequired },
      actor: {
        userId: user.id,
        username: user.username,
        displayName: user.display_name,
        grants: grantsOf(grantViews),
        activeGrantId,
      },
    };
  }

  /**
   * The context of an operator at the command line (imports, maintenance): an active account's
   * own grants, with no web session. The operator is named in every audit entry and change.
   */
  async commandLineContext(username: string, purpose: string | null = null): Promise<ActorContext> {
    const user = await findUserByUsername(this.db, username);
    if (!user || user.status !== 'active') {
      throw new DomainError('NOT_FOUND', `没有名为 ${username} 的有效账号`);
    }
    const grantViews = (await loadGrantViews(this.db, [user.id])).get(user.id) ?? [];
    const now = this.clock();
    return {
      actor: {
        userId: user.id,
        username: user.username,
        displayName: user.display_name,
        grants: grantsOf(grantViews),
        activeGrantId: grantViews[0]?.id ?? null,
      },
      session: {
        id: 'command-line',
        userId: user.id,
        stage: 'full',
        csrfToken: '',
        activeGrantId: grantViews[0]?.id ?? null,
        currentRegionCode: grantViews[0]?.regionCode ?? null,
        createdAt: now,
        lastSeenAt: now,
        expiresAt: now,
        passwordChangeRequired: false,
      },
      requestId: `cli-${now.getTime()}`,
      clientIp: '127.0.0.1',
      userAgent: 'shequ-cli',
      purpose,
    };
  }

  /** The caller as the web client sees it. */
  async me(actor: Actor, session: SessionRecord): Promise<Me> {
    const user = await findUserById(this.db, actor.userId);
    if (!user) throw new DomainError('UNAUTHENTICATED', '请先登录');
    const grants = (await loadGrantViews(this.db, [actor.userId])).get(actor.userId) ?? [];
    const regionCode = session.currentRegionCode;
    const chain = regionCode
      ? await findRegions(this.db, [...ancestorCodesOf(regionCode), regionCode])
      : [];
    const current = chain.find((r) => r.code === regionCode);
    return {
      id: user.id,
      username: user.username,
      displayName: user.display_name,
      grants,
      activeGrantId: session.activeGrantId,
      currentRegion: current
        ? { code: current.code, name: current.name, level: current.level }
        : null,
      titleLine: platformTitleLine(chain),
      permissions: permissionsOf(actor),
      secondFactorEnabled: user.totp_enabled_at !== null,
      mustChangePassword: session.passwordChangeRequired,
    };
  }

  async state(signedIn: SignedIn | null, csrfToken: string): Promise<SessionState> {
    if (!signedIn) return { stage: null, me: null, csrfToken };
    const { session, actor } = signedIn;
    return {
      stage: session.stage,
      me: session.stage === 'full' ? await this.me(actor, session) : null,
      csrfToken: session.csrfToken,
    };
  }

  /** The region switcher: act under one of the caller's grants, in a region inside it. */
  async switchContext(ctx: ActorContext, grantId: string, regionCode: string): Promise<Me> {
    const grant = ctx.actor.grants.find((g) => g.id === grantId);
    if (!grant)
      throw new DomainError('VALIDATION', '授权不存在', [
        { path: 'grantId', message: '您没有该授权' },
      ]);
    if (!isWithin(regionCode, grant.regionCode)) {
      throw new DomainError('OUT_OF_SCOPE', '该区域不在所选授权的范围内', [
        { path: 'regionCode', message: '该区域不在所选授权的范围内' },
      ]);
    }
    const [region] = await findRegions(this.db, [regionCode]);
    if (!region || region.valid_to !== null) {
      throw new DomainError('VALIDATION', '区域不存在', [
        { path: 'regionCode', message: '区域不存在或已撤销' },
      ]);
    }
    await updateSession(this.db, ctx.session.id, {
      activeGrantId: grantId,
      currentRegionCode: regionCode,
    });
    const session = { ...ctx.session, activeGrantId: grantId, currentRegionCode: regionCode };
    return this.me({ ...ctx.actor, activeGrantId: grantId }, session);
  }

  /** Starts TOTP enrolment: a new secret, kept pending until a code from it is confirmed. */
  async setupSecondFactor(ctx: RequestContext): Promise<{ secret: string; otpauthUrl: string }> {
    const { actor } = this.signedInForSetup(ctx);
    const secret = newTotpSecret();
    await updateUser(this.db, actor.userId, { totp_pending_secret: this.cipher.encrypt(secret) });
    return { secret, otpauthUrl: totpUri(secret, actor.username) };
  }

  /** Confirms TOTP enrolment with a code; a session waiting for set-up becomes full. */
  async enableSecondFactor(ctx: RequestContext, code: string): Promise<SignedIn> {
    const { session, actor } = this.signedInForSetup(ctx);
    const now = this.clock();
    const user = await findUserById(this.db, actor.userId);
    if (!user?.totp_pending_secret) {
      throw new DomainError('VALIDATION', '请先生成双因素认证密钥', [
        { path: 'code', message: '请先生成密钥' },
      ]);
    }
    const step = acceptTotp(this.cipher.decrypt(user.totp_pending_secret), code, now, null);
    if (step === undefined) {
      throw new DomainError('SECOND_FACTOR_INVALID', '动态验证码错误', [
        { path: 'code', message: '动态验证码错误' },
      ]);
    }
    return this.db.transaction().execute(async (trx) => {
      await updateUser(trx, user.id, {
        totp_secret: user.totp_pending_secret,
        totp_pending_secret: null,
        totp_enabled_at: now,
        totp_last_step: step,
        ...(session.stage === 'second_factor_setup' ? { last_login_at: now } : {}),
      });
      if (session.stage !== 'full') await updateSession(trx, session.id, { stage: 'full' });
      const full = { ...session, stage: 'full' as const };
      await this.audit.record(
        trx,
        { ...ctx, session: full },
        {
          action: 'auth.second_factor.enable',
          targetType: 'user',
          targetId: user.id,
          regionCode: user.home_region_code,
        },
      );
      return { session: full, actor };
    });
  }

  async changePassword(
    ctx: ActorContext,
    currentPassword: string,
    newPassword: string,
  ): Promise<void> {
    const user = await findUserById(this.db, ctx.actor.userId);
    if (!user || !(await verifyPassword(user.password_hash, currentPassword))) {
      throw new DomainError('VALIDATION', '当前密码错误', [
        { path: 'currentPassword', message: '当前密码错误' },
      ]);
    }
    const policy = await loadSecurityPolicy(this.db);
    const problems = passwordProblems(newPassword, policy, user.username);
    if (currentPassword === newPassword) problems.push('新密码不能与当前密码相同');
    if (problems.length > 0) {
      throw new DomainError(
        'PASSWORD_POLICY',
        problems.join('；'),
        problems.map((message) => ({ path: 'newPassword', message })),
      );
    }
    const now = this.clock();
    const passwordHash = await hashPassword(newPassword);
    await this.db.transaction().execute(async (trx) => {
      await updateUser(trx, user.id, {
        password_hash: passwordHash,
        password_changed_at: now,
        must_change_password: false,
        updated_at: now,
      });
      // other sessions of the account end; this one stays
      await deleteOtherSessions(trx, user.id, ctx.session.id);
      await this.audit.record(trx, ctx, {
        action: 'auth.password.change',
        targetType: 'user',
        targetId: user.id,
        regionCode: user.home_region_code,
      });
    });
  }

  /** Ends every session of a user (after a password reset, disabling or a grant change). */
  endSessionsOf(userId: string): Promise<void> {
    return deleteSessionsOfUser(this.db, userId);
  }

  private async countFailure(
    userId: string,
    failedSoFar: number,
    policy: SecurityPolicy,
    now: Date,
  ): Promise<boolean> {
    const failures = failedSoFar + 1;
    const lock = failures >= policy.lockoutThreshold;
    await updateUser(
      this.db,
      userId,
      lock
        ? {
            failed_login_count: 0,
            locked_until: new Date(now.getTime() + policy.lockoutMinutes * 60_000),
          }
        : { failed_login_count: failures },
    );
    return lock;
  }

  private pending(ctx: RequestContext, stage: SessionStage): SignedIn {
    if (!ctx.session || !ctx.actor || ctx.session.stage !== stage) {
      throw new DomainError('UNAUTHENTICATED', '登录已失效，请重新登录');
    }
    return { session: ctx.session, actor: ctx.actor };
  }

  private signedInForSetup(ctx: RequestContext): SignedIn {
    if (!ctx.session || !ctx.actor || ctx.session.stage === 'second_factor') {
      throw new DomainError('UNAUTHENTICATED', '请先登录');
    }
    return { session: ctx.session, actor: ctx.actor };
  }
}

function lockedMessage(until: Date, now: Date): string {
  const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
  return `账号已锁定，请 ${minutes} 分钟后再试或联系系统管理员解锁`;
}
