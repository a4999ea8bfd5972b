import {
  ApartmentOutlined,
  AuditOutlined,
  BankOutlined,
  CloudUploadOutlined,
  ClusterOutlined,
  HeartOutlined,
  HomeOutlined,
  IdcardOutlined,
  SafetyOutlined,
  ShopOutlined,
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
    | 'securityPolicy';
  icon: ReactNode;
  /** Shown only to users holding this permission; the route checks the same. */
  permission?: Permission;
  /** Other first path segments that belong to this item (a household belongs to people). */
  also?: string[];
}

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

/** The nav item a location belongs to: `/users?page=2` → the users item. */
export function navItemOf(pathname: string): NavItem | undefined {
  const first = `/${pathname.split('/')[1] ?? ''}`;
  return navItems.find((item) => item.path === first || item.also?.includes(first));
}
