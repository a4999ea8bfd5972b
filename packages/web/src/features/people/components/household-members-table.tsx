import { HOUSEHOLD_HEAD_RELATION, sexCodes } from '@shequ/core';
import { Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { HouseholdMemberView } from '../../../api/types';
import { formatDate } from '../../../ui/format';
import { codeLabel } from '../labels';

/** The members of a household with their relation to the head; `currentId` is marked 本人. */
export function HouseholdMembersTable({
  members,
  currentId,
}: {
  members: HouseholdMemberView[];
  currentId?: string;
}) {
  const { t } = useTranslation();
  return (
    <Table<HouseholdMemberView>
      size="small"
      rowKey="personId"
      dataSource={members}
      pagination={false}
      data-testid="household-members"
      locale={{ emptyText: t('household.noMembers') }}
      columns={[
        {
          title: t('person.name'),
          key: 'name',
          render: (_, member) =>
            member.personId === currentId ? (
              <>
                {member.name} <Tag color="blue">{t('household.self')}</Tag>
              </>
            ) : (
              <Link to={`/people/${member.personId}`}>{member.name}</Link>
            ),
        },
        {
          title: t('household.relation'),
          dataIndex: 'relationName',
          width: 140,
          render: (name: string, member) =>
            member.relation === HOUSEHOLD_HEAD_RELATION ? <Tag color="gold">{name}</Tag> : name,
        },
        {
          title: t('person.sex'),
          dataIndex: 'sex',
          width: 80,
          render: (sex: string | null) => codeLabel(sexCodes, sex),
        },
        {
          title: t('person.birthDate'),
          dataIndex: 'birthDate',
          width: 110,
          render: formatDate,
        },
        {
          title: t('person.idNumber'),
          dataIndex: 'idNumberMasked',
          width: 180,
          render: (value: string) => <span style={{ fontFamily: 'monospace' }}>{value}</span>,
        },
        {
          title: t('household.joinedOn'),
          dataIndex: 'joinedOn',
          width: 110,
          render: formatDate,
        },
      ]}
    />
  );
}
