import { GroupRegisterRow, pageOf } from '@shequ/core';
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client';

export interface RegisterFilter {
  status?: 'active' | 'ended';
  regionCode?: string;
}

export interface RegisterParams extends RegisterFilter {
  page: number;
  pageSize: number;
}

const RegisterPage = pageOf(GroupRegisterRow);

/** The members of one register (登记簿), current ones by default. */
export const groupRegisterQuery = (code: string, params: RegisterParams) =>
  queryOptions({
    queryKey: ['special-groups', code, params],
    queryFn: ({ signal }) =>
      api.get(`/groups/${code}/members`, RegisterPage, { query: { ...params }, signal }),
    placeholderData: keepPreviousData,
  });
