import { CopyOutlined, PlusOutlined } from '@ant-design/icons';
import type { MatterSummary } from '@shequ/core';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Input, Table, Tag, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { PageContainer } from '../../../ui/page-container';
import { ErrorResult } from '../../../ui/query-state';
import { useMe } from '../../auth/components/me-provider';
import { mattersQuery } from '../api';
import { isMatterCategory, managesMatterCatalog } from '../matter-definition';

/** 服务事项: the city's catalog of matters, each opening its guide; a manager creates and copies. */
export function MattersPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const canManage = managesMatterCatalog(useMe());
  const matters = useQuery(mattersQuery);
  const [search, setSearch] = useState('');
  const rows = useMemo(
    () => (matters.data ?? []).filter((m) => !search.trim() || m.name.includes(search.trim())),
    [matters.data, search],
  );
  const copyColumn: TableColumnsType<MatterSummary>[number] = {
    title: t('common.actions'),
    key: 'copy',
    width: 140,
    render: (_, row) => (
      <Button
        type="link"
        size="small"
        icon={<CopyOutlined />}
        style={{ paddingInline: 0 }}
        data-testid={`matter-copy-${row.code}`}
        onClick={(event) => {
          // the row itself opens the matter
          event.stopPropagation();
          void navigate(`/matters/new?from=${encodeURIComponent(row.code)}`);
        }}
      >
        {t('applications.designer.copyButton')}
      </Button>
    ),
  };
  return (
    <PageContainer
      title={t('nav.matters')}
      description={t('applications.matter.pageDescription')}
      extra={
        canManage && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => void navigate('/matters/new')}
            data-testid="matter-new"
          >
            {t('applications.designer.newButton')}
          </Button>
        )
      }
    >
      <Card size="small">
        <Input.Search
          allowClear
          placeholder={t('applications.intake.searchMatter')}
          onChange={(event) => setSearch(event.target.value)}
          style={{ maxWidth: 360, marginBottom: 12 }}
        />
        {matters.isError ? (
          <ErrorResult error={matters.error} onRetry={() => void matters.refetch()} />
        ) : (
          <Table<MatterSummary>
            size="middle"
            rowKey="code"
            loading={matters.isFetching}
            dataSource={rows}
            pagination={false}
            data-testid="matters-table"
            onRow={(row) => ({
              onClick: () => void navigate(`/matters/${row.code}`),
              style: { cursor: 'pointer' },
            })}
            columns={[
              {
                title: t('applications.matterName'),
                dataIndex: 'name',
                render: (name: string, row) => <Link to={`/matters/${row.code}`}>{name}</Link>,
              },
              {
                title: t('applications.matter.category'),
                dataIndex: 'category',
                width: 120,
                render: (category: string) =>
                  isMatterCategory(category) ? t(`applications.category.${category}`) : category,
              },
              {
                title: t('applications.matter.department'),
                dataIndex: 'departmentName',
                width: 200,
              },
              {
                title: t('applications.matter.timeLimit'),
                dataIndex: 'timeLimitDays',
                width: 130,
                render: (days: number) => t('applications.timeLimit.workingDays', { count: days }),
              },
              {
                title: t('applications.matter.online'),
                dataIndex: 'online',
                width: 110,
                render: (online: boolean) =>
                  online ? (
                    <Tag color="blue">{t('applications.matter.onlineYes')}</Tag>
                  ) : (
                    <Tag>{t('applications.matter.onlineNo')}</Tag>
                  ),
              },
              {
                title: t('applications.matter.enabled'),
                dataIndex: 'enabled',
                width: 90,
                render: (enabled: boolean) =>
                  enabled ? (
                    <Tag color="success">{t('common.on')}</Tag>
                  ) : (
                    <Tag>{t('common.off')}</Tag>
                  ),
              },
              {
                title: t('applications.matter.version'),
                dataIndex: 'version',
                width: 80,
                render: (version: number) => `v${version}`,
              },
              ...(canManage ? [copyColumn] : []),
            ]}
          />
        )}
      </Card>
    </PageContainer>
  );
}
