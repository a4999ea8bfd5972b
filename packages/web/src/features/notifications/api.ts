import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../api/client';
import { withRead } from './inbox';

/** One in-platform message to a member of staff (站内消息), e.g. new work at their step. */
export const NotificationView = z.object({
  id: z.uuid(),
  text: z.string(),
  applicationId: z.uuid().nullable(),
  read: z.boolean(),
  createdAt: z.iso.datetime({ offset: true }),
});
export type NotificationView = z.infer<typeof NotificationView>;

/** The newest 50 messages and how many of all the user's messages are unread. */
export const NotificationList = z.object({
  items: z.array(NotificationView),
  unread: z.number().int().nonnegative(),
});
export type NotificationList = z.infer<typeof NotificationList>;

export const notificationKeys = {
  all: ['notifications'] as const,
};

/** How often the bell asks for new messages while the user is at the screen. */
export const NOTIFICATION_POLL_MS = 60_000;

/**
 * The signed-in user's messages: polled every minute (only while the tab is visible: react-query
 * pauses the interval in the background) and again when the user comes back to the tab.
 */
export const notificationsQuery = queryOptions({
  queryKey: notificationKeys.all,
  queryFn: ({ signal }) => api.get('/notifications', NotificationList, { signal }),
  refetchInterval: NOTIFICATION_POLL_MS,
  refetchOnWindowFocus: true,
  staleTime: 5_000,
});

/**
 * Marks messages read (`'all'`: every message of the user). The badge drops at once; the list is
 * read again from the server afterwards, and restored if the call fails.
 */
export function useMarkNotificationsRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (ids: readonly string[] | 'all') =>
      ids === 'all'
        ? api.post('/notifications/read-all', z.undefined())
        : api.post('/notifications/read', z.undefined(), { ids }),
    onMutate: async (ids) => {
      await queryClient.cancelQueries({ queryKey: notificationKeys.all });
      const before = queryClient.getQueryData<NotificationList>(notificationKeys.all);
      if (before) queryClient.setQueryData(notificationKeys.all, withRead(before, ids));
      return { before };
    },
    onError: (_error, _ids, result) => {
      if (result?.before) queryClient.setQueryData(notificationKeys.all, result.before);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}
