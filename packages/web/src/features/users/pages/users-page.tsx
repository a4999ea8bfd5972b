import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { roles, type GrantView, type UserView } from '@shequ/core';
import { useQuery } from '@tanstack/react-query';
import { Button, Flex, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../ui/format';
import { PageContainer } from '../../../ui/page-container';
import { PagedTable, usePagedSearch } from '../../../ui/paged-table';
import { useCan } from '../../auth/components/me-provider';
import { usersExportUrl, usersQuery, type UserFilter } from '../api';
import { ResetPasswordModal } from '../components/reset-password-modal';
import { UserCreateDrawer } from '../components/user-create-drawer';
import { UserEditModal } from '../components/user-edit-modal';
import { UserFilterForm } from '../components/user-filter-form';
import { UserGrantsModal } from '../components/user-grants-modal';
import { UserRowActions, type UserDialogKind } from '../components/user-row-actions';

function readFilter(params: URLSearchParams): UserFilter {
  return {
    q: params.get('q') ?? undefined,
    role: roles.find((r) => r === params.get('role')),
    status: (['active', 'disabled'] as const).find((s) => s === params.get('status')),
    regionCode: params.get('regionCode') ?? undefined,
  };
}

/** 用户管理: search, page through and administer accounts in the user's scope. */
export function UsersPage() {
  const { t } = useTranslation();
  const canManage = useCan('user:manage');
  const { filter, page, pageSize, search, paginate } = usePagedSearch(readFilter);
  const users = useQuery(usersQuery({ ...filter, page, pageSize }));
  const [creating, setCreating] = useState(false);
  const [dialog, setDialog] = useState<{ kind: UserDialogKind; user: UserView } | null>(null);

  return (
    <PageContainer
      title={t('nav.users')}
      description={t('user.pageDescription')}
      extra={
        <>
          <Button icon={<DownloadOutlined />} href={usersExportUrl(filter)}>
            {t('common.exportExcel')}
          </Button>
          {canManage && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="user-create"
            >
              {t('user.create')}
            </Button>
          )}
        </>
      }
    >
      <PagedTable<UserView>
        data-testid="user-table"
        rowKey="id"
        query={users}
        page={page}
        pageSize={pageSize}
        onPageChange={paginate}
        filter={<UserFilterForm value={filter} onSearch={search} />}
        columns={[
          {
            title: t('user.account'),
            key: 'account',
            width: 150,
            fixed: 'start',
            render: (_, user) => (
              <Flex vertical>
                <Typography.Text strong>{user.displayName}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {user.username}
                </Typography.Text>
              </Flex>
            ),
          },
          {
            title: t('user.phone'),
            dataIndex: 'phone',
            width: 120,
            render: (phone: string | null) => phone ?? '—',
          },
          {
            title: t('user.homeRegion'),
            dataIndex: 'homeRegionName',
            width: 130,
            ellipsis: true,
          },
          {
            title: t('user.grants'),
            dataIndex: 'grants',
            render: (grants: GrantView[]) => (
              <Flex gap={4} wrap>
                {grants.map((grant) => (
                  <Tooltip
                    key={grant.id}
                    title={`${grant.regionCode}${grant.departmentName ? ` · ${grant.departmentName}` : ''}`}
                  >
                    <Tag color="blue" style={{ whiteSpace: 'normal', marginInlineEnd: 0 }}>
                      {t(`role.${grant.role}`)} · {grant.regionName}
                    </Tag>
                  </Tooltip>
                ))}
              </Flex>
            ),
          },
          {
            title: t('user.status'),
            key: 'status',
            width: 150,
            render: (_, user) => (
              <Flex gap={4} wrap>
                <Tag
                  color={user.status === 'active' ? 'success' : 'default'}
                  style={{ marginInlineEnd: 0 }}
                >
                  {t(`status.${user.status}`)}
                </Tag>
                {user.locked && (
                  <Tag color="error" style={{ marginInlineEnd: 0 }}>
                    {t('user.locked')}
                  </Tag>
                )}
                {user.secondFactorEnabled && (
                  <Tag color="geekblue" style={{ marginInlineEnd: 0 }}>
                    {t('user.secondFactorOn')}
                  </Tag>
                )}
              </Flex>
            ),
          },
          {
            title: t('user.lastLoginAt'),
            dataIndex: 'lastLoginAt',
            width: 160,
            render: formatDateTime,
          },
          ...(canManage
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  width: 200,
                  fixed: 'end' as const,
                  render: (_: unknown, user: UserView) => (
                    <UserRowActions user={user} onOpen={(kind) => setDialog({ kind, user })} />
                  ),
                },
              ]
            : []),
        ]}
      />
      {canManage && <UserCreateDrawer open={creating} onClose={() => setCreating(false)} />}
      {dialog?.kind === 'edit' && (
        <UserEditModal user={dialog.user} onClose={() => setDialog(null)} />
      )}
      {dialog?.kind === 'grants' && (
        <UserGrantsModal user={dialog.user} onClose={() => setDialog(null)} />
      )}
      {dialog?.kind === 'password' && (
        <ResetPasswordModal user={dialog.user} onClose={() => setDialog(null)} />
      )}
    </PageContainer>
  );
}
