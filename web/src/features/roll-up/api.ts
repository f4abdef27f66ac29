import { queryOptions, useQuery } from '@tanstack/react-query';
import type { RecommendationStatus, RollUp, RollUpGrouping, RollUpKind } from '@tracker/shared';

import { apiGet, apiPath } from '../../lib/api-client';

/** The roll-up's grouping and filters, as the page keeps them in its address. */
export interface RollUpFilters {
  groupBy?: RollUpGrouping | undefined;
  kind?: RollUpKind | undefined;
  status?: RecommendationStatus | undefined;
  overdue?: boolean | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

function queryOf(filters: RollUpFilters) {
  return {
    groupBy: filters.groupBy,
    kind: filters.kind,
    status: filters.status,
    overdue: filters.overdue ? 'true' : undefined,
    from: filters.from,
    to: filters.to,
  };
}

export const rollUpQuery = (filters: RollUpFilters) =>
  queryOptions({
    queryKey: ['roll-up', queryOf(filters)],
    queryFn: ({ signal }) => apiGet<RollUp>(apiPath('/roll-up', queryOf(filters)), signal),
  });

export const useRollUp = (filters: RollUpFilters) => useQuery(rollUpQuery(filters));

/** The same figures as a file: the browser downloads it with the session cookie. */
export const rollUpExportHref = (filters: RollUpFilters, format: 'csv' | 'xlsx') =>
  apiPath('/roll-up/export', { ...queryOf(filters), format });
