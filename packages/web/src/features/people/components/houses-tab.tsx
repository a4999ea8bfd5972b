import { PlusOutlined } from '@ant-design/icons';
import type { PersonDetail } from '@shequ/core';
import { Button, Flex, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PersonHouseView } from '../../../api/types';
import { formatDate } from '../../../ui/format';
import { useCan } from '../../auth/components/me-provider';
import { AddHouseModal } from './add-house-modal';

/** 房屋: the houses the person lives in, owns, rents or is registered at, past ones included. */
export function HousesTab({ person }: { person: PersonDetail }) {
  const { t } = useTranslation();
  const canWrite = useCan('person:write');
  const [adding, setAdding] = useState(false);
  return (
    <Flex vertical gap={12}>
      {canWrite && (
        <Flex justify="flex-end">
          <Button icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="house-add">
            {t('personHouse.add')}
          </Button>
        </Flex>
      )}
      <Table<PersonHouseView>
        size="small"
        rowKey="id"
        dataSource={person.houses}
        pagination={false}
        locale={{ emptyText: t('personHouse.none') }}
        columns={[
          {
            title: t('personHouse.house'),
            dataIndex: 'address',
          },
          {
            title: t('personHouse.relation'),
            dataIndex: 'relation',
            width: 110,
            render: (relation: PersonHouseView['relation']) => t(`houseRelation.${relation}`),
          },
          {
            title: t('personHouse.primary'),
            dataIndex: 'isPrimary',
            width: 100,
            render: (primary: boolean) =>
              primary ? <Tag color="blue">{t('personHouse.primary')}</Tag> : '—',
          },
          {
            title: t('personHouse.startDate'),
            dataIndex: 'startDate',
            width: 110,
            render: formatDate,
          },
          {
            title: t('personHouse.endDate'),
            dataIndex: 'endDate',
            width: 110,
            render: (date: string | null) => (date ? formatDate(date) : t('personHouse.current')),
          },
        ]}
      />
      {adding && <AddHouseModal person={person} onClose={() => setAdding(false)} />}
    </Flex>
  );
}
