import { queryOptions, useQuery } from '@tanstack/react-query';
import type { AuditEventPage } from '@tracker/shared';

import { apiGet, apiPath } from '../../lib/api-client';
import { auditKeys } from '../../lib/query-keys';
import { nextDay, startOfLondonDay } from '../../lib/dates';

/** The audit trail's filters as the page keeps them in its address; dates are YYYY-MM-DD. */
export type AuditFilters = {
  subjectType?: string | undefined;
  subjectId?: string | undefined;
  actorId?: string | undefined;
  /** Part of the name or email of who made the change. */
  actor?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  cursor?: string | undefined;
};

export const auditPageSize = 50;

/** Dates are whole UK days: from the start of `from` to the end of `to`. */
export const auditEventsQuery = (filters: AuditFilters) =>
  queryOptions({
    queryKey: auditKeys.list(filters),
    queryFn: ({ signal }) =>
      apiGet<AuditEventPage>(
        apiPath('/audit-events', {
          limit: auditPageSize,
          cursor: filters.cursor,
          subjectType: filters.subjectType,
          subjectId: filters.subjectId,
          actorId: filters.actorId,
          actor: filters.actor,
          from: filters.from ? startOfLondonDay(filters.from) : undefined,
          to: filters.to ? startOfLondonDay(nextDay(filters.to)) : undefined,
        }),
        signal,
      ),
  });

export const useAuditEvents = (filters: AuditFilters) => useQuery(auditEventsQuery(filters));
