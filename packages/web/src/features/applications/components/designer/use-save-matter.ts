import { MatterView, type ServiceMatter } from '@shequ/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../../api/client';
import { applicationKeys } from '../../api';

/** What the designer sends: a new matter (POST), or the next version of one (PUT, with its version). */
export type MatterSaveBody = { definition: ServiceMatter; enabled: boolean; reason: string } & (
  { mode: 'create' } | { mode: 'update'; code: string; version: number }
);

/**
 * Saves a matter, then hands the saved matter to `onSaved` (which leaves the designer) before the
 * caches change under it: every cached matter query becomes stale (the catalog, the public pages,
 * the prefill built from the old form) and the saved matter is the answer just received.
 */
export function useSaveMatter(onSaved: (view: MatterView) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: MatterSaveBody) => {
      const { definition, enabled, reason } = body;
      return body.mode === 'create'
        ? api.post('/matters', MatterView, { definition, enabled, reason })
        : api.put(`/matters/${body.code}`, MatterView, {
            definition,
            enabled,
            reason,
            version: body.version,
          });
    },
    onSuccess: async (view) => {
      onSaved(view);
      await queryClient.invalidateQueries({ queryKey: applicationKeys.all, refetchType: 'none' });
      queryClient.setQueryData(applicationKeys.matter(view.code), view);
    },
  });
}
