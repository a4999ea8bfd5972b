import type { DataElementView } from '@shequ/core';
import { useQuery } from '@tanstack/react-query';
import { Card, Tabs } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageContainer } from '../../../ui/page-container';
import { QueryState } from '../../../ui/query-state';
import { useCan } from '../../auth/components/me-provider';
import { catalogQuery } from '../api';
import { CatalogEditDrawer } from '../components/catalog-edit-drawer';
import { CatalogTable } from '../components/catalog-table';
import { ResponsibilityMatrixTable } from '../components/responsibility-matrix-table';

/**
 * 数据元目录: the city's data elements with who verifies and who compares each, and the same as a
 * responsibility matrix; the informatization administrator adjusts an element in a drawer.
 */
export function CatalogPage() {
  const { t } = useTranslation();
  const canManage = useCan('catalog:manage');
  const catalog = useQuery(catalogQuery);
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'matrix' ? 'matrix' : 'elements';
  const [editing, setEditing] = useState<DataElementView | null>(null);

  return (
    <PageContainer
      title={t('nav.catalog')}
      description={
        catalog.data
          ? t('governance.catalog.pageDescription', { city: catalog.data.cityName })
          : undefined
      }
    >
      <Card>
        <QueryState query={catalog}>
          {(data) => (
            <>
              <Tabs
                activeKey={tab}
                onChange={(key) => setParams({ tab: key }, { replace: true })}
                items={[
                  {
                    key: 'elements',
                    label: t('governance.catalog.tabElements', { count: data.elements.length }),
                    children: (
                      <CatalogTable
                        elements={data.elements}
                        onEdit={canManage ? setEditing : undefined}
                      />
                    ),
                  },
                  {
                    key: 'matrix',
                    label: t('governance.catalog.tabMatrix'),
                    children: <ResponsibilityMatrixTable elements={data.elements} />,
                  },
                ]}
              />
              {editing && (
                <CatalogEditDrawer
                  cityCode={data.cityCode}
                  element={editing}
                  onClose={() => setEditing(null)}
                />
              )}
            </>
          )}
        </QueryState>
      </Card>
    </PageContainer>
  );
}
