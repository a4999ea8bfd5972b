import { useQuery } from '@tanstack/react-query';
import { Card, Empty, Flex } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageContainer } from '../../../ui/page-container';
import { QueryState } from '../../../ui/query-state';
import { duplicatesQuery } from '../api';
import { DuplicateGroupCard } from '../components/duplicate-group-card';

/** 疑似重复: records that look like one person (same ID number, or same name and birth date). */
export function DuplicatesPage() {
  const { t } = useTranslation();
  const duplicates = useQuery(duplicatesQuery);
  return (
    <PageContainer title={t('duplicate.title')} description={t('duplicate.pageDescription')}>
      <QueryState query={duplicates}>
        {(groups) =>
          groups.length === 0 ? (
            <Card>
              <Empty description={t('duplicate.none')} />
            </Card>
          ) : (
            <Flex vertical gap={16}>
              {groups.map((group, index) => (
                <DuplicateGroupCard
                  key={group.people.map((p) => p.id).join('-')}
                  group={group}
                  index={index}
                />
              ))}
            </Flex>
          )
        }
      </QueryState>
    </PageContainer>
  );
}
