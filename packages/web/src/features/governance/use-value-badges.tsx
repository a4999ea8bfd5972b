import type { PersonDetail } from '@shequ/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { DescriptionsProps } from 'antd';
import { useCallback, useEffect, useMemo, useRef, type ReactNode } from 'react';
import { catalogQuery, elementValuesQuery, governanceKeys } from './api';
import { ValueStatusBadge } from './components/value-status-badge';
import { attributeHasValue } from './person-values';
import { displayStatusOf } from './value-status';

type DescriptionsItemType = NonNullable<DescriptionsProps['items']>[number];

/**
 * The person view's status badges: loads the city's catalog and the person's value statuses (again
 * whenever a changed person arrives), and gives the badge for an element code (null for elements
 * nobody verifies, or while loading).
 */
export function useValueBadges(
  person: PersonDetail,
): (elementCode: string, options?: { inline?: boolean }) => ReactNode {
  const queryClient = useQueryClient();
  const catalog = useQuery(catalogQuery);
  const values = useQuery(elementValuesQuery(person.id));
  // A fresh person (after an edit or a register change) may have new statuses: read them again.
  const seen = useRef(person);
  useEffect(() => {
    if (seen.current === person) return;
    seen.current = person;
    void queryClient.invalidateQueries({ queryKey: governanceKeys.values(person.id) });
  }, [person, queryClient]);
  const elements = useMemo(
    () => new Map((catalog.data?.elements ?? []).map((e) => [e.code, e])),
    [catalog.data],
  );
  const byCode = useMemo(
    () => new Map((values.data ?? []).map((v) => [v.elementCode, v])),
    [values.data],
  );
  const ready = catalog.isSuccess && values.isSuccess;
  return useCallback(
    (elementCode: string, options?: { inline?: boolean }) => {
      if (!ready) return null;
      const element = elements.get(elementCode);
      const value = byCode.get(elementCode);
      const status = displayStatusOf(element, value);
      if (status === null) return null;
      return (
        <ValueStatusBadge
          elementCode={elementCode}
          status={status}
          value={value}
          elementName={value?.elementName ?? element?.name ?? elementCode}
          verifierName={value?.verifierName ?? element?.verifierName ?? null}
          inline={options?.inline ?? true}
        />
      );
    },
    [ready, elements, byCode],
  );
}

/**
 * The person view's Descriptions items with the badge of `person.<key>` after each value the
 * person has.
 */
export function withValueBadges(
  person: PersonDetail,
  badge: (elementCode: string) => ReactNode,
  items: DescriptionsItemType[],
): DescriptionsItemType[] {
  return items.map((item) =>
    typeof item.key === 'string' && attributeHasValue(person, item.key)
      ? {
          ...item,
          children: (
            <>
              {item.children}
              {badge(`person.${item.key}`)}
            </>
          ),
        }
      : item,
  );
}
