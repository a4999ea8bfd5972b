import { chinaDate, gridCode, type Role } from '@shequ/core';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { appendAuditEvent } from '../modules/audit/audit.repository';
import { hashPassword } from '../modules/auth/credentials';
import { createDepartment } from '../modules/departments/departments.repository';
import {
  saveSecurityPolicy,
  loadSecurityPolicy,
} from '../modules/security-policy/security-policy.repository';

/** The demo password of every demo account (meets the default password policy). */
export const DEMO_PASSWORD = 'Shequ@2026';

/** The demo city, street and community: real codes from the national data (南京市玄武区玄武门街道). */
export const demoPlaces = {
  city: '3201',
  county: '320102',
  street: '320102005',
  community: '320102005001',
  otherCounty: '320104',
} as const;

export interface DemoAccount {
  username: string;
  displayName: string;
  role: Role;
  regionCode: string;
  department?: string;
}

export const demoAccounts: DemoAccount[] = [
  {
    username: 'sysadmin',
    displayName: '王系统',
    role: 'system_admin',
    regionCode: demoPlaces.city,
  },
  {
    username: 'secadmin',
    displayName: '李安全',
    role: 'security_admin',
    regionCode: demoPlaces.city,
  },
  {
    username: 'auditadmin',
    displayName: '赵审计',
    role: 'audit_admin',
    regionCode: demoPlaces.city,
  },
  {
    username: 'infoadmin',
    displayName: '钱信息',
    role: 'informatization_admin',
    regionCode: demoPlaces.city,
    department: 'informatization',
  },
  {
    username: 'street',
    displayName: '孙街道',
    role: 'street_staff',
    regionCode: demoPlaces.street,
  },
  {
    username: 'worker',
    displayName: '周社工',
    role: 'community_worker',
    regionCode: demoPlaces.community,
  },
  {
    username: 'grid',
    displayName: '吴网格',
    role: 'grid_worker',
    regionCode: gridCode(demoPlaces.community, 1),
  },
  {
    username: 'reviewer',
    displayName: '郑民政',
    role: 'department_reviewer',
    regionCode: demoPlaces.county,
    department: 'civil_affairs',
  },
  {
    username: 'canlian',
    displayName: '褚残联',
    role: 'department_reviewer',
    regionCode: demoPlaces.county,
    department: 'disabled_federation',
  },
  {
    username: 'hotline',
    displayName: '冯坐席',
    role: 'hotline_agent',
    regionCode: demoPlaces.city,
  },
  {
    username: 'provider',
    displayName: '陈服务',
    role: 'service_provider',
    regionCode: demoPlaces.street,
  },
];

const demoDepartments: [string, string][] = [
  ['informatization', demoPlaces.city],
  ['civil_affairs', demoPlaces.city],
  ...[
    'civil_affairs',
    'public_security',
    'health',
    'disabled_federation',
    'human_resources',
    'justice',
    'veterans_affairs',
    'housing',
  ].map((t): [string, string] => [t, demoPlaces.county]),
];

const demoGrids = ['百子亭第一网格', '百子亭第二网格', '百子亭第三网格'];

/**
 * Loads the demo departments, grids and one account per role, once. The demo relaxes one policy:
 * administrators are not forced to set up TOTP (README says so); everything else is the default.
 */
export async function seedDemo(
  db: Kysely<Database>,
  now = new Date(),
): Promise<{ seeded: boolean }> {
  const existing = await db
    .selectFrom('app_user')
    .select('id')
    .where('username', '=', 'sysadmin')
    .executeTakeFirst();
  if (existing) return { seeded: false };
  const community = await db
    .selectFrom('region')
    .selectAll()
    .where('code', '=', demoPlaces.community)
    .executeTakeFirst();
  if (!community)
    throw new Error(
      `demo community ${demoPlaces.community} is missing: load the Jiangsu region tree first`,
    );
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  await db.transaction().execute(async (trx) => {
    const departmentIds = new Map<string, string>();
    for (const [type, region] of demoDepartments) {
      const d = await createDepartment(trx, { typeCode: type, regionCode: region });
      departmentIds.set(`${type}@${region}`, d.id);
    }
    for (const [i, name] of demoGrids.entries()) {
      const code = gridCode(demoPlaces.community, i + 1);
      await trx
        .insertInto('region')
        .values({
          code,
          name,
          level: 'grid',
          parent_code: community.code,
          path: `${community.path}${code}/`,
          full_name: `${community.full_name}${name}`,
          urban_rural_class: null,
          valid_from: chinaDate(now),
          source: 'demo',
          created_at: now,
          updated_at: now,
        })
        .onConflict((oc) => oc.column('code').doNothing())
        .execute();
      await trx
        .insertInto('region_change')
        .values({
          kind: 'create',
          region_code: code,
          effective_date: chinaDate(now),
          before: null,
          after: JSON.stringify({ name }),
          reason: '演示数据',
          actor_id: null,
          actor_name: '系统',
          recorded_at: now,
        })
        .execute();
    }
    for (const [i, account] of demoAccounts.entries()) {
      const user = await trx
        .insertInto('app_user')
        .values({
          username: account.username,
          display_name: account.displayName,
          phone: `1390000${String(i + 1).padStart(4, '0')}`,
          home_region_code: account.regionCode,
          password_hash: passwordHash,
          password_changed_at: now,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const deptRegion =
        account.department === 'informatization' ? demoPlaces.city : demoPlaces.county;
      await trx
        .insertInto('role_grant')
        .values({
          user_id: user.id,
          role: account.role,
          region_code: account.regionCode,
          department_id: account.department
            ? (departmentIds.get(`${account.department}@${deptRegion}`) ?? null)
            : null,
          granted_by: null,
          granted_at: now,
        })
        .execute();
    }
    const policy = await loadSecurityPolicy(trx);
    await saveSecurityPolicy(trx, { ...policy, requireSecondFactorForAdmins: false }, null, now);
    await appendAuditEvent(
      trx,
      {
        actorId: null,
        actorName: 'system',
        role: null,
        action: 'seed.demo',
        outcome: 'success',
        regionCode: demoPlaces.city,
        detail: {
          accounts: demoAccounts.map((a) => a.username),
          grids: demoGrids.length,
          departments: demoDepartments.length,
          requireSecondFactorForAdmins: false,
        },
      },
      now,
    );
  });
  return { seeded: true };
}
