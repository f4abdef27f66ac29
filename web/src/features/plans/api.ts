import { queryOptions, useQueries, useQuery } from '@tanstack/react-query';
import type { ActionPlan, ActionPlanPage, PlanSummary, PlanVersionSummary } from '@tracker/shared';

import { apiGet, apiGetAll, apiPath } from '../../lib/api-client';

export const planKeys = {
  all: ['plans'] as const,
  list: () => [...planKeys.all, 'list'] as const,
  detail: (id: string) => [...planKeys.all, 'detail', id] as const,
  summary: (id: string) => [...planKeys.all, 'detail', id, 'summary'] as const,
  versions: (id: string) => [...planKeys.all, 'detail', id, 'versions'] as const,
};

/** A plan's API path, under which its versions, threads and submissions sit. */
export const planPath = (id: string) => `/action-plans/${encodeURIComponent(id)}`;

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

/**
 * A plan's version summaries, newest first. Read by the submissions and reviews features alike:
 * one cache, refreshed with the plan.
 */
export const planVersionsQuery = (id: string) =>
  queryOptions({
    queryKey: planKeys.versions(id),
    queryFn: ({ signal }) => apiGetAll<PlanVersionSummary>(`${planPath(id)}/versions`, {}, signal),
  });

export const usePlans = () => useQuery(planListQuery());
export const usePlan = (id: string) => useQuery(planQuery(id));
export const usePlanSummary = (id: string) => useQuery(planSummaryQuery(id));
export const usePlanVersions = (id: string, enabled = true) =>
  useQuery({ ...planVersionsQuery(id), enabled });
/** The version summaries of several plans at once (one request per plan). */
export const usePlanVersionLists = (ids: string[]) =>
  useQueries({ queries: ids.map((id) => planVersionsQuery(id)) });
