import { BranchesOutlined, DownloadOutlined, EditOutlined } from '@ant-design/icons';
import type { Region } from '@shequ/core';
import { useQuery } from '@tanstack/react-query';
import { Breadcrumb, Button, Card, Descriptions, Space, Table, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../../ui/format';
import { QueryState } from '../../../ui/query-state';
import { useCan } from '../../auth/components/me-provider';
import { regionDetailQuery, regionExportUrl } from '../api';
import { AddGridModal } from './add-grid-modal';
import { ChangeHistory } from './change-history';
import { RegionLabel, RegionLevelTag } from './region-label';
import { RegionChangeModal } from './region-change-modal';

interface RegionDetailPanelProps {
  code: string;
  onSelect: (code: string) => void;
}

/** Everything about one region: identity, place in the tree, validity, children and history. */
export function RegionDetailPanel({ code, onSelect }: RegionDetailPanelProps) {
  const { t } = useTranslation();
  const canManage = useCan('region:manage');
  const canAddGrid = useCan('grid:manage');
  const detail = useQuery(regionDetailQuery(code));
  const [dialog, setDialog] = useState<'grid' | 'change' | null>(null);

  return (
    <QueryState query={detail}>
      {({ region, ancestors, children, titleLine }) => {
        const open = region.validTo === null;
        return (
          <Card
            title={
              <Space>
                {region.name}
                <RegionLevelTag level={region.level} />
              </Space>
            }
            extra={
              <Space wrap>
                {canAddGrid && open && region.level === 'community' && (
                  <Button
                    icon={<BranchesOutlined />}
                    onClick={() => setDialog('grid')}
                    data-testid="region-add-grid"
                  >
                    {t('region.addGrid')}
                  </Button>
                )}
                {canManage && open && (
                  <Button
                    icon={<EditOutlined />}
                    onClick={() => setDialog('change')}
                    data-testid="region-change"
                  >
                    {t('region.recordChange')}
                  </Button>
                )}
                <Button
                  icon={<DownloadOutlined />}
                  href={regionExportUrl(region.code)}
                  data-testid="region-export"
                >
                  {t('region.export')}
                </Button>
              </Space>
            }
          >
            <Breadcrumb
              style={{ marginBottom: 16 }}
              items={[...ancestors, region].map((item) => ({
                key: item.code,
                title:
                  item.code === region.code ? (
                    item.name
                  ) : (
                    <Typography.Link onClick={() => onSelect(item.code)}>
                      {item.name}
                    </Typography.Link>
                  ),
              }))}
            />
            <Descriptions
              bordered
              size="small"
              styles={{ label: { width: 110, whiteSpace: 'nowrap' } }}
              column={{ xs: 1, sm: 1, md: 1, lg: 1, xl: 1, xxl: 2 }}
              items={[
                {
                  key: 'code',
                  label: t('region.code'),
                  children: <Typography.Text copyable>{region.code}</Typography.Text>,
                },
                { key: 'level', label: t('region.level'), children: t(`level.${region.level}`) },
                { key: 'name', label: t('region.name'), children: region.name },
                { key: 'children', label: t('region.childCount'), children: region.childCount },
                {
                  key: 'valid',
                  label: t('region.validity'),
                  children: t('region.validRange', {
                    from: formatDate(region.validFrom),
                    to: region.validTo ? formatDate(region.validTo) : t('region.present'),
                  }),
                },
                { key: 'title', label: t('region.titleLine'), children: titleLine },
              ]}
            />
            <Tabs
              style={{ marginTop: 16 }}
              items={[
                {
                  key: 'children',
                  label: t('region.childrenTab', { count: children.length }),
                  children: <ChildrenTable items={children} onSelect={onSelect} />,
                },
                {
                  key: 'history',
                  label: t('region.historyTab'),
                  children: <ChangeHistory code={region.code} />,
                },
              ]}
            />
            {dialog === 'grid' && (
              <AddGridModal community={region} open onClose={() => setDialog(null)} />
            )}
            {dialog === 'change' && (
              <RegionChangeModal region={region} open onClose={() => setDialog(null)} />
            )}
          </Card>
        );
      }}
    </QueryState>
  );
}

function ChildrenTable({ items, onSelect }: { items: Region[]; onSelect: (code: string) => void }) {
  const { t } = useTranslation();
  return (
    <Table<Region>
      size="small"
      rowKey="code"
      dataSource={items}
      pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
      locale={{ emptyText: t('region.noChildren') }}
      onRow={(record) => ({ onClick: () => onSelect(record.code), style: { cursor: 'pointer' } })}
      columns={[
        {
          title: t('region.name'),
          key: 'name',
          render: (_, record) => <RegionLabel region={record} />,
        },
        {
          title: t('region.level'),
          dataIndex: 'level',
          width: 120,
          render: (level: Region['level']) => t(`level.${level}`),
        },
        { title: t('region.childCount'), dataIndex: 'childCount', width: 100, align: 'right' },
        { title: t('region.validFrom'), dataIndex: 'validFrom', width: 120, render: formatDate },
      ]}
    />
  );
}
