import {
  ApartmentOutlined,
  AuditOutlined,
  ClusterOutlined,
  SafetyOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { Permission, Region } from '@shequ/core';
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Empty, Flex, Row, Statistic, Table, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { PageContainer } from '../../../ui/page-container';
import { QueryState } from '../../../ui/query-state';
import { useMe } from '../../auth/components/me-provider';
import { regionDetailQuery } from '../../regions/api';
import { RegionLabel, RegionLevelTag } from '../../regions/components/region-label';

const shortcuts: {
  to: string;
  permission: Permission;
  icon: ReactNode;
  key: 'regions' | 'departments' | 'users' | 'audit' | 'securityPolicy';
}[] = [
  { to: '/regions', permission: 'region:read', icon: <ClusterOutlined />, key: 'regions' },
  {
    to: '/departments',
    permission: 'department:read',
    icon: <ApartmentOutlined />,
    key: 'departments',
  },
  { to: '/users', permission: 'user:read', icon: <TeamOutlined />, key: 'users' },
  { to: '/audit', permission: 'audit:read', icon: <AuditOutlined />, key: 'audit' },
  {
    to: '/security-policy',
    permission: 'security_policy:manage',
    icon: <SafetyOutlined />,
    key: 'securityPolicy',
  },
];

/** 首页: a welcome with the current region, its subdivisions at a glance, and shortcuts. */
export function DashboardPage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const region = me.currentRegion;
  const detail = useQuery({ ...regionDetailQuery(region?.code ?? ''), enabled: Boolean(region) });
  const activeGrant = me.grants.find((grant) => grant.id === me.activeGrantId);

  return (
    <PageContainer title={t('nav.dashboard')}>
      <Card>
        <Flex justify="space-between" align="center" wrap gap={16}>
          <div>
            <Typography.Title level={4} style={{ marginTop: 0 }}>
              {t('dashboard.welcome', { name: me.displayName })}
            </Typography.Title>
            <Typography.Text type="secondary">
              {activeGrant
                ? t('dashboard.actingAs', {
                    role: t(`role.${activeGrant.role}`),
                    region: region?.name ?? activeGrant.regionName,
                  })
                : t('dashboard.noGrant')}
            </Typography.Text>
          </div>
          {region && (
            <Flex align="center" gap={8}>
              <RegionLevelTag level={region.level} />
              <Typography.Text strong style={{ fontSize: 16 }}>
                {region.name}
              </Typography.Text>
              <Typography.Text type="secondary">{region.code}</Typography.Text>
            </Flex>
          )}
        </Flex>
      </Card>

      {region ? (
        <QueryState query={detail}>
          {({ children, ancestors }) => (
            <>
              <Row gutter={[16, 16]}>
                <Col xs={24} sm={8}>
                  <Card>
                    <Statistic
                      title={t('dashboard.childRegions')}
                      value={children.length}
                      suffix={t('dashboard.unit')}
                    />
                  </Card>
                </Col>
                <Col xs={24} sm={8}>
                  <Card>
                    <Statistic
                      title={t('dashboard.grandchildRegions')}
                      value={children.reduce((sum, child) => sum + child.childCount, 0)}
                      suffix={t('dashboard.unit')}
                    />
                  </Card>
                </Col>
                <Col xs={24} sm={8}>
                  <Card>
                    <Statistic
                      title={t('dashboard.path')}
                      value={[...ancestors.map((a) => a.name), region.name].join(' / ')}
                      styles={{ content: { fontSize: 15, lineHeight: 1.6, paddingTop: 6 } }}
                    />
                  </Card>
                </Col>
              </Row>
              <Card title={t('dashboard.childList')} size="small">
                <Table<Region>
                  size="small"
                  rowKey="code"
                  dataSource={children}
                  pagination={{ pageSize: 10, hideOnSinglePage: true }}
                  locale={{ emptyText: t('region.noChildren') }}
                  onRow={(child) => ({
                    onClick: () => void navigate(`/regions?code=${child.code}`),
                    style: { cursor: 'pointer' },
                  })}
                  columns={[
                    {
                      title: t('region.name'),
                      key: 'name',
                      render: (_, child) => <RegionLabel region={child} />,
                    },
                    {
                      title: t('region.level'),
                      dataIndex: 'level',
                      width: 140,
                      render: (level: Region['level']) => t(`level.${level}`),
                    },
                    {
                      title: t('region.childCount'),
                      dataIndex: 'childCount',
                      width: 120,
                      align: 'right',
                    },
                  ]}
                />
              </Card>
            </>
          )}
        </QueryState>
      ) : (
        <Card>
          <Empty description={t('dashboard.noRegion')} />
        </Card>
      )}

      <Card title={t('dashboard.shortcuts')} size="small">
        <Flex gap={12} wrap>
          {shortcuts
            .filter((shortcut) => me.permissions.includes(shortcut.permission))
            .map((shortcut) => (
              <Link key={shortcut.to} to={shortcut.to}>
                <Card hoverable size="small" style={{ width: 160, textAlign: 'center' }}>
                  <div style={{ fontSize: 24, color: '#1456a8' }}>{shortcut.icon}</div>
                  <div style={{ marginTop: 4 }}>{t(`nav.${shortcut.key}`)}</div>
                </Card>
              </Link>
            ))}
        </Flex>
      </Card>
    </PageContainer>
  );
}
