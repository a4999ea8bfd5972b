import { PlusOutlined, UsergroupDeleteOutlined } from '@ant-design/icons';
import { sexCodes, type LifeStatus, type PersonSummary } from '@shequ/core';
import { useQuery } from '@tanstack/react-query';
import { Button, Typography, type TableProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { PageContainer } from '../../../ui/page-container';
import { PagedTable, usePagedSearch } from '../../../ui/paged-table';
import { useCan } from '../../auth/components/me-provider';
import { useCurrentCommunity } from '../../regions/use-current-community';
import { peopleQuery, type PersonSortField } from '../api';
import { LifeStatusTag } from '../components/life-status-tag';
import { PeopleExportButtons } from '../components/people-export-buttons';
import { PeopleFilterForm } from '../components/people-filter-form';
import { PersonFormDrawer } from '../components/person-form-drawer';
import { PersonTags } from '../components/person-tags';
import { codeLabel } from '../labels';
import { readPersonFilter } from '../person-filter';

/** 人员查询: search the community database, page through it and open a person. */
export function PeoplePage() {
  const { t } = useTranslation();
  const canWrite = useCan('person:write');
  const canMerge = useCan('person:merge');
  const navigate = useNavigate();
  const community = useCurrentCommunity();
  const { filter, page, pageSize, search, paginate } = usePagedSearch((params) =>
    readPersonFilter(params, community?.code),
  );
  const people = useQuery(peopleQuery({ ...filter, page, pageSize }));
  const [creating, setCreating] = useState(false);

  // The age column sorts by birth date the other way round: the youngest have the latest dates.
  const reversed = (field: PersonSortField) => field === 'birthDate';
  const sortOrder = (field: PersonSortField) => {
    if (filter.sort !== field) return null;
    return (filter.order === 'desc') !== reversed(field) ? 'descend' : 'ascend';
  };

  const onChange: TableProps<PersonSummary>['onChange'] = (
    _pagination,
    _filters,
    sorter,
    extra,
  ) => {
    if (extra.action !== 'sort' || Array.isArray(sorter)) return;
    const field = sorter.order ? (sorter.columnKey as PersonSortField) : undefined;
    const descending = (sorter.order === 'descend') !== (field !== undefined && reversed(field));
    search({ ...filter, sort: field, order: field && descending ? 'desc' : undefined });
  };

  return (
    <PageContainer
      title={t('nav.people')}
      description={t('person.pageDescription')}
      extra={
        <>
          {canMerge && (
            <Button
              icon={<UsergroupDeleteOutlined />}
              onClick={() => void navigate('/people/duplicates')}
            >
              {t('duplicate.link')}
            </Button>
          )}
          <PeopleExportButtons filter={filter} />
          {canWrite && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="person-create"
            >
              {t('person.create')}
            </Button>
          )}
        </>
      }
    >
      <PagedTable<PersonSummary>
        data-testid="people-table"
        rowKey="id"
        query={people}
        page={page}
        pageSize={pageSize}
        onPageChange={paginate}
        onChange={onChange}
        filter={<PeopleFilterForm value={filter} onSearch={search} />}
        columns={[
          {
            title: t('person.name'),
            key: 'name',
            width: 110,
            fixed: 'start',
            sorter: true,
            sortOrder: sortOrder('name'),
            render: (_, person) => <Link to={`/people/${person.id}`}>{person.name}</Link>,
          },
          {
            title: t('person.sex'),
            dataIndex: 'sex',
            width: 64,
            render: (sex: string | null) => codeLabel(sexCodes, sex).replace(/性$/, ''),
          },
          {
            title: t('person.age'),
            key: 'birthDate',
            width: 80,
            sorter: true,
            sortOrder: sortOrder('birthDate'),
            render: (_, person) =>
              person.age === null ? '—' : t('person.ageYears', { age: person.age }),
          },
          {
            title: t('person.idNumber'),
            dataIndex: 'idNumberMasked',
            width: 180,
            render: (value: string) => (
              <Typography.Text style={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>
                {value}
              </Typography.Text>
            ),
          },
          {
            title: t('person.phone'),
            dataIndex: 'phoneMasked',
            width: 120,
            render: (phone: string | null) => phone ?? '—',
          },
          {
            title: t('person.residenceType'),
            dataIndex: 'residenceType',
            width: 100,
            render: (type: PersonSummary['residenceType']) => t(`residenceType.${type}`),
          },
          {
            title: t('person.community'),
            key: 'regionCode',
            dataIndex: 'regionName',
            width: 150,
            ellipsis: true,
            sorter: true,
            sortOrder: sortOrder('regionCode'),
          },
          {
            title: t('person.tags'),
            key: 'tags',
            render: (_, person) => (
              <PersonTags
                derivedTags={person.derivedTags}
                tags={person.tags}
                flags={person.flags}
              />
            ),
          },
          {
            title: t('person.lifeStatus'),
            dataIndex: 'lifeStatus',
            width: 110,
            render: (status: LifeStatus) => <LifeStatusTag status={status} />,
          },
        ]}
      />
      {creating && <PersonFormDrawer onClose={() => setCreating(false)} />}
    </PageContainer>
  );
}
