import {
  ApartmentOutlined,
  AuditOutlined,
  ClusterOutlined,
  HomeOutlined,
  SafetyOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { Permission } from '@shequ/core';
import type { ReactNode } from 'react';

export interface NavItem {
  path: string;
  /** Key under `nav.` in the i18n resources. */
  labelKey: 'dashboard' | 'regions' | 'departments' | 'users' | 'audit' | 'securityPolicy';
  icon: ReactNode;
  /** Shown only to users holding this permission; the route checks the same. */
  permission?: Permission;
}

export const navItems: NavItem[] = [
  { path: '/', labelKey: 'dashboard', icon: <HomeOutlined /> },
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
  return navItems.find((item) => item.path === first);
}
