import { findSpecialGroup, sexCodes } from '@shequ/core';
import { useQuery } from '@tanstack/react-query';
import { Button, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { GroupRegisterRow } from '../../../api/types';
import { formatDate } from '../../../ui/format';
import { PageContainer } from '../../../ui/page-container';
import { PagedTable, usePagedSearch } from '../../../ui/paged-table';
import { NotFoundPage } from '../../errors/pages/not-found-page';
import { codeLabel } from '../../people/labels';
import { useCurrentCommunity } from '../../regions/use-current-community';
import { groupRegisterQuery, type RegisterFilter } from '../api';
import { departmentTypeName } from '../attributes';
import { AttentionLevelTag } from '../components/attention-level-tag';
import { GroupAttributes } from '../components/group-attributes';
import { RegisterFilterForm } from '../components/register-filter-form';

/** One register's members (登记簿): current or ended, in a community, with their facts. */
export function GroupRegisterPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { code = '' } = useParams();
  const group = findSpecialGroup(code);
  const community = useCurrentCommunity();
  const { filter, page, pageSize, search, paginate } = usePagedSearch((params): RegisterFilter => ({
    status: params.get('status') === 'ended' ? 'ended' : 'active',
    regionCode: params.get('regionCode') ?? community?.code,
  }));
  const members = useQuery({
    ...groupRegisterQuery(code, { ...filter, page, pageSize }),
    enabled: group !== undefined,
  });
  if (!group) return <NotFoundPage />;

  return (
    <PageContainer
      title={group.name}
      description={t('specialGroup.registerDescription', {
        category: t(`groupCategory.${group.category}`),
        department: departmentTypeName(group.verifyingDepartmentType),
      })}
      extra={<Button onClick={() => void navigate('/groups')}>{t('specialGroup.all')}</Button>}
    >
      <PagedTable<GroupRegisterRow>
        data-testid="group-register-table"
        rowKey="membershipId"
        query={members}
        page={page}
        pageSize={pageSize}
        onPageChange={paginate}
        filter={<RegisterFilterForm value={filter} onSearch={search} />}
        columns={[
          {
            title: t('person.name'),
            key: 'name',
            width: 110,
            fixed: 'start',
            render: (_, row) => <Link to={`/people/${row.person.id}`}>{row.person.name}</Link>,
          },
          {
            title: t('person.sex'),
            key: 'sex',
            width: 70,
            render: (_, row) => codeLabel(sexCodes, row.person.sex),
          },
          {
            title: t('person.age'),
            key: 'age',
            width: 70,
            render: (_, row) =>
              row.person.age === null ? '—' : t('person.ageYears', { age: row.person.age }),
          },
          {
            title: t('person.idNumber'),
            key: 'id',
            width: 180,
            render: (_, row) => (
              <Typography.Text style={{ fontFamily: 'monospace' }}>
                {row.person.idNumberMasked}
              </Typography.Text>
            ),
          },
          {
            title: t('person.community'),
            key: 'community',
            width: 140,
            ellipsis: true,
            render: (_, row) => row.person.regionName,
          },
          ...(group.hasAttentionLevel
            ? [
                {
                  title: t('membership.attentionLevel'),
                  dataIndex: 'attentionLevel',
                  width: 100,
                  render: (level: string | null) => <AttentionLevelTag level={level} />,
                },
              ]
            : []),
          {
            title: t('membership.facts'),
            key: 'facts',
            render: (_, row) => <GroupAttributes groupCode={code} attributes={row.attributes} />,
          },
          {
            title: t('membership.startDate'),
            dataIndex: 'startDate',
            width: 110,
            render: formatDate,
          },
          ...(filter.status === 'ended'
            ? [
                {
                  title: t('membership.endDate'),
                  dataIndex: 'endDate',
                  width: 110,
                  render: formatDate,
                },
              ]
            : []),
        ]}
      />
    </PageContainer>
  );
}
