import {
  queryOptions,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query';
import type {
  ActionPlan,
  PlanDiff,
  PlanEvent,
  PlanVersionSummary,
  Readiness,
  SubmitPlanRequest,
} from '@tracker/shared';

import { apiGet, apiGetAll, apiPath, apiRequestWithResponse } from '../../lib/api-client';
import { planKeys, planPath } from '../plans/api';
import { reviewKeys } from '../reviews/api';

/** Under the plan's own key, so whatever refreshes the plan refreshes these too. */
export const submissionKeys = {
  versioned: (planId: string) => [...planKeys.detail(planId), 'versioned'] as const,
  readiness: (planId: string) => [...planKeys.detail(planId), 'readiness'] as const,
  history: (planId: string) => [...planKeys.detail(planId), 'history'] as const,
  diff: (planId: string, from: number, to: number | 'live') =>
    [...planKeys.detail(planId), 'diff', from, to] as const,
};

/** A plan with the ETag to send back in `If-Match` when submitting it. */
export interface VersionedPlan {
  plan: ActionPlan;
  etag: string;
}

async function fetchVersionedPlan(id: string, signal: AbortSignal): Promise<VersionedPlan> {
  const { body, response } = await apiRequestWithResponse<ActionPlan>(apiPath(planPath(id)), {
    signal,
  });
  const etag = response.headers.get('etag');
  if (!etag) throw new Error('The action plan came without an ETag.');
  return { plan: body, etag };
}

export const versionedPlanQuery = (planId: string) =>
  queryOptions({
    queryKey: submissionKeys.versioned(planId),
    queryFn: ({ signal }) => fetchVersionedPlan(planId, signal),
    // The ETag must be the one the server holds now, not one cached from earlier.
    staleTime: 0,
  });

export const readinessQuery = (planId: string) =>
  queryOptions({
    queryKey: submissionKeys.readiness(planId),
    queryFn: ({ signal }) => apiGet<Readiness>(apiPath(`${planPath(planId)}/readiness`), signal),
    staleTime: 0,
  });

/** The plan's timeline, oldest first. */
export const historyQuery = (planId: string) =>
  queryOptions({
    queryKey: submissionKeys.history(planId),
    queryFn: ({ signal }) => apiGetAll<PlanEvent>(`${planPath(planId)}/history`, {}, signal),
  });

export const diffQuery = (planId: string, from: number, to: number | 'live') =>
  queryOptions({
    queryKey: submissionKeys.diff(planId, from, to),
    queryFn: ({ signal }) =>
      apiGet<PlanDiff>(apiPath(`${planPath(planId)}/versions/${from}/diff/${to}`), signal),
    // The live plan moves under the diff; a diff of two versions never changes.
    staleTime: to === 'live' ? 0 : Infinity,
  });

export const useVersionedPlan = (planId: string) => useQuery(versionedPlanQuery(planId));
export const useReadiness = (planId: string, enabled = true) =>
  useQuery({ ...readinessQuery(planId), enabled });
export const useHistory = (planId: string) => useQuery(historyQuery(planId));
export const useDiff = (planId: string, from: number, to: number | 'live') =>
  useQuery(diffQuery(planId, from, to));

/** After a submission, or a refused one: the plan, its lists and its contents are read again. */
export function refreshPlan(queryClient: QueryClient) {
  void queryClient.invalidateQueries({ queryKey: planKeys.all });
  void queryClient.invalidateQueries({ queryKey: ['actions'] });
  void queryClient.invalidateQueries({ queryKey: ['recommendations'] });
  void queryClient.invalidateQueries({ queryKey: ['inspections'] });
  // The list of plans awaiting review.
  void queryClient.invalidateQueries({ queryKey: reviewKeys.all });
}

export interface SubmitAttempt {
  request: SubmitPlanRequest;
  etag: string;
  /** The same for every try of one attempt, so a retry after a lost answer creates nothing. */
  idempotencyKey: string;
}

export function useSubmitPlan(planId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ request, etag, idempotencyKey }: SubmitAttempt) =>
      (
        await apiRequestWithResponse<PlanVersionSummary>(
          apiPath(`${planPath(planId)}/submissions`),
          {
            method: 'POST',
            body: request,
            headers: { 'If-Match': etag, 'Idempotency-Key': idempotencyKey },
          },
        )
      ).body,
    onSettled: () => refreshPlan(queryClient),
  });
}
