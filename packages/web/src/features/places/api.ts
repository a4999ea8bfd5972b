import { PlaceView, type PlaceInput } from '@shequ/core';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../api/client';

export type PlaceKind = PlaceView['kind'];
export type PlaceBody = z.input<typeof PlaceInput>;

export const placeKeys = {
  all: ['places'] as const,
  children: (parentId: string | undefined, regionCode: string | undefined) =>
    [...placeKeys.all, 'children', parentId ?? '', regionCode ?? ''] as const,
};

/** The places under one: compounds of a region without a parent, else the parent's children. */
export const placesQuery = (parentId: string | undefined, regionCode?: string) =>
  queryOptions({
    queryKey: placeKeys.children(parentId, regionCode),
    queryFn: ({ signal }) =>
      api.get('/places', z.array(PlaceView), { query: { parentId, regionCode }, signal }),
  });

export function useCreatePlace() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PlaceBody) => api.post('/places', PlaceView, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: placeKeys.all }),
  });
}

export const houseUses = ['residential', 'commercial', 'mixed', 'other'] as const;
export const ownerships = ['private', 'public_rental', 'unit', 'other'] as const;

/** A stored value that is one of `values`, for its translated label; undefined otherwise. */
export function known<T extends string>(values: readonly T[], value: string | null): T | undefined {
  return values.find((v) => v === value);
}
