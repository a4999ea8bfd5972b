import type { Permission } from '@shequ/core';
import { lazy, Suspense, type ComponentType } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { RequireSession } from '../features/auth/components/require-session';
import { LoginPage } from '../features/auth/pages/login-page';
import { NotFoundPage } from '../features/errors/pages/not-found-page';
import { FullPageSpin } from '../ui/full-page-spin';
import { RequireAnyPermission, RequirePermission } from './require-permission';
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
  // Public pages of residents (no login): applying online, tracking, checking a document.
  {
    path: '/track',
    errorElement: <RouteError />,
    hydrateFallbackElement: <FullPageSpin />,
    ...lazyPage(() => import('../features/applications/pages/track-page').then((m) => m.TrackPage)),
  },
  {
    path: '/apply',
    errorElement: <RouteError />,
    hydrateFallbackElement: <FullPageSpin />,
    ...lazyPage(() => import('../features/applications/pages/apply-page').then((m) => m.ApplyPage)),
  },
  {
    path: '/verify',
    errorElement: <RouteError />,
    hydrateFallbackElement: <FullPageSpin />,
    ...lazyPage(() =>
      import('../features/applications/pages/verify-page').then((m) => m.VerifyPage),
    ),
  },
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
            'people',
            'person:read',
            lazyPage(() =>
              import('../features/people/pages/people-page').then((m) => m.PeoplePage),
            ),
          ),
          guarded(
            'people/duplicates',
            'person:merge',
            lazyPage(() =>
              import('../features/people/pages/duplicates-page').then((m) => m.DuplicatesPage),
            ),
          ),
          guarded(
            'people/:id',
            'person:read',
            lazyPage(() =>
              import('../features/people/pages/person-detail-page').then((m) => m.PersonDetailPage),
            ),
          ),
          guarded(
            'households/:id',
            'person:read',
            lazyPage(() =>
              import('../features/people/pages/household-page').then((m) => m.HouseholdPage),
            ),
          ),
          guarded(
            'groups',
            'person:read',
            lazyPage(() =>
              import('../features/special-groups/pages/groups-page').then((m) => m.GroupsPage),
            ),
          ),
          guarded(
            'groups/:code',
            'person:read',
            lazyPage(() =>
              import('../features/special-groups/pages/group-register-page').then(
                (m) => m.GroupRegisterPage,
              ),
            ),
          ),
          guarded(
            'places',
            'person:read',
            lazyPage(() =>
              import('../features/places/pages/places-page').then((m) => m.PlacesPage),
            ),
          ),
          guarded(
            'org-units',
            'person:read',
            lazyPage(() =>
              import('../features/org-units/pages/org-units-page').then((m) => m.OrgUnitsPage),
            ),
          ),
          guarded(
            'imports',
            'person:import',
            lazyPage(() =>
              import('../features/imports/pages/imports-page').then((m) => m.ImportsPage),
            ),
          ),
          ...['imports/new', 'imports/:id'].map((path) =>
            guarded(
              path,
              'person:import',
              lazyPage(() =>
                import('../features/imports/pages/import-wizard-page').then(
                  (m) => m.ImportWizardPage,
                ),
              ),
            ),
          ),
          guarded(
            'intake',
            'application:intake',
            lazyPage(() =>
              import('../features/applications/pages/intake-page').then((m) => m.IntakePage),
            ),
          ),
          guarded(
            'applications',
            'application:work',
            lazyPage(() =>
              import('../features/applications/pages/queue-page').then((m) => m.QueuePage),
            ),
          ),
          guarded(
            'applications/board',
            'application:supervise',
            lazyPage(() =>
              import('../features/applications/pages/board-page').then((m) => m.BoardPage),
            ),
          ),
          guarded(
            'applications/statistics',
            'application:supervise',
            lazyPage(() =>
              import('../features/applications/pages/statistics-page').then(
                (m) => m.StatisticsPage,
              ),
            ),
          ),
          {
            path: 'applications/:id',
            element: (
              <RequireAnyPermission
                permissions={['application:intake', 'application:work', 'application:supervise']}
              />
            ),
            children: [
              {
                index: true,
                ...lazyPage(() =>
                  import('../features/applications/pages/application-detail-page').then(
                    (m) => m.ApplicationDetailPage,
                  ),
                ),
              },
            ],
          },
          guarded(
            'applications/:id/receipt',
            'application:intake',
            lazyPage(() =>
              import('../features/applications/pages/receipt-page').then((m) => m.ReceiptPage),
            ),
          ),
          guarded(
            'matters',
            'matter:read',
            lazyPage(() =>
              import('../features/applications/pages/matters-page').then((m) => m.MattersPage),
            ),
          ),
          guarded(
            'matters/:code',
            'matter:read',
            lazyPage(() =>
              import('../features/applications/pages/matter-page').then((m) => m.MatterPage),
            ),
          ),
          ...['matters/new', 'matters/:code/edit'].map((path) =>
            guarded(
              path,
              'matter:manage',
              lazyPage(() =>
                import('../features/applications/pages/matter-designer-page').then(
                  (m) => m.MatterDesignerPage,
                ),
              ),
            ),
          ),
          guarded(
            'catalog',
            'catalog:read',
            lazyPage(() =>
              import('../features/governance/pages/catalog-page').then((m) => m.CatalogPage),
            ),
          ),
          guarded(
            'verification',
            'verification:work',
            lazyPage(() =>
              import('../features/governance/pages/verification-page').then(
                (m) => m.VerificationPage,
              ),
            ),
          ),
          {
            path: 'discrepancies',
            element: (
              <RequireAnyPermission permissions={['verification:work', 'comparison:submit']} />
            ),
            children: [
              {
                index: true,
                ...lazyPage(() =>
                  import('../features/governance/pages/discrepancies-page').then(
                    (m) => m.DiscrepanciesPage,
                  ),
                ),
              },
            ],
          },
          guarded(
            'comparisons',
            'comparison:submit',
            lazyPage(() =>
              import('../features/governance/pages/comparisons-page').then(
                (m) => m.ComparisonsPage,
              ),
            ),
          ),
          guarded(
            'exchange-clients',
            'exchange:manage',
            lazyPage(() =>
              import('../features/exchange/pages/clients-page').then((m) => m.ClientsPage),
            ),
          ),
          guarded(
            'exchange-agreements',
            'exchange:manage',
            lazyPage(() =>
              import('../features/exchange/pages/agreements-page').then((m) => m.AgreementsPage),
            ),
          ),
          guarded(
            'exchange-subscriptions',
            'exchange:manage',
            lazyPage(() =>
              import('../features/exchange/pages/subscriptions-page').then(
                (m) => m.SubscriptionsPage,
              ),
            ),
          ),
          guarded(
            'exchange-log',
            'exchange:log',
            lazyPage(() =>
              import('../features/exchange/pages/exchange-log-page').then((m) => m.ExchangeLogPage),
            ),
          ),
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
