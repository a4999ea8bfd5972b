import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import type { PersonDetail } from '@shequ/core';
import { Alert, Button, Card, Flex, Tabs } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { PageContainer } from '../../../ui/page-container';
import { useCan } from '../../auth/components/me-provider';
import { GroupsTab } from './groups-tab';
import { HistoryTab } from './history-tab';
import { HouseholdTab } from './household-tab';
import { HousesTab } from './houses-tab';
import { LifeStatusTag } from './life-status-tag';
import { PersonBasicTab } from './person-basic-tab';
import { PersonFormDrawer } from './person-form-drawer';
import { PersonStatusActions } from './person-status-actions';
import { UnmaskModal } from './unmask-modal';

const tabKeys = ['basic', 'household', 'houses', 'groups', 'history'] as const;
type TabKey = (typeof tabKeys)[number];

/** A loaded person: name and status, the actions a writer has, and the record in tabs. */
export function PersonView({
  person,
  onPurpose,
}: {
  person: PersonDetail;
  onPurpose: (purpose: string) => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const canWrite = useCan('person:write');
  const [params, setParams] = useSearchParams();
  const tab: TabKey = tabKeys.find((key) => key === params.get('tab')) ?? 'basic';
  const [dialog, setDialog] = useState<'edit' | 'unmask' | null>(null);
  const writable = canWrite && person.mergedInto === null && person.lifeStatus !== 'deceased';

  return (
    <PageContainer
      title={
        <Flex gap={8} align="center">
          {person.name}
          <LifeStatusTag status={person.lifeStatus} />
        </Flex>
      }
      description={`${person.regionName} · ${t(`residenceType.${person.residenceType}`)}`}
      extra={
        <>
          <Button icon={<ArrowLeftOutlined />} onClick={() => void navigate(-1)}>
            {t('common.back')}
          </Button>
          {writable && (
            <>
              <PersonStatusActions person={person} />
              <Button
                type="primary"
                icon={<EditOutlined />}
                onClick={() => setDialog('edit')}
                data-testid="person-edit"
              >
                {t('common.edit')}
              </Button>
            </>
          )}
        </>
      }
    >
      {person.mergedInto && (
        <Alert
          type="warning"
          showIcon
          title={t('person.mergedInto')}
          action={<Link to={`/people/${person.mergedInto}`}>{t('person.openMerged')}</Link>}
        />
      )}
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(key) => setParams({ tab: key }, { replace: true })}
          items={[
            {
              key: 'basic',
              label: t('person.tabBasic'),
              children: <PersonBasicTab person={person} onUnmask={() => setDialog('unmask')} />,
            },
            {
              key: 'household',
              label: t('person.tabHousehold'),
              children: <HouseholdTab person={person} />,
            },
            {
              key: 'houses',
              label: t('person.tabHouses', { count: person.houses.length }),
              children: <HousesTab person={person} />,
            },
            {
              key: 'groups',
              label: t('person.tabGroups', {
                count: person.groups.filter((m) => m.status === 'active').length,
              }),
              children: <GroupsTab person={person} />,
            },
            {
              key: 'history',
              label: t('person.tabHistory'),
              children: <HistoryTab personId={person.id} />,
            },
          ]}
        />
      </Card>
      {dialog === 'edit' && <PersonFormDrawer person={person} onClose={() => setDialog(null)} />}
      {dialog === 'unmask' && (
        <UnmaskModal person={person} onPurpose={onPurpose} onClose={() => setDialog(null)} />
      )}
    </PageContainer>
  );
}
