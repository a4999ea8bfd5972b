import { PlusOutlined } from '@ant-design/icons';
import type { PlaceView } from '@shequ/core';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Empty, Flex, Row } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageContainer } from '../../../ui/page-container';
import { QueryState } from '../../../ui/query-state';
import { useCan } from '../../auth/components/me-provider';
import { CommunityTreeSelect } from '../../regions/components/community-tree-select';
import { useCurrentCommunity } from '../../regions/use-current-community';
import { placesQuery } from '../api';
import { PlaceCreateModal } from '../components/place-create-modal';
import { PlacePanel } from '../components/place-panel';
import { PlaceTree } from '../components/place-tree';

/** 房屋楼栋: a community's compounds, buildings, units and houses, and who lives where. */
export function PlacesPage() {
  const { t } = useTranslation();
  const canWrite = useCan('person:write');
  const community = useCurrentCommunity();
  const [params, setParams] = useSearchParams();
  const regionCode = params.get('regionCode') ?? community?.code;
  const compounds = useQuery({
    ...placesQuery(undefined, regionCode),
    enabled: Boolean(regionCode),
  });
  const [selected, setSelected] = useState<PlaceView>();
  const [adding, setAdding] = useState(false);

  return (
    <PageContainer title={t('nav.places')} description={t('place.pageDescription')}>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={9} xxl={7}>
          <Card
            size="small"
            title={t('place.tree')}
            extra={
              canWrite &&
              regionCode && (
                <Button
                  size="small"
                  icon={<PlusOutlined />}
                  onClick={() => setAdding(true)}
                  data-testid="place-add-compound"
                >
                  {t('place.addCompound')}
                </Button>
              )
            }
          >
            <Flex vertical gap={12}>
              <CommunityTreeSelect
                value={regionCode}
                onChange={(code) => {
                  setSelected(undefined);
                  setParams(code ? { regionCode: code } : {});
                }}
                style={{ width: '100%' }}
              />
              {regionCode ? (
                <QueryState query={compounds}>
                  {(items) =>
                    items.length > 0 ? (
                      <PlaceTree
                        key={regionCode}
                        compounds={items}
                        selected={selected}
                        onSelect={setSelected}
                      />
                    ) : (
                      <Empty description={t('place.noCompounds')} />
                    )
                  }
                </QueryState>
              ) : (
                <Empty description={t('place.pickCommunity')} />
              )}
            </Flex>
          </Card>
        </Col>
        <Col xs={24} lg={15} xxl={17}>
          {selected ? (
            <PlacePanel place={selected} onCreated={setSelected} />
          ) : (
            <Card>
              <Empty description={t('place.selectHint')} />
            </Card>
          )}
        </Col>
      </Row>
      {adding && regionCode && (
        <PlaceCreateModal
          regionCode={regionCode}
          onCreated={setSelected}
          onClose={() => setAdding(false)}
        />
      )}
    </PageContainer>
  );
}
