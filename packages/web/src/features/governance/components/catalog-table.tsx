import { EditOutlined } from '@ant-design/icons';
import { departmentTypes, type DataElementView } from '@shequ/core';
import { Button, Flex, Form, Input, Select, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { filterCatalog, type CatalogFilter } from '../catalog-filter';
import { ElementTypeLabel } from './element-type-label';
import { SensitivityTag } from './sensitivity-tag';

/**
 * The city's data elements with their verifying and comparing departments, searchable by name or
 * code and filterable by verifying department; an edit button for the catalog's administrator.
 */
export function CatalogTable({
  elements,
  onEdit,
}: {
  elements: readonly DataElementView[];
  /** Shown to holders of catalog:manage only. */
  onEdit?: (element: DataElementView) => void;
}) {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<CatalogFilter>({});
  const rows = useMemo(() => filterCatalog(elements, filter), [elements, filter]);

  return (
    <Flex vertical gap={12}>
      <Form<CatalogFilter>
        layout="inline"
        name="catalogFilter"
        style={{ rowGap: 12 }}
        onValuesChange={(_, all) => setFilter(all)}
      >
        <Form.Item name="q" label={t('governance.catalog.search')}>
          <Input.Search
            allowClear
            placeholder={t('governance.catalog.searchPlaceholder')}
            style={{ width: 240 }}
            data-testid="catalog-search"
          />
        </Form.Item>
        <Form.Item name="verifier" label={t('governance.catalog.verifier')}>
          <Select
            allowClear
            placeholder={t('common.all')}
            style={{ width: 180 }}
            showSearch={{ optionFilterProp: 'label' }}
            options={[
              ...departmentTypes.map((type) => ({ value: type.code, label: type.shortName })),
              { value: 'none', label: t('governance.catalog.notGoverned') },
            ]}
            data-testid="catalog-verifier-filter"
          />
        </Form.Item>
      </Form>
      <Table<DataElementView>
        size="small"
        rowKey="code"
        dataSource={rows}
        data-testid="catalog-table"
        scroll={{ x: 1130 }}
        pagination={{
          defaultPageSize: 20,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
        }}
        columns={[
          {
            title: t('governance.catalog.name'),
            key: 'name',
            fixed: 'start',
            width: 210,
            render: (_, e) => (
              <Flex vertical gap={2}>
                <Flex gap={6} align="center" wrap>
                  <Typography.Text strong>{e.name}</Typography.Text>
                  {e.configured && (
                    <Tag color="purple" style={{ marginInlineEnd: 0 }}>
                      {t('governance.catalog.configured')}
                    </Tag>
                  )}
                </Flex>
                <Typography.Text type="secondary" style={{ fontSize: 12, fontFamily: 'monospace' }}>
                  {e.code}
                </Typography.Text>
              </Flex>
            ),
          },
          {
            title: t('governance.catalog.type'),
            dataIndex: 'type',
            width: 70,
            render: (type: string) => <ElementTypeLabel type={type} />,
          },
          {
            title: t('governance.catalog.codeSet'),
            dataIndex: 'codeSetName',
            width: 110,
            ellipsis: true,
            render: (name: string | null) => name ?? '—',
          },
          {
            title: t('governance.catalog.unit'),
            dataIndex: 'unit',
            width: 50,
            render: (unit: string | null) => unit ?? '—',
          },
          {
            title: t('governance.catalog.sensitivity'),
            dataIndex: 'sensitivity',
            width: 110,
            render: (level: DataElementView['sensitivity']) => <SensitivityTag level={level} />,
          },
          {
            title: t('governance.catalog.verifier'),
            key: 'verifier',
            width: 80,
            render: (_, e) =>
              e.verifierName ?? (
                <Typography.Text type="secondary">
                  {t('governance.catalog.notGoverned')}
                </Typography.Text>
              ),
          },
          {
            title: t('governance.catalog.comparers'),
            key: 'comparers',
            width: 170,
            render: (_, e) =>
              e.comparerNames.length === 0 ? (
                '—'
              ) : (
                <Flex gap={4} wrap>
                  {e.comparerNames.map((name) => (
                    <Tag key={name} style={{ marginInlineEnd: 0 }}>
                      {name}
                    </Tag>
                  ))}
                </Flex>
              ),
          },
          {
            title: t('governance.catalog.collector'),
            dataIndex: 'collector',
            width: 80,
            render: (collector: DataElementView['collector']) => t(`collector.${collector}`),
          },
          {
            title: t('governance.catalog.cycle'),
            dataIndex: 'cycle',
            width: 80,
            render: (cycle: DataElementView['cycle']) => t(`updateCycle.${cycle}`),
          },
          {
            title: t('governance.catalog.timeLimit'),
            dataIndex: 'timeLimitDays',
            width: 80,
            render: (days: number) => t('governance.catalog.days', { count: days }),
          },
          ...(onEdit
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  width: 80,
                  fixed: 'end' as const,
                  render: (_: unknown, e: DataElementView) => (
                    <Button
                      type="link"
                      size="small"
                      icon={<EditOutlined />}
                      onClick={() => onEdit(e)}
                      data-testid={`catalog-edit-${e.code}`}
                    >
                      {t('governance.catalog.edit')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Flex>
  );
}
