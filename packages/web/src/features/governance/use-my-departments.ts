import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useMe } from '../auth/components/me-provider';
import { departmentsQuery } from '../departments/api';
import { departmentTypesOf } from './my-departments';

/**
 * The department types the signed-in user works for (from their department-reviewer grants), the
 * acting one first; empty for users without a department.
 */
export function useMyDepartmentTypes(): { types: string[]; isPending: boolean } {
  const me = useMe();
  const needed = me.grants.some((g) => g.departmentId !== null);
  const departments = useQuery({ ...departmentsQuery(undefined), enabled: needed });
  const types = useMemo(
    () => departmentTypesOf(me, departments.data?.items ?? []),
    [me, departments.data],
  );
  return { types, isPending: needed && departments.isPending };
}
