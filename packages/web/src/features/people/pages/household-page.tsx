import { useQuery } from '@tanstack/react-query';
import { Card } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { PageContainer } from '../../../ui/page-container';
import { QueryState } from '../../../ui/query-state';
import { householdQuery } from '../api';
import { HouseholdSummary } from '../components/household-summary';

/** 户详情: one household with its members and their relation to the head. */
export function HouseholdPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const household = useQuery(householdQuery(id));
  return (
    <PageContainer
      title={
        household.data
          ? t('household.title', { number: household.data.number })
          : t('household.titleLoading')
      }
      description={t('household.pageDescription')}
    >
      <Card>
        <QueryState query={household}>{(data) => <HouseholdSummary household={data} />}</QueryState>
      </Card>
    </PageContainer>
  );
}
