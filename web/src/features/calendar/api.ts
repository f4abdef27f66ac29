import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CalendarFeed, CalendarFeedPage, CreateCalendarFeedRequest } from '@tracker/shared';

import { apiGet, apiPath, apiRequest } from '../../lib/api-client';

export const calendarFeedKeys = {
  all: ['calendar-feeds'] as const,
  list: () => [...calendarFeedKeys.all, 'list'] as const,
};

/** Every feed the person made; there are few, so the pages follow the cursor to the end. */
async function fetchAllCalendarFeeds(signal: AbortSignal): Promise<CalendarFeed[]> {
  const feeds: CalendarFeed[] = [];
  let cursor: string | null = null;
  do {
    const page: CalendarFeedPage = await apiGet<CalendarFeedPage>(
      apiPath('/calendar-feeds', { limit: 200, cursor }),
      signal,
    );
    feeds.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return feeds;
}

export const calendarFeedListQuery = () =>
  queryOptions({
    queryKey: calendarFeedKeys.list(),
    queryFn: ({ signal }) => fetchAllCalendarFeeds(signal),
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
