import { useQuery } from '@tanstack/react-query';
import { Card, Col, Empty, Flex, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageContainer } from '../../../ui/page-container';
import { QueryState } from '../../../ui/query-state';
import { useMe } from '../../auth/components/me-provider';
import { regionScopeQuery } from '../api';
import { RegionDetailPanel } from '../components/region-detail';
import { RegionSearchSelect } from '../components/region-search-select';
import { RegionTree } from '../components/region-tree';

/** 区划管理: the region tree of the user's scope beside the selected region's details. */
export function RegionsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const scope = useQuery(regionScopeQuery);
  const selected = params.get('code') ?? me.currentRegion?.code ?? scope.data?.items[0]?.code;
  const select = (code: string) => setParams({ code });

  return (
    <PageContainer title={t('nav.regions')} description={t('region.pageDescription')}>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={9} xxl={7}>
          <Card size="small" title={t('region.tree')}>
            <Flex vertical gap={12}>
              <RegionSearchSelect
                value={null}
                onChange={(code) => code && select(code)}
                placeholder={t('region.searchPlaceholder')}
                style={{ width: '100%' }}
                data-testid="region-search"
              />
              <QueryState query={scope}>
                {({ items }) =>
                  items.length > 0 ? (
                    <RegionTree roots={items} selectedCode={selected} onSelect={select} />
                  ) : (
                    <Empty description={t('region.noScope')} />
                  )
                }
              </QueryState>
            </Flex>
          </Card>
        </Col>
        <Col xs={24} lg={15} xxl={17}>
          {selected ? (
            <RegionDetailPanel code={selected} onSelect={select} />
          ) : (
            <Card>
              <Empty description={t('region.selectHint')} />
            </Card>
          )}
        </Col>
      </Row>
    </PageContainer>
  );
}
