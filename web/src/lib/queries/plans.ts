/** The plans and their versions: read by the plans, submissions, reviews and exports features. */
import { queryOptions, useQueries, useQuery, type QueryClient } from '@tanstack/react-query';
import type { ActionPlan, ActionPlanPage, PlanVersionSummary, Readiness } from '@tracker/shared';

import { apiGet, apiGetAll, apiPath } from '../api-client';
import {
  actionKeys,
  inspectionKeys,
  nextStepsKey,
  planKeys,
  recommendationKeys,
  reviewKeys,
  submissionKeys,
} from '../query-keys';

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

/**
 * A plan's version summaries, newest first. Read by the submissions and reviews features alike:
 * one cache, refreshed with the plan.
 */
export const planVersionsQuery = (id: string) =>
  queryOptions({
    queryKey: planKeys.versions(id),
    queryFn: ({ signal }) => apiGetAll<PlanVersionSummary>(`${planPath(id)}/versions`, {}, signal),
  });

/**
 * What stops the plan being submitted, and each recommendation's state: read by the plan's task
 * list, the respond page (to go on to the next) and the check-answers page.
 */
export const readinessQuery = (planId: string) =>
  queryOptions({
    queryKey: submissionKeys.readiness(planId),
    queryFn: ({ signal }) => apiGet<Readiness>(apiPath(`${planPath(planId)}/readiness`), signal),
    staleTime: 0,
  });

export const usePlans = () => useQuery(planListQuery());
export const usePlan = (id: string) => useQuery(planQuery(id));
export const useReadiness = (planId: string, enabled = true) =>
  useQuery({ ...readinessQuery(planId), enabled });
export const usePlanVersions = (id: string, enabled = true) =>
  useQuery({ ...planVersionsQuery(id), enabled });
/** The version summaries of several plans at once (one request per plan). */
export const usePlanVersionLists = (ids: string[]) =>
  useQueries({ queries: ids.map((id) => planVersionsQuery(id)) });

/** After a submission (or a refused one) or an import: the plan, its lists and its contents are read again. */
export function refreshPlan(queryClient: QueryClient) {
  void queryClient.invalidateQueries({ queryKey: planKeys.all });
  void queryClient.invalidateQueries({ queryKey: actionKeys.all });
  void queryClient.invalidateQueries({ queryKey: recommendationKeys.all });
  void queryClient.invalidateQueries({ queryKey: inspectionKeys.all });
  // The list of plans awaiting review.
  void queryClient.invalidateQueries({ queryKey: reviewKeys.all });
  void queryClient.invalidateQueries({ queryKey: nextStepsKey });
}
