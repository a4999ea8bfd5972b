import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrgUnitView } from '../../../api/types';
import { PageContainer } from '../../../ui/page-container';
import { PagedTable, usePagedSearch } from '../../../ui/paged-table';
import { useCan } from '../../auth/components/me-provider';
import { useCurrentCommunity } from '../../regions/use-current-community';
import { orgUnitKinds, orgUnitsQuery, type OrgUnitFilter } from '../api';
import { OrgUnitFilterForm } from '../components/org-unit-filter-form';
import { OrgUnitFormModal } from '../components/org-unit-form-modal';

/** The filter from the address; without a region it follows the current community or grid. */
function readFilter(params: URLSearchParams, defaultRegion: string | undefined): OrgUnitFilter {
  return {
    q: params.get('q') ?? undefined,
    kind: orgUnitKinds.find((kind) => kind === params.get('kind')),
    regionCode: params.get('regionCode') ?? defaultRegion,
  };
}

/** 单位与社会组织: enterprises, institutions and social organisations in the community. */
export function OrgUnitsPage() {
  const { t } = useTranslation();
  const canWrite = useCan('person:write');
  const community = useCurrentCommunity();
  const { filter, page, pageSize, search, paginate } = usePagedSearch((params) =>
    readFilter(params, community?.code),
  );
  const units = useQuery(orgUnitsQuery({ ...filter, page, pageSize }));
  const [dialog, setDialog] = useState<{ unit?: OrgUnitView } | null>(null);

  return (
    <PageContainer
      title={t('nav.orgUnits')}
      description={t('orgUnit.pageDescription')}
      extra={
        canWrite && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setDialog({})}
            data-testid="org-unit-create"
          >
            {t('orgUnit.create')}
          </Button>
        )
      }
    >
      <PagedTable<OrgUnitView>
        data-testid="org-unit-table"
        rowKey="id"
        query={units}
        page={page}
        pageSize={pageSize}
        onPageChange={paginate}
        filter={<OrgUnitFilterForm value={filter} onSearch={search} />}
        columns={[
          { title: t('orgUnit.name'), dataIndex: 'name', width: 220, fixed: 'start' },
          {
            title: t('orgUnit.creditCode'),
            dataIndex: 'creditCode',
            width: 190,
            render: (code: string | null) =>
              code ? (
                <Typography.Text style={{ fontFamily: 'monospace' }}>{code}</Typography.Text>
              ) : (
                '—'
              ),
          },
          {
            title: t('orgUnit.kind'),
            dataIndex: 'kind',
            width: 130,
            render: (kind: string) => {
              const known = orgUnitKinds.find((k) => k === kind);
              return known ? t(`orgUnitKind.${known}`) : kind;
            },
          },
          { title: t('person.community'), dataIndex: 'regionName', width: 140, ellipsis: true },
          {
            title: t('orgUnit.address'),
            dataIndex: 'address',
            ellipsis: true,
            render: (address: string | null) => address ?? '—',
          },
          {
            title: t('orgUnit.contact'),
            key: 'contact',
            width: 170,
            render: (_, unit) =>
              [unit.contactName, unit.contactPhoneMasked].filter(Boolean).join(' ') || '—',
          },
          {
            title: t('orgUnit.headcount'),
            dataIndex: 'headcount',
            width: 90,
            align: 'right',
            render: (n: number | null) => n ?? '—',
          },
          ...(canWrite
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  width: 80,
                  fixed: 'end' as const,
                  render: (_: unknown, unit: OrgUnitView) => (
                    <Button type="link" size="small" onClick={() => setDialog({ unit })}>
                      {t('common.edit')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {dialog && <OrgUnitFormModal unit={dialog.unit} onClose={() => setDialog(null)} />}
    </PageContainer>
  );
}
