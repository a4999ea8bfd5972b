import { Alert, Descriptions, Flex } from 'antd';
import type { HouseholdView } from '@shequ/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { HouseholdMembersTable } from './household-members-table';

/**
 * A household: its number, type and community, a warning for each problem with its head (none,
 * or more than one), and the members.
 */
export function HouseholdSummary({
  household,
  number,
  currentId,
}: {
  household: HouseholdView;
  /** The number as shown, e.g. a link to the household's page. */
  number?: ReactNode;
  currentId?: string;
}) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={12}>
      {household.problems.map((problem) => (
        <Alert
          key={`${problem.path}-${problem.message}`}
          type="warning"
          showIcon
          title={problem.message}
          data-testid="household-problem"
        />
      ))}
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 1, md: 3 }}
        items={[
          { key: 'number', label: t('household.number'), children: number ?? household.number },
          {
            key: 'type',
            label: t('household.type'),
            children: t(`householdType.${household.householdType}`),
          },
          {
            key: 'community',
            label: t('person.community'),
            children: household.regionName,
          },
        ]}
      />
      <HouseholdMembersTable members={household.members} currentId={currentId} />
    </Flex>
  );
}
