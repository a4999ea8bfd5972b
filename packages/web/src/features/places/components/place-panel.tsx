import { PlusOutlined } from '@ant-design/icons';
import type { PlaceView } from '@shequ/core';
import { Button, Card, Descriptions, Flex, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../auth/components/me-provider';
import { houseUses, known, ownerships } from '../api';
import { HouseResidents } from './house-residents';
import { PlaceCreateModal } from './place-create-modal';

/** The selected place: what it is, how many live there, and for a house who they are. */
export function PlacePanel({
  place,
  onCreated,
}: {
  place: PlaceView;
  /** A place was added below this one. */
  onCreated: (place: PlaceView) => void;
}) {
  const { t } = useTranslation();
  const canWrite = useCan('person:write');
  const [adding, setAdding] = useState(false);
  const house = place.kind === 'house';
  const houseUse = known(houseUses, place.houseUse);
  const ownership = known(ownerships, place.ownership);

  return (
    <Card
      title={
        <Flex gap={8} align="center">
          {place.name}
          <Tag>{t(`placeKind.${place.kind}`)}</Tag>
        </Flex>
      }
      extra={
        canWrite &&
        !house && (
          <Button
            icon={<PlusOutlined />}
            onClick={() => setAdding(true)}
            data-testid="place-add-child"
          >
            {t('place.addChild')}
          </Button>
        )
      }
    >
      <Flex vertical gap={16}>
        <Descriptions
          bordered
          size="small"
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'residents', label: t('place.residentCount'), children: place.residentCount },
            ...(house
              ? [
                  {
                    key: 'use',
                    label: t('place.houseUse'),
                    children: houseUse ? t(`houseUse.${houseUse}`) : (place.houseUse ?? '—'),
                  },
                  {
                    key: 'area',
                    label: t('place.area'),
                    children: place.area === null ? '—' : `${place.area} ㎡`,
                  },
                  {
                    key: 'ownership',
                    label: t('place.ownership'),
                    children: ownership ? t(`ownership.${ownership}`) : (place.ownership ?? '—'),
                  },
                  {
                    key: 'rented',
                    label: t('place.rented'),
                    children:
                      place.rented === null ? '—' : place.rented ? t('common.yes') : t('common.no'),
                  },
                ]
              : [{ key: 'children', label: t('place.childCount'), children: place.childCount }]),
          ]}
        />
        {house && <HouseResidents houseId={place.id} />}
      </Flex>
      {adding && (
        <PlaceCreateModal
          parent={place}
          regionCode={place.regionCode}
          onCreated={onCreated}
          onClose={() => setAdding(false)}
        />
      )}
    </Card>
  );
}
