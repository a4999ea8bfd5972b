import { describe, expect, it } from 'vitest';
import {
  hasPermission,
  permissionsOf,
  requirePermission,
  requirePermissionAt,
  rolePermissions,
  roles,
  scopesFor,
  separatedAdminRoles,
  separationConflict,
  type Actor,
  type Grant,
  type Role,
} from './access';
import { DomainError } from './errors';

let nextId = 0;
function grant(role: Role, regionCode: string): Grant {
  nextId += 1;
  return { id: `g${nextId}`, role, regionCode, departmentId: null };
}

function actorWith(...grants: Grant[]): Actor {
  return {
    userId: 'u1',
    username: 'u1',
    displayName: '测试',
    grants,
    activeGrantId: grants[0]?.id ?? null,
  };
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    return error instanceof DomainError ? error.code : 'not a DomainError';
  }
}

describe('separationConflict', () => {
  it.each([
    [['system_admin', 'security_admin']],
    [['system_admin', 'audit_admin']],
    [['security_admin', 'audit_admin']],
    [['community_worker', 'audit_admin', 'system_admin']],
  ] as Role[][][])('refuses two of the three administrator roles on one account (%j)', (held) => {
    const conflict = separationConflict(held);
    expect(conflict).toBeDefined();
    expect(new Set(conflict)).toEqual(
      new Set(held.filter((r) => (separatedAdminRoles as readonly Role[]).includes(r))),
    );
  });

  it('allows one administrator role together with ordinary roles', () => {
    expect(
      separationConflict(['system_admin', 'informatization_admin', 'street_staff']),
    ).toBeUndefined();
    expect(separationConflict(['audit_admin'])).toBeUndefined();
    expect(separationConflict([])).toBeUndefined();
  });

  it('does not count the same administrator role twice as a conflict', () => {
    expect(separationConflict(['security_admin', 'security_admin'])).toBeUndefined();
  });
});

describe('scopesFor', () => {
  it('collects the regions of only those grants whose role holds the permission', () => {
    const actor = actorWith(
      grant('grid_worker', '320102005001'),
      grant('street_staff', '320104001'),
    );
    expect(scopesFor(actor, 'region:read')).toEqual(['320104001', '320102005001']);
    expect(scopesFor(actor, 'grid:manage')).toEqual(['320104001']);
    expect(scopesFor(actor, 'user:read')).toEqual([]);
  });

  it('folds a scope inside a broader one into the broader one', () => {
    const actor = actorWith(
      grant('community_worker', '320102005001'),
      grant('street_staff', '320102005'),
    );
    expect(scopesFor(actor, 'grid:manage')).toEqual(['320102005']);
  });

  it('gives a resident no staff scope at all', () => {
    expect(scopesFor(actorWith(grant('resident', '320102005001')), 'region:read')).toEqual([]);
  });
});

describe('requirePermission and requirePermissionAt', () => {
  const actor = actorWith(grant('street_staff', '320102005'));

  it('returns the scopes when the permission is held', () => {
    expect(requirePermission(actor, 'grid:manage')).toEqual(['320102005']);
  });

  it('refuses a permission the role does not hold with FORBIDDEN', () => {
    expect(codeOf(() => requirePermission(actor, 'user:manage'))).toBe('FORBIDDEN');
    expect(codeOf(() => requirePermissionAt(actor, 'user:manage', '320102005001'))).toBe(
      'FORBIDDEN',
    );
  });

  it('allows an action at the grant’s region and anywhere below it', () => {
    expect(codeOf(() => requirePermissionAt(actor, 'grid:manage', '320102005'))).toBeUndefined();
    expect(codeOf(() => requirePermissionAt(actor, 'grid:manage', '320102005001'))).toBeUndefined();
  });

  it('refuses an action above the grant or in a sibling subtree with OUT_OF_SCOPE', () => {
    expect(codeOf(() => requirePermissionAt(actor, 'grid:manage', '320102'))).toBe('OUT_OF_SCOPE');
    expect(codeOf(() => requirePermissionAt(actor, 'grid:manage', '320102002001'))).toBe(
      'OUT_OF_SCOPE',
    );
    expect(codeOf(() => requirePermissionAt(actor, 'grid:manage', '320104001001'))).toBe(
      'OUT_OF_SCOPE',
    );
  });

  it('does not lend one grant’s permission to another grant’s region', () => {
    // grid:manage only at 320104001 (street staff); 320102005001 is only a grid worker's region
    const mixed = actorWith(
      grant('grid_worker', '320102005001'),
      grant('street_staff', '320104001'),
    );
    expect(codeOf(() => requirePermissionAt(mixed, 'grid:manage', '320102005001'))).toBe(
      'OUT_OF_SCOPE',
    );
    expect(codeOf(() => requirePermissionAt(mixed, 'grid:manage', '320104001001'))).toBeUndefined();
  });
});

describe('rolePermissions', () => {
  it('gives the three administrator roles no permission in common but reading the tree and catalogs', () => {
    const reading = ['catalog:read', 'department:read', 'matter:read', 'region:read'];
    const [a, b, c] = separatedAdminRoles.map((r) => new Set(rolePermissions[r]));
    const shared = [...a!].filter((p) => b!.has(p) && c!.has(p));
    expect(shared.sort()).toEqual(reading);
    for (const [x, y] of [
      [a!, b!],
      [a!, c!],
      [b!, c!],
    ] as const) {
      expect([...x].filter((p) => y.has(p)).sort()).toEqual(reading);
    }
  });

  it('keeps user, audit and security-policy work each to one role', () => {
    const holders = (p: string) =>
      roles.filter((r) => (rolePermissions[r] as readonly string[]).includes(p));
    expect(holders('user:manage')).toEqual(['system_admin']);
    expect(holders('user:read')).toEqual(['system_admin']);
    expect(holders('audit:read')).toEqual(['audit_admin']);
    expect(holders('security_policy:manage')).toEqual(['security_admin']);
  });

  it('lists an actor’s permissions across all grants, in the canonical order', () => {
    const actor = actorWith(grant('service_provider', '320102005'), grant('audit_admin', '3201'));
    expect(permissionsOf(actor)).toEqual([
      'region:read',
      'department:read',
      'audit:read',
      'catalog:read',
      'exchange:log',
      'matter:read',
    ]);
    expect(hasPermission(actor, 'audit:read')).toBe(true);
    expect(hasPermission(actor, 'user:read')).toBe(false);
  });
});
