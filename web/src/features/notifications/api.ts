import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Notification, NotificationPage } from '@tracker/shared';

import { apiGet, apiPath, apiRequest } from '../../lib/api-client';
import { notificationKeys } from '../../lib/query-keys';

export const notificationsPageSize = 50;

export const notificationsQuery = (cursor: string | undefined) =>
  queryOptions({
    queryKey: notificationKeys.list(cursor),
    queryFn: ({ signal }) =>
      apiGet<NotificationPage>(
        apiPath('/notifications', { limit: notificationsPageSize, cursor }),
        signal,
      ),
  });

export const useNotifications = (cursor: string | undefined) =>
  useQuery(notificationsQuery(cursor));

/** The header's count: one item is enough, the page carries the count of all unread. */
export const useUnreadNotificationCount = (enabled: boolean) =>
  useQuery({
    queryKey: notificationKeys.unreadCount(),
    queryFn: ({ signal }) =>
      apiGet<NotificationPage>(apiPath('/notifications', { limit: 1, unread: 'true' }), signal),
    select: (page) => page.unreadCount,
    enabled,
  });

export function useMarkNotificationRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      apiRequest<Notification>(apiPath(`/notifications/${encodeURIComponent(id)}/read`), {
        method: 'POST',
      }),
    // Set on the hook, not on each call, so it still runs after the page has been left.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}

export function useMarkAllNotificationsRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      apiRequest<{ count: number }>(apiPath('/notifications/read-all'), { method: 'POST' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}
