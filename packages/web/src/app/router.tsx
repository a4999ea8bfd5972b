import type { Permission } from '@shequ/core';
import { lazy, Suspense, type ComponentType } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { RequireSession } from '../features/auth/components/require-session';
import { LoginPage } from '../features/auth/pages/login-page';
import { NotFoundPage } from '../features/errors/pages/not-found-page';
import { FullPageSpin } from '../ui/full-page-spin';
import { RequirePermission } from './require-permission';
import { RouteError } from './route-error';

/** A page loaded on first visit, so the first screen does not carry every feature. */
const lazyPage = (load: () => Promise<ComponentType>): Pick<RouteObject, 'lazy'> => ({
  lazy: async () => ({ Component: await load() }),
});

const guarded = (
  path: string,
  permission: Permission,
  page: Pick<RouteObject, 'lazy'>,
): RouteObject => ({
  path,
  element: <RequirePermission permission={permission} />,
  children: [{ index: true, ...page }],
});

// The signed-in frame is loaded after the login, so the login page stays light.
const AppLayout = lazy(() =>
  import('../features/layout/components/app-layout').then((m) => ({ default: m.AppLayout })),
);

export const routes: RouteObject[] = [
  { path: '/login', element: <LoginPage />, errorElement: <RouteError /> },
  {
    path: '/',
    element: (
      <RequireSession>
        <Suspense fallback={<FullPageSpin />}>
          <AppLayout />
        </Suspense>
      </RequireSession>
    ),
    errorElement: <RouteError />,
    hydrateFallbackElement: <FullPageSpin />,
    children: [
      {
        // Errors of a page render inside the frame, so the menu stays usable.
        errorElement: <RouteError />,
        children: [
          {
            index: true,
            ...lazyPage(() =>
              import('../features/dashboard/pages/dashboard-page').then((m) => m.DashboardPage),
            ),
          },
          guarded(
            'regions',
            'region:read',
            lazyPage(() =>
              import('../features/regions/pages/regions-page').then((m) => m.RegionsPage),
            ),
          ),
          guarded(
            'departments',
            'department:read',
            lazyPage(() =>
              import('../features/departments/pages/departments-page').then(
                (m) => m.DepartmentsPage,
              ),
            ),
          ),
          guarded(
            'users',
            'user:read',
            lazyPage(() => import('../features/users/pages/users-page').then((m) => m.UsersPage)),
          ),
          guarded(
            'audit',
            'audit:read',
            lazyPage(() => import('../features/audit/pages/audit-page').then((m) => m.AuditPage)),
          ),
          guarded(
            'security-policy',
            'security_policy:manage',
            lazyPage(() =>
              import('../features/security-policy/pages/security-policy-page').then(
                (m) => m.SecurityPolicyPage,
              ),
            ),
          ),
          {
            path: 'profile',
            ...lazyPage(() =>
              import('../features/profile/pages/profile-page').then((m) => m.ProfilePage),
            ),
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
];

export const createRouter = () => createBrowserRouter(routes);
