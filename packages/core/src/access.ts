import { isWithin, normalizeScopes } from './region';
import { DomainError } from './errors';

/** Staff roles, plus the resident whom later capabilities admit. */
export const roles = [
  'community_worker',
  'grid_worker',
  'street_staff',
  'department_reviewer',
  'informatization_admin',
  'hotline_agent',
  'service_provider',
  'system_admin',
  'security_admin',
  'audit_admin',
  'resident',
] as const;
export type Role = (typeof roles)[number];

export const roleLabels: Record<Role, string> = {
  community_worker: '社区工作者',
  grid_worker: '网格员',
  street_staff: '街道（乡镇）工作人员',
  department_reviewer: '部门审核员',
  informatization_admin: '信息化主管部门管理员',
  hotline_agent: '热线坐席',
  service_provider: '服务机构',
  system_admin: '系统管理员',
  security_admin: '安全管理员',
  audit_admin: '审计管理员',
  resident: '居民',
};

/** The three administrator roles of 等保 2.0 (三员分立): no account may hold two of them. */
export const separatedAdminRoles = ['system_admin', 'security_admin', 'audit_admin'] as const;
export type SeparatedAdminRole = (typeof separatedAdminRoles)[number];

export function isSeparatedAdminRole(role: Role): role is SeparatedAdminRole {
  return (separatedAdminRoles as readonly Role[]).includes(role);
}

/** Roles whose holders must use a second factor when the security policy requires it. */
export function isAdministratorRole(role: Role): boolean {
  return isSeparatedAdminRole(role) || role === 'informatization_admin';
}

/** Roles that require a department on their grant. */
export function roleRequiresDepartment(role: Role): boolean {
  return role === 'department_reviewer';
}

/** Everything a caller may be allowed to do; each route demands one. */
export const permissions = [
  'region:read',
  'region:manage',
  'grid:manage',
  'department:read',
  'department:manage',
  'user:read',
  'user:manage',
  'audit:read',
  'security_policy:read',
  'security_policy:manage',
  'person:read',
  'person:write',
  'person:unmask',
  'person:import',
  'person:export',
  'person:merge',
  'catalog:read',
  'catalog:manage',
  'verification:work',
  'comparison:submit',
  'exchange:manage',
  'exchange:log',
  'matter:read',
  'matter:manage',
  'application:intake',
  'application:work',
  'application:supervise',
] as const;
export type Permission = (typeof permissions)[number];

const staffRead: Permission[] = ['region:read', 'department:read', 'catalog:read', 'matter:read'];
/** The community database work of community and street staff. */
const personWork: Permission[] = [
  'person:read',
  'person:write',
  'person:unmask',
  'person:import',
  'person:export',
  'person:merge',
];

/**
 * What each role may do, inside the region subtree of its grant. The three administrator roles
 * share nothing but reading the tree: accounts, audit and security policy are each one role's.
 */
export const rolePermissions: Record<Role, readonly Permission[]> = {
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
  resident: [],
};

/** One grant: a role over a region subtree (a code prefix), optionally for one department. */
export interface Grant {
  id: string;
  role: Role;
  regionCode: string;
  departmentId: string | null;
}

/** The caller as the domain sees it: who, with which grants, acting in which role and region. */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  grants: readonly Grant[];
  /** The grant the caller is acting under now (chosen with the region switcher). */
  activeGrantId: string | null;
}

/** The grants under which the actor holds a permission. */
export function grantsWith(actor: Actor, permission: Permission): Grant[] {
  return actor.grants.filter((g) => rolePermissions[g.role].includes(permission));
}

/** The region scopes (code prefixes) in which the actor holds a permission; empty when none. */
export function scopesFor(actor: Actor, permission: Permission): string[] {
  return normalizeScopes(grantsWith(actor, permission).map((g) => g.regionCode));
}

/** Whether the actor holds the permission anywhere. */
export function hasPermission(actor: Actor, permission: Permission): boolean {
  return grantsWith(actor, permission).length > 0;
}

/** Throws FORBIDDEN unless the actor holds the permission somewhere; returns its scopes. */
export function requirePermission(actor: Actor, permission: Permission): string[] {
  const scopes = scopesFor(actor, permission);
  if (scopes.length === 0) {
    throw new DomainError('FORBIDDEN', '您的角色无权执行此操作');
  }
  return scopes;
}

/** Throws OUT_OF_SCOPE unless the region lies inside a scope where the actor holds the permission. */
export function requirePermissionAt(
  actor: Actor,
  permission: Permission,
  regionCode: string,
): void {
  const scopes = requirePermission(actor, permission);
  if (!scopes.some((scope) => isWithin(regionCode, scope))) {
    throw new DomainError('OUT_OF_SCOPE', '该区域不在您的管辖范围内');
  }
}

/** Every permission the actor holds anywhere, for the web client to show or hide actions. */
export function permissionsOf(actor: Actor): Permission[] {
  const held = new Set<Permission>();
  for (const grant of actor.grants) for (const p of rolePermissions[grant.role]) held.add(p);
  return permissions.filter((p) => held.has(p));
}

/**
 * Checks a proposed set of roles for one account against three-role separation: returns the two
 * conflicting administrator roles, or undefined when the set is allowed.
 */
export function separationConflict(
  rolesHeld: readonly Role[],
): [SeparatedAdminRole, SeparatedAdminRole] | undefined {
  const admin = [...new Set(rolesHeld.filter(isSeparatedAdminRole))];
  if (admin.length >= 2) return [admin[0]!, admin[1]!];
  return undefined;
}
