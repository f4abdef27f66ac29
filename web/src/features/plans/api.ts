import { queryOptions, useQuery } from '@tanstack/react-query';
import type { PlanSummary } from '@tracker/shared';

import { apiGet, apiPath } from '../../lib/api-client';
import { planPath } from '../../lib/queries/plans';
import { planKeys } from '../../lib/query-keys';

export const planSummaryQuery = (id: string) =>
  queryOptions({
    queryKey: planKeys.summary(id),
    queryFn: ({ signal }) => apiGet<PlanSummary>(apiPath(`${planPath(id)}/summary`), signal),
    // The dashboard is for looking at: it keeps itself up to date while open.
    staleTime: 0,
  });

export const usePlanSummary = (id: string) => useQuery(planSummaryQuery(id));
