import { useQuery } from '@tanstack/react-query';
import { Flex, Layout, Menu, Progress, Typography } from 'antd';
import { Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, Outlet, useLocation, useNavigate, useNavigation } from 'react-router';
import { BrandMark } from '../../../ui/brand-mark';
import { FullPageSpin } from '../../../ui/full-page-spin';
import { QueryState } from '../../../ui/query-state';
import { meQuery } from '../../auth/api';
import { MeProvider, useMe } from '../../auth/components/me-provider';
import { NotificationBell } from '../../notifications/components/notification-bell';
import {
  canSeeNavItem,
  groupNavItems,
  navGroupIcons,
  navItemOf,
  navItems,
  type NavItem,
} from '../nav-items';
import { RegionSwitcher } from './region-switcher';
import { UserMenu } from './user-menu';

/** The signed-in frame: loads the current user, then the header, menu and page. */
export function AppLayout() {
  const me = useQuery(meQuery);
  return (
    <QueryState query={me} loading={<FullPageSpin />}>
      {(data) => (
        <MeProvider me={data}>
          <Shell />
        </MeProvider>
      )}
    </QueryState>
  );
}

function Shell() {
  const { t } = useTranslation();
  const me = useMe();
  const location = useLocation();
  const navigate = useNavigate();
  const navigation = useNavigation();
  const [collapsed, setCollapsed] = useState(false);
  const current = navItemOf(location.pathname);
  const pageLabel =
    location.pathname === '/profile' ? t('nav.profile') : current && t(`nav.${current.labelKey}`);

  useEffect(() => {
    document.title = pageLabel ? `${pageLabel} - ${t('app.brand')}` : t('app.brand');
  }, [pageLabel, t]);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{
          display: 'flex',
          alignItems: 'center',
          gap: 16,
          position: 'sticky',
          top: 0,
          zIndex: 10,
        }}
      >
        <Link
          to="/"
          style={{ display: 'flex', alignItems: 'center', gap: 10, minWidth: 0, flex: '1 1 auto' }}
        >
          <BrandMark size={34} />
          <Flex vertical style={{ minWidth: 0, lineHeight: 1.25 }}>
            <Typography.Text strong style={{ color: '#fff', fontSize: 19, letterSpacing: 2 }}>
              {t('app.brand')}
            </Typography.Text>
            <Typography.Text
              style={{ color: 'rgba(255,255,255,0.8)', fontSize: 12 }}
              ellipsis={{ tooltip: me.titleLine }}
              data-testid="title-line"
            >
              {me.titleLine}
            </Typography.Text>
          </Flex>
        </Link>
        <RegionSwitcher />
        <NotificationBell />
        <UserMenu />
      </Layout.Header>
      {navigation.state === 'loading' && (
        <Progress
          percent={100}
          status="active"
          showInfo={false}
          size={{ height: 2 }}
          style={{ position: 'fixed', top: 60, left: 0, right: 0, zIndex: 11, lineHeight: 0 }}
        />
      )}
      <Layout hasSider>
        <Layout.Sider
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          breakpoint="lg"
          width={200}
          style={{ borderRight: '1px solid #e8e8e8' }}
        >
          <Menu
            mode="inline"
            selectedKeys={current ? [current.path] : []}
            style={{ borderInlineEnd: 0, paddingTop: 8 }}
            onClick={({ key }) => void navigate(key)}
            defaultOpenKeys={['applications', 'governance', 'exchange']}
            items={groupNavItems(
              navItems.filter((item) => canSeeNavItem(item, me.permissions)),
            ).map((entry) => {
              const itemOf = (item: NavItem) => ({
                key: item.path,
                icon: item.icon,
                label: t(`nav.${item.labelKey}`),
              });
              return 'items' in entry
                ? {
                    key: entry.group,
                    icon: navGroupIcons[entry.group],
                    label: t(`nav.${entry.group}`),
                    children: entry.items.map(itemOf),
                  }
                : itemOf(entry);
            })}
          />
        </Layout.Sider>
        <Layout>
          <Layout.Content style={{ padding: 20 }}>
            {/* The server refuses everything else until an expired or reset password is changed. */}
            {me.mustChangePassword && location.pathname !== '/profile' ? (
              <Navigate to="/profile" replace />
            ) : (
              <Suspense fallback={<FullPageSpin />}>
                <Outlet />
              </Suspense>
            )}
          </Layout.Content>
          <Layout.Footer
            style={{ textAlign: 'center', color: '#8c8c8c', padding: '12px 20px', fontSize: 12 }}
          >
            {t('app.footer')}
          </Layout.Footer>
        </Layout>
      </Layout>
    </Layout>
  );
}
