import type { Department } from '@shequ/core';
import { useQuery } from '@tanstack/react-query';
import { Card, Form, Select, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageContainer } from '../../../ui/page-container';
import { ErrorResult } from '../../../ui/query-state';
import { useMe } from '../../auth/components/me-provider';
import { RegionSearchSelect } from '../../regions/components/region-search-select';
import { departmentTypesQuery, departmentsQuery } from '../api';

/** 部门: the line departments (条线部门) set up at a region. */
export function DepartmentsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [regionCode, setRegionCode] = useState<string | undefined>(me.currentRegion?.code);
  const [typeCode, setTypeCode] = useState<string | undefined>();
  const types = useQuery(departmentTypesQuery);
  const departments = useQuery(departmentsQuery(regionCode, typeCode));
  const defaultOptions = me.currentRegion
    ? [{ value: me.currentRegion.code, label: me.currentRegion.name }]
    : [];

  return (
    <PageContainer title={t('nav.departments')} description={t('department.pageDescription')}>
      <Card size="small">
        <Form layout="inline" name="departmentFilter" style={{ rowGap: 8 }}>
          <Form.Item label={t('department.region')}>
            <RegionSearchSelect
              value={regionCode}
              onChange={setRegionCode}
              defaultOptions={defaultOptions}
              style={{ width: 280 }}
            />
          </Form.Item>
          <Form.Item label={t('department.type')}>
            <Select
              value={typeCode}
              onChange={setTypeCode}
              allowClear
              placeholder={t('common.all')}
              loading={types.isPending}
              style={{ width: 200 }}
              showSearch={{ optionFilterProp: 'label' }}
              options={(types.data?.items ?? []).map((type) => ({
                value: type.code,
                label: type.name,
              }))}
            />
          </Form.Item>
        </Form>
      </Card>
      <Card size="small">
        {departments.isError ? (
          <ErrorResult error={departments.error} onRetry={() => void departments.refetch()} />
        ) : (
          <Table<Department>
            rowKey="id"
            size="middle"
            loading={departments.isPending}
            dataSource={departments.data?.items ?? []}
            pagination={{
              pageSize: 20,
              hideOnSinglePage: true,
              showTotal: (total) => t('common.total', { total }),
            }}
            columns={[
              { title: t('department.name'), dataIndex: 'name' },
              { title: t('department.type'), dataIndex: 'typeName', width: 200 },
              { title: t('department.region'), dataIndex: 'regionName', width: 240 },
              { title: t('region.code'), dataIndex: 'regionCode', width: 160 },
            ]}
          />
        )}
      </Card>
    </PageContainer>
  );
}
