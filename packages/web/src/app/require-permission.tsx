import type { Permission } from '@shequ/core';
import { Outlet } from 'react-router';
import { useCan } from '../features/auth/components/me-provider';
import { ForbiddenPage } from '../features/errors/pages/forbidden-page';

/** Route guard: the pages below need this permission (the server checks again on every call). */
export function RequirePermission({ permission }: { permission: Permission }) {
  return useCan(permission) ? <Outlet /> : <ForbiddenPage />;
}
