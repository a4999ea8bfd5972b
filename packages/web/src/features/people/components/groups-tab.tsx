import { PlusOutlined } from '@ant-design/icons';
import { findSpecialGroup, type MembershipView, type PersonDetail } from '@shequ/core';
import { Button, Flex, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate } from '../../../ui/format';
import { useCan } from '../../auth/components/me-provider';
import { useValueBadges } from '../../governance/use-value-badges';
import { departmentTypeName } from '../../special-groups/attributes';
import { AttentionLevelTag } from '../../special-groups/components/attention-level-tag';
import { GroupAttributes } from '../../special-groups/components/group-attributes';
import { EndMembershipModal } from './end-membership-modal';
import { MembershipModal } from './membership-modal';

/** 人群: the registers the person is or was in, with their facts; register and end for writers. */
export function GroupsTab({ person }: { person: PersonDetail }) {
  const { t } = useTranslation();
  const canWrite = useCan('person:write');
  const [adding, setAdding] = useState(false);
  const [ending, setEnding] = useState<MembershipView | null>(null);
  // status badges of current memberships and their facts (group.<register>[.<field>])
  const badge = useValueBadges(person);
  const open = person.lifeStatus !== 'deceased' && person.mergedInto === null;

  return (
    <Flex vertical gap={12}>
      {canWrite && open && (
        <Flex justify="flex-end">
          <Button
            icon={<PlusOutlined />}
            onClick={() => setAdding(true)}
            data-testid="membership-add"
          >
            {t('membership.add')}
          </Button>
        </Flex>
      )}
      <Table<MembershipView>
        size="small"
        rowKey="id"
        dataSource={person.groups}
        pagination={false}
        locale={{ emptyText: t('membership.none') }}
        columns={[
          {
            title: t('membership.group'),
            key: 'group',
            width: 170,
            render: (_, m) => {
              const category = findSpecialGroup(m.groupCode)?.category;
              return (
                <Flex vertical gap={2}>
                  <Link to={`/groups/${m.groupCode}`}>{m.groupName}</Link>
                  {category && (
                    <Tag
                      color={category === 'care' ? 'green' : 'volcano'}
                      style={{ width: 'fit-content' }}
                    >
                      {t(`groupCategory.${category}`)}
                    </Tag>
                  )}
                </Flex>
              );
            },
          },
          {
            title: t('membership.status'),
            dataIndex: 'status',
            width: 90,
            render: (status: MembershipView['status'], m) => (
              <Flex vertical gap={4} align="flex-start">
                <Tag color={status === 'active' ? 'success' : 'default'}>
                  {t(`membershipStatus.${status}`)}
                </Tag>
                {status === 'active' && badge(`group.${m.groupCode}`, { inline: false })}
              </Flex>
            ),
          },
          {
            title: t('membership.attentionLevel'),
            dataIndex: 'attentionLevel',
            width: 90,
            render: (level: string | null) => <AttentionLevelTag level={level} />,
          },
          {
            title: t('membership.facts'),
            key: 'attributes',
            render: (_, m) => (
              <GroupAttributes
                groupCode={m.groupCode}
                attributes={m.attributes}
                suffix={
                  m.status === 'active' ? (key) => badge(`group.${m.groupCode}.${key}`) : undefined
                }
              />
            ),
          },
          {
            title: t('membership.period'),
            key: 'period',
            width: 190,
            render: (_, m) => (
              <Flex vertical>
                <span>
                  {formatDate(m.startDate)} —{' '}
                  {m.endDate ? formatDate(m.endDate) : t('membership.now')}
                </span>
                {m.endReason && <span style={{ color: '#8c8c8c' }}>{m.endReason}</span>}
              </Flex>
            ),
          },
          {
            title: t('membership.verifier'),
            dataIndex: 'verifyingDepartmentType',
            width: 90,
            render: departmentTypeName,
          },
          ...(canWrite
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  width: 80,
                  render: (_: unknown, m: MembershipView) =>
                    m.status === 'active' && (
                      <Button type="link" size="small" onClick={() => setEnding(m)}>
                        {t('membership.end')}
                      </Button>
                    ),
                },
              ]
            : []),
        ]}
      />
      {adding && <MembershipModal person={person} onClose={() => setAdding(false)} />}
      {ending && (
        <EndMembershipModal
          personId={person.id}
          membership={ending}
          onClose={() => setEnding(null)}
        />
      )}
    </Flex>
  );
}
