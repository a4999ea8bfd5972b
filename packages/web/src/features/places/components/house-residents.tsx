import { sexCodes, type LifeStatus, type PersonSummary } from '@shequ/core';
import { useQuery } from '@tanstack/react-query';
import { Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorResult } from '../../../ui/query-state';
import { peopleQuery } from '../../people/api';
import { LifeStatusTag } from '../../people/components/life-status-tag';
import { PersonTags } from '../../people/components/person-tags';
import { codeLabel } from '../../people/labels';

/** Who lives in a house (or is registered there, owns or rents it), each linking to the person. */
export function HouseResidents({ houseId }: { houseId: string }) {
  const { t } = useTranslation();
  const people = useQuery(peopleQuery({ houseId, page: 1, pageSize: 100 }));
  if (people.isError)
    return <ErrorResult error={people.error} onRetry={() => void people.refetch()} />;
  return (
    <Table<PersonSummary>
      size="small"
      rowKey="id"
      loading={people.isFetching}
      dataSource={people.data?.items ?? []}
      pagination={false}
      data-testid="house-residents"
      locale={{ emptyText: t('place.noResidents') }}
      columns={[
        {
          title: t('person.name'),
          key: 'name',
          render: (_, person) => <Link to={`/people/${person.id}`}>{person.name}</Link>,
        },
        {
          title: t('person.sex'),
          dataIndex: 'sex',
          width: 80,
          render: (sex: string | null) => codeLabel(sexCodes, sex),
        },
        {
          title: t('person.age'),
          dataIndex: 'age',
          width: 70,
          render: (age: number | null) => (age === null ? '—' : t('person.ageYears', { age })),
        },
        {
          title: t('person.idNumber'),
          dataIndex: 'idNumberMasked',
          width: 180,
          render: (value: string) => <span style={{ fontFamily: 'monospace' }}>{value}</span>,
        },
        {
          title: t('person.tags'),
          key: 'tags',
          render: (_, person) => (
            <PersonTags derivedTags={person.derivedTags} tags={person.tags} flags={person.flags} />
          ),
        },
        {
          title: t('person.lifeStatus'),
          dataIndex: 'lifeStatus',
          width: 100,
          render: (status: LifeStatus) => <LifeStatusTag status={status} />,
        },
      ]}
    />
  );
}
