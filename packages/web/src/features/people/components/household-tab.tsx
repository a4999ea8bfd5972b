import type { PersonDetail } from '@shequ/core';
import { Empty } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { HouseholdSummary } from './household-summary';

/** 户籍: the person's current household and its members. */
export function HouseholdTab({ person }: { person: PersonDetail }) {
  const { t } = useTranslation();
  if (!person.household) return <Empty description={t('household.none')} />;
  const { household } = person;
  return (
    <HouseholdSummary
      household={household}
      currentId={person.id}
      number={<Link to={`/households/${household.id}`}>{household.number}</Link>}
    />
  );
}
