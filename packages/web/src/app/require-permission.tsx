import type { Permission } from '@shequ/core';
import { Outlet } from 'react-router';
import { useCan, useMe } from '../features/auth/components/me-provider';
import { ForbiddenPage } from '../features/errors/pages/forbidden-page';

/** Route guard: the pages below need this permission (the server checks again on every call). */
export function RequirePermission({ permission }: { permission: Permission }) {
  return useCan(permission) ? <Outlet /> : <ForbiddenPage />;
}

/** Route guard: the pages below need any one of these permissions. */
export function RequireAnyPermission({ permissions }: { permissions: readonly Permission[] }) {
  const held = useMe().permissions;
  return permissions.some((p) => held.includes(p)) ? <Outlet /> : <ForbiddenPage />;
}
