import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CalendarFeed, CreateCalendarFeedRequest } from '@tracker/shared';

import { apiGetAll, apiPath, apiRequest } from '../../lib/api-client';
import { calendarFeedKeys } from '../../lib/query-keys';

/** Every feed the person made; there are few, so the pages follow the cursor to the end. */
export const calendarFeedListQuery = () =>
  queryOptions({
    queryKey: calendarFeedKeys.list(),
    queryFn: ({ signal }) => apiGetAll<CalendarFeed>('/calendar-feeds', {}, signal),
  });

export const useCalendarFeeds = () => useQuery(calendarFeedListQuery());

/** Makes a feed; its answer is the only one carrying the feed's address. */
export function useCreateCalendarFeed() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: CreateCalendarFeedRequest) =>
      apiRequest<CalendarFeed>(apiPath('/calendar-feeds'), { method: 'POST', body: request }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: calendarFeedKeys.all }),
  });
}

export function useRevokeCalendarFeed() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      apiRequest<CalendarFeed>(apiPath(`/calendar-feeds/${encodeURIComponent(id)}/revoke`), {
        method: 'POST',
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: calendarFeedKeys.all }),
  });
}
