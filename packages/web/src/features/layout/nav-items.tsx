import {
  ApartmentOutlined,
  ApiOutlined,
  AuditOutlined,
  BankOutlined,
  BarChartOutlined,
  CheckSquareOutlined,
  CloudUploadOutlined,
  ClusterOutlined,
  DatabaseOutlined,
  DeploymentUnitOutlined,
  DashboardOutlined,
  DiffOutlined,
  FileDoneOutlined,
  FileProtectOutlined,
  FileSearchOutlined,
  FormOutlined,
  HeartOutlined,
  HomeOutlined,
  IdcardOutlined,
  NotificationOutlined,
  ProfileOutlined,
  ReadOutlined,
  SafetyOutlined,
  ShopOutlined,
  SolutionOutlined,
  SwapOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { Permission } from '@shequ/core';
import type { ReactNode } from 'react';

export interface NavItem {
  path: string;
  /** Key under `nav.` in the i18n resources. */
  labelKey:
    | 'dashboard'
    | 'people'
    | 'specialGroups'
    | 'places'
    | 'orgUnits'
    | 'imports'
    | 'regions'
    | 'departments'
    | 'users'
    | 'audit'
    | 'securityPolicy'
    | 'catalog'
    | 'verification'
    | 'discrepancies'
    | 'comparisons'
    | 'exchangeClients'
    | 'exchangeAgreements'
    | 'exchangeSubscriptions'
    | 'exchangeLog'
    | 'intake'
    | 'workQueue'
    | 'matters'
    | 'applicationBoard'
    | 'applicationStatistics';
  icon: ReactNode;
  /** Shown only to users holding this permission; the route checks the same. */
  permission?: Permission;
  /** Shown to users holding any of these (instead of one `permission`). */
  anyOf?: Permission[];
  /** A submenu the item belongs to, under `nav.<group>`. */
  group?: NavGroup;
  /** Other first path segments that belong to this item (a household belongs to people). */
  also?: string[];
}

/** Submenus of the side menu. */
export type NavGroup = 'governance' | 'exchange' | 'applications';
export const navGroupIcons: Record<NavGroup, ReactNode> = {
  governance: <DatabaseOutlined />,
  exchange: <DeploymentUnitOutlined />,
  applications: <SolutionOutlined />,
};

export const navItems: NavItem[] = [
  { path: '/', labelKey: 'dashboard', icon: <HomeOutlined /> },
  {
    path: '/people',
    labelKey: 'people',
    icon: <IdcardOutlined />,
    permission: 'person:read',
    also: ['/households'],
  },
  {
    path: '/groups',
    labelKey: 'specialGroups',
    icon: <HeartOutlined />,
    permission: 'person:read',
  },
  { path: '/places', labelKey: 'places', icon: <BankOutlined />, permission: 'person:read' },
  { path: '/org-units', labelKey: 'orgUnits', icon: <ShopOutlined />, permission: 'person:read' },
  {
    path: '/imports',
    labelKey: 'imports',
    icon: <CloudUploadOutlined />,
    permission: 'person:import',
  },
  {
    path: '/intake',
    labelKey: 'intake',
    icon: <FormOutlined />,
    permission: 'application:intake',
    group: 'applications',
  },
  {
    path: '/applications',
    labelKey: 'workQueue',
    icon: <FileDoneOutlined />,
    permission: 'application:work',
    group: 'applications',
  },
  {
    path: '/matters',
    labelKey: 'matters',
    icon: <ReadOutlined />,
    permission: 'matter:read',
    group: 'applications',
  },
  {
    path: '/applications/board',
    labelKey: 'applicationBoard',
    icon: <DashboardOutlined />,
    permission: 'application:supervise',
    group: 'applications',
  },
  {
    path: '/applications/statistics',
    labelKey: 'applicationStatistics',
    icon: <BarChartOutlined />,
    permission: 'application:supervise',
    group: 'applications',
  },
  {
    path: '/catalog',
    labelKey: 'catalog',
    icon: <ProfileOutlined />,
    permission: 'catalog:read',
    group: 'governance',
  },
  {
    path: '/verification',
    labelKey: 'verification',
    icon: <CheckSquareOutlined />,
    permission: 'verification:work',
    group: 'governance',
  },
  {
    path: '/discrepancies',
    labelKey: 'discrepancies',
    icon: <SwapOutlined />,
    anyOf: ['verification:work', 'comparison:submit'],
    group: 'governance',
  },
  {
    path: '/comparisons',
    labelKey: 'comparisons',
    icon: <DiffOutlined />,
    permission: 'comparison:submit',
    group: 'governance',
  },
  {
    path: '/exchange-clients',
    labelKey: 'exchangeClients',
    icon: <ApiOutlined />,
    permission: 'exchange:manage',
    group: 'exchange',
  },
  {
    path: '/exchange-agreements',
    labelKey: 'exchangeAgreements',
    icon: <FileProtectOutlined />,
    permission: 'exchange:manage',
    group: 'exchange',
  },
  {
    path: '/exchange-subscriptions',
    labelKey: 'exchangeSubscriptions',
    icon: <NotificationOutlined />,
    permission: 'exchange:manage',
    group: 'exchange',
  },
  {
    path: '/exchange-log',
    labelKey: 'exchangeLog',
    icon: <FileSearchOutlined />,
    permission: 'exchange:log',
    group: 'exchange',
  },
  { path: '/regions', labelKey: 'regions', icon: <ClusterOutlined />, permission: 'region:read' },
  {
    path: '/departments',
    labelKey: 'departments',
    icon: <ApartmentOutlined />,
    permission: 'department:read',
  },
  { path: '/users', labelKey: 'users', icon: <TeamOutlined />, permission: 'user:read' },
  { path: '/audit', labelKey: 'audit', icon: <AuditOutlined />, permission: 'audit:read' },
  {
    path: '/security-policy',
    labelKey: 'securityPolicy',
    icon: <SafetyOutlined />,
    permission: 'security_policy:manage',
  },
];

/** Whether a user with these permissions sees the item. */
export function canSeeNavItem(item: NavItem, permissions: readonly Permission[]): boolean {
  if (item.anyOf) return item.anyOf.some((p) => permissions.includes(p));
  return !item.permission || permissions.includes(item.permission);
}

/**
 * The side menu's entries in order: single items, and each group's items together in one submenu
 * where its first item stands.
 */
export function groupNavItems(
  items: readonly NavItem[],
): (NavItem | { group: NavGroup; items: NavItem[] })[] {
  const out: (NavItem | { group: NavGroup; items: NavItem[] })[] = [];
  for (const item of items) {
    if (!item.group) {
      out.push(item);
      continue;
    }
    const existing = out.find((entry) => 'items' in entry && entry.group === item.group);
    if (existing && 'items' in existing) existing.items.push(item);
    else out.push({ group: item.group, items: [item] });
  }
  return out;
}

/** The nav item a location belongs to: `/users?page=2` → the users item. */
export function navItemOf(pathname: string): NavItem | undefined {
  const segments = pathname.split('/');
  // a two-segment item (`/applications/board`) wins over its first segment's item
  const two = `/${segments[1] ?? ''}/${segments[2] ?? ''}`;
  const nested = navItems.find((item) => item.path === two);
  if (nested) return nested;
  const first = `/${segments[1] ?? ''}`;
  return navItems.find((item) => item.path === first || item.also?.includes(first));
}
