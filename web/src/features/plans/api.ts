import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ActionPlan, ActionPlanPage, PlanSummary } from '@tracker/shared';

import { apiGet, apiPath } from '../../lib/api-client';

export const planKeys = {
  all: ['plans'] as const,
  list: () => [...planKeys.all, 'list'] as const,
  detail: (id: string) => [...planKeys.all, 'detail', id] as const,
  summary: (id: string) => [...planKeys.all, 'detail', id, 'summary'] as const,
};

const planPath = (id: string) => `/action-plans/${encodeURIComponent(id)}`;

export const planListQuery = () =>
  queryOptions({
    queryKey: planKeys.list(),
    queryFn: ({ signal }) =>
      apiGet<ActionPlanPage>(apiPath('/action-plans', { limit: 200 }), signal),
  });

export const planQuery = (id: string) =>
  queryOptions({
    queryKey: planKeys.detail(id),
    queryFn: ({ signal }) => apiGet<ActionPlan>(apiPath(planPath(id)), signal),
  });

export const planSummaryQuery = (id: string) =>
  queryOptions({
    queryKey: planKeys.summary(id),
    queryFn: ({ signal }) => apiGet<PlanSummary>(apiPath(`${planPath(id)}/summary`), signal),
    // The dashboard is for looking at: it keeps itself up to date while open.
    staleTime: 0,
  });

export const usePlans = () => useQuery(planListQuery());
export const usePlan = (id: string) => useQuery(planQuery(id));
export const usePlanSummary = (id: string) => useQuery(planSummaryQuery(id));
