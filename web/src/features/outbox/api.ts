import { queryOptions, useQuery } from '@tanstack/react-query';
import type { EmailStatus, OutboxEmailPage } from '@tracker/shared';

import { apiGet, apiPath } from '../../lib/api-client';
import { outboxKeys } from '../../lib/query-keys';

export interface OutboxFilters {
  status?: EmailStatus | undefined;
  cursor?: string | undefined;
}

export const outboxPageSize = 50;

export const outboxEmailsQuery = (filters: OutboxFilters) =>
  queryOptions({
    queryKey: outboxKeys.list(filters),
    queryFn: ({ signal }) =>
      apiGet<OutboxEmailPage>(
        apiPath('/outbox-emails', {
          limit: outboxPageSize,
          status: filters.status,
          cursor: filters.cursor,
        }),
        signal,
      ),
  });

export const useOutboxEmails = (filters: OutboxFilters) => useQuery(outboxEmailsQuery(filters));
