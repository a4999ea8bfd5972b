import { DepartmentList, DepartmentTypeList } from '@shequ/core';
import { queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client';

export const departmentTypesQuery = queryOptions({
  queryKey: ['department-types'],
  queryFn: ({ signal }) => api.get('/department-types', DepartmentTypeList, { signal }),
  staleTime: 30 * 60_000,
});

export const departmentsQuery = (regionCode: string | undefined, typeCode?: string) =>
  queryOptions({
    queryKey: ['departments', regionCode ?? '', typeCode ?? ''],
    queryFn: ({ signal }) =>
      api.get('/departments', DepartmentList, { query: { regionCode, typeCode }, signal }),
  });
