import {
  chinaDate,
  maskPhone,
  DomainError,
  isWithinAny,
  passwordProblems,
  requirePermission,
  roleLabels,
  roleRequiresDepartment,
  separationConflict,
  type CreateUserBody,
  type GrantInput,
  type Role,
  type UserView,
} from '@shequ/core';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { ActorContext } from '../../http/context';
import { xlsxOf } from '../../http/xlsx';
import type { AuditService } from '../audit/audit.service';
import type { Executor } from '../audit/audit.repository';
import { hashPassword } from '../auth/credentials';
import { clearActiveGrant, deleteSessionsOfUser } from '../auth/session.repository';
import { findDepartment } from '../departments/departments.repository';
import { findRegion } from '../regions/regions.repository';
import { loadSecurityPolicy } from '../security-policy/security-policy.repository';
import {
  findActiveGrant,
  findUserById,
  findUserByUsername,
  insertGrant,
  insertUser,
  listUsers,
  loadGrantViews,
  revokeGrant,
  toUserView,
  updateUser,
  type UserListFilter,
} from './users.repository';

/** Staff accounts and their grants: the system administrator's work, within their region scope. */
export class UsersService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly audit: AuditService,
    private readonly clock: () => Date,
  ) {}

  async list(
    ctx: ActorContext,
    filter: Omit<UserListFilter, 'scopes'>,
    page: number,
    pageSize: number,
  ) {
    const scopes = requirePermission(ctx.actor, 'user:read');
    const { rows, total } = await listUsers(this.db, { ...filter, scopes }, page, pageSize);
    const grants = await loadGrantViews(
      this.db,
      rows.map((r) => r.id),
    );
    const now = this.clock();
    await this.audit.record(null, ctx, {
      action: 'user.list',
      targetType: 'user',
      detail: { filter, page, returned: rows.length },
    });
    return {
      // lists show phones masked; the full number is in the (audited) detail
      items: rows.map((r) => {
        const view = toUserView(r, r.home_region_name, grants.get(r.id) ?? [], now);
        return { ...view, phone: maskPhone(view.phone) };
      }),
      total,
      page,
      pageSize,
    };
  }

  async get(ctx: ActorContext, id: string, audited = true): Promise<UserView> {
    const scopes = requirePermission(ctx.actor, 'user:read');
    const view = await this.view(this.db, id);
    if (!view || !isWithinAny(view.homeRegionCode, scopes))
      throw new DomainError('NOT_FOUND', '用户不存在或不在您的管辖范围内');
    if (audited)
      await this.audit.record(null, ctx, {
        action: 'user.read',
        targetType: 'user',
        targetId: id,
        regionCode: view.homeRegionCode,
      });
    return view;
  }

  async create(ctx: ActorContext, input: CreateUserBody): Promise<UserView> {
    const scopes = this.manageScopes(ctx);
    if (!isWithinAny(input.homeRegionCode, scopes)) {
      throw new DomainError('OUT_OF_SCOPE', '所属区域不在您的管辖范围内', [
        { path: 'homeRegionCode', message: '所属区域不在您的管辖范围内' },
      ]);
    }
    const policy = await loadSecurityPolicy(this.db);
    const problems = passwordProblems(input.password, policy, input.username);
    if (problems.length > 0) {
      throw new DomainError(
        'PASSWORD_POLICY',
        problems.join('；'),
        problems.map((message) => ({ path: 'password', message })),
      );
    }
    const passwordHash = await hashPassword(input.password);
    const now = this.clock();
    return this.db.transaction().execute(async (trx) => {
      if (await findUserByUsername(trx, input.username)) {
        throw new DomainError('CONFLICT', '用户名已被使用', [
          { path: 'username', message: '用户名已被使用' },
        ]);
      }
      await this.requireRegion(trx, input.homeRegionCode, 'homeRegionCode');
      this.checkSeparation(
        input.grants.map((g) => g.role),
        'grants',
      );
      const userId = await insertUser(trx, {
        username: input.username,
        display_name: input.displayName,
        phone: input.phone ?? null,
        home_region_code: input.homeRegionCode,
        password_hash: passwordHash,
        password_changed_at: now,
        must_change_password: true,
        created_at: now,
        updated_at: now,
      });
      for (const [i, grant] of input.grants.entries()) {
        // grants are listed by granted_at and the first is the one a login starts under: keep the given order
        await this.insertGrant(
          trx,
          ctx,
          userId,
          grant,
          scopes,
          `grants.${i}`,
          new Date(now.getTime() + i),
        );
      }
      await this.audit.record(trx, ctx, {
        action: 'user.create',
        targetType: 'user',
        targetId: userId,
        regionCode: input.homeRegionCode,
        detail: { username: input.username, grants: input.grants },
      });
      return (await this.view(trx, userId))!;
    });
  }

  async update(
    ctx: ActorContext,
    id: string,
    patch: {
      displayName?: string | undefined;
      phone?: string | null | undefined;
      status?: 'active' | 'disabled' | undefined;
    },
  ): Promise<UserView> {
    const target = await this.managedTarget(ctx, id);
    if (patch.status === 'disabled' && id === ctx.actor.userId) {
      throw new DomainError('FORBIDDEN', '不能停用自己的账号', [
        { path: 'status', message: '不能停用自己的账号' },
      ]);
    }
    const now = this.clock();
    return this.db.transaction().execute(async (trx) => {
      await updateUser(trx, id, {
        ...(patch.displayName !== undefined ? { display_name: patch.displayName } : {}),
        ...(patch.phone !== undefined ? { phone: patch.phone } : {}),
        ...(patch.status !== undefined ? { status: patch.status } : {}),
        updated_at: now,
      });
      if (patch.status === 'disabled') await deleteSessionsOfUser(trx, id);
      await this.audit.record(trx, ctx, {
        action: 'user.update',
        targetType: 'user',
        targetId: id,
        regionCode: target.homeRegionCode,
        detail: {
          before: { displayName: target.displayName, phone: target.phone, status: target.status },
          after: patch,
        },
      });
      return (await this.view(trx, id))!;
    });
  }

  async addGrant(ctx: ActorContext, id: string, grant: GrantInput): Promise<UserView> {
    const scopes = this.manageScopes(ctx);
    const target = await this.managedTarget(ctx, id);
    this.refuseSelf(ctx, id);
    this.checkSeparation([...target.grants.map((g) => g.role), grant.role], 'role');
    const now = this.clock();
    return this.db.transaction().execute(async (trx) => {
      const grantId = await this.insertGrant(trx, ctx, id, grant, scopes, '', now);
      await deleteSessionsOfUser(trx, id);
      await this.audit.record(trx, ctx, {
        action: 'grant.add',
        targetType: 'user',
        targetId: id,
        regionCode: grant.regionCode,
        detail: { grantId, ...grant },
      });
      return (await this.view(trx, id))!;
    });
  }

  async revokeGrant(ctx: ActorContext, id: string, grantId: string): Promise<UserView> {
    const scopes = this.manageScopes(ctx);
    const target = await this.managedTarget(ctx, id);
    this.refuseSelf(ctx, id);
    const grant = target.grants.find((g) => g.id === grantId);
    if (!grant) throw new DomainError('NOT_FOUND', '授权不存在');
    if (!isWithinAny(grant.regionCode, scopes))
      throw new DomainError('OUT_OF_SCOPE', '该授权的区域不在您的管辖范围内');
    const now = this.clock();
    return this.db.transaction().execute(async (trx) => {
      await revokeGrant(trx, grantId, ctx.actor.userId, now);
      await clearActiveGrant(trx, grantId);
      await deleteSessionsOfUser(trx, id);
      await this.audit.record(trx, ctx, {
        action: 'grant.revoke',
        targetType: 'user',
        targetId: id,
        regionCode: grant.regionCode,
        detail: { grantId, role: grant.role, regionCode: grant.regionCode },
      });
      return (await this.view(trx, id))!;
    });
  }

  async unlock(ctx: ActorContext, id: string): Promise<UserView> {
    const target = await this.managedTarget(ctx, id);
    return this.db.transaction().execute(async (trx) => {
      await updateUser(trx, id, { locked_until: null, failed_login_count: 0 });
      await this.audit.record(trx, ctx, {
        action: 'user.unlock',
        targetType: 'user',
        targetId: id,
        regionCode: target.homeRegionCode,
      });
      return (await this.view(trx, id))!;
    });
  }

  async resetPassword(ctx: ActorContext, id: string, password: string): Promise<void> {
    const target = await this.managedTarget(ctx, id);
    this.refuseSelf(ctx, id);
    const policy = await loadSecurityPolicy(this.db);
    const problems = passwordProblems(password, policy, target.username);
    if (problems.length > 0) {
      throw new DomainError(
        'PASSWORD_POLICY',
        problems.join('；'),
        problems.map((message) => ({ path: 'password', message })),
      );
    }
    const passwordHash = await hashPassword(password);
    const now = this.clock();
    await this.db.transaction().execute(async (trx) => {
      await updateUser(trx, id, {
        password_hash: passwordHash,
        password_changed_at: now,
        must_change_password: true,
        locked_until: null,
        failed_login_count: 0,
        updated_at: now,
      });
      await deleteSessionsOfUser(trx, id);
      await this.audit.record(trx, ctx, {
        action: 'user.reset_password',
        targetType: 'user',
        targetId: id,
        regionCode: target.homeRegionCode,
      });
    });
  }

  async export(
    ctx: ActorContext,
    filter: Omit<UserListFilter, 'scopes'>,
  ): Promise<{ fileName: string; body: Buffer }> {
    const scopes = requirePermission(ctx.actor, 'user:read');
    const { rows } = await listUsers(this.db, { ...filter, scopes }, 1, 50_000);
    const grants = await loadGrantViews(
      this.db,
      rows.map((r) => r.id),
    );
    const now = this.clock();
    const views = rows.map((r) => toUserView(r, r.home_region_name, grants.get(r.id) ?? [], now));
    const body = await xlsxOf<UserView>(
      '用户',
      [
        { header: '用户名', width: 16, value: (u) => u.username },
        { header: '姓名', width: 12, value: (u) => u.displayName },
        { header: '电话', width: 14, value: (u) => maskPhone(u.phone) },
        { header: '所属区域', width: 24, value: (u) => u.homeRegionName },
        { header: '区划代码', width: 16, value: (u) => u.homeRegionCode },
        { header: '状态', width: 8, value: (u) => (u.status === 'active' ? '正常' : '停用') },
        {
          header: '角色与范围',
          width: 60,
          value: (u) => u.grants.map((g) => `${roleLabels[g.role]}@${g.regionName}`).join('；'),
        },
      ],
      views,
    );
    await this.audit.record(null, ctx, {
      action: 'user.export',
      targetType: 'user',
      detail: { filter, rows: views.length },
    });
    return { fileName: `用户清单_${chinaDate(now)}.xlsx`, body };
  }

  private manageScopes(ctx: ActorContext): string[] {
    return requirePermission(ctx.actor, 'user:manage');
  }

  private async managedTarget(ctx: ActorContext, id: string): Promise<UserView> {
    const scopes = this.manageScopes(ctx);
    const view = await this.view(this.db, id);
    if (!view || !isWithinAny(view.homeRegionCode, scopes))
      throw new DomainError('NOT_FOUND', '用户不存在或不在您的管辖范围内');
    return view;
  }

  private refuseSelf(ctx: ActorContext, id: string): void {
    if (id === ctx.actor.userId)
      throw new DomainError(
        'SEPARATION_OF_DUTIES',
        '不能修改自己的授权或密码，请由另一名系统管理员操作',
      );
  }

  private checkSeparation(rolesHeld: Role[], path: string): void {
    const conflict = separationConflict(rolesHeld);
    if (conflict) {
      const message = `${roleLabels[conflict[0]]}与${roleLabels[conflict[1]]}不得由同一账号担任`;
      throw new DomainError('SEPARATION_OF_DUTIES', message, [{ path, message }]);
    }
  }

  private async requireRegion(db: Executor, code: string, path: string): Promise<void> {
    const region = await findRegion(db, code);
    if (!region || region.valid_to !== null)
      throw new DomainError('VALIDATION', `区域 ${code} 不存在`, [
        { path, message: '区域不存在或已撤销' },
      ]);
  }

  private async insertGrant(
    trx: Executor,
    ctx: ActorContext,
    userId: string,
    grant: GrantInput,
    scopes: string[],
    path: string,
    now: Date,
  ): Promise<string> {
    const at = (field: string) => (path ? `${path}.${field}` : field);
    if (grant.role === 'resident') {
      throw new DomainError('VALIDATION', '居民账号不在员工账号管理中授予', [
        { path: at('role'), message: '居民账号不在员工账号管理中授予' },
      ]);
    }
    if (!isWithinAny(grant.regionCode, scopes)) {
      throw new DomainError('OUT_OF_SCOPE', '授权区域不在您的管辖范围内', [
        { path: at('regionCode'), message: '授权区域不在您的管辖范围内' },
      ]);
    }
    await this.requireRegion(trx, grant.regionCode, at('regionCode'));
    const departmentId = grant.departmentId ?? null;
    if (roleRequiresDepartment(grant.role) && !departmentId) {
      throw new DomainError('VALIDATION', `${roleLabels[grant.role]}须指定部门`, [
        { path: at('departmentId'), message: '请选择部门' },
      ]);
    }
    if (departmentId) {
      const dept = await findDepartment(trx, departmentId);
      if (!dept)
        throw new DomainError('VALIDATION', '部门不存在', [
          { path: at('departmentId'), message: '部门不存在' },
        ]);
      if (!grant.regionCode.startsWith(dept.region_code)) {
        throw new DomainError('VALIDATION', '授权区域须在该部门的辖区内', [
          { path: at('regionCode'), message: '授权区域须在该部门的辖区内' },
        ]);
      }
    }
    const duplicate = await findActiveGrant(trx, {
      userId,
      role: grant.role,
      regionCode: grant.regionCode,
      departmentId,
    });
    if (duplicate)
      throw new DomainError('CONFLICT', '该授权已存在', [
        { path: at('role'), message: '该授权已存在' },
      ]);
    return insertGrant(trx, {
      user_id: userId,
      role: grant.role,
      region_code: grant.regionCode,
      department_id: departmentId,
      granted_by: ctx.actor.userId,
      granted_at: now,
    });
  }

  private async view(db: Executor, id: string): Promise<UserView | undefined> {
    const row = await findUserById(db, id);
    if (!row || row.kind !== 'staff') return undefined;
    const region = await findRegion(db, row.home_region_code);
    if (!region) return undefined;
    const grants = (await loadGrantViews(db, [id])).get(id) ?? [];
    return toUserView(row, region.name, grants, this.clock());
  }
}
