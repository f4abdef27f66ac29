import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ActionPlan,
  NationalLeadRequest,
  PlanDiff,
  PlanEvent,
  PlanVersionSummary,
  SubmitPlanRequest,
} from '@tracker/shared';

import { apiGet, apiGetAll, apiPath, apiRequestWithResponse } from '../../lib/api-client';
import { submissionKeys } from '../../lib/query-keys';
import { planPath, refreshPlan } from '../../lib/queries/plans';

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
export const useHistory = (planId: string) => useQuery(historyQuery(planId));
export const useDiff = (planId: string, from: number, to: number | 'live', enabled = true) =>
  useQuery({ ...diffQuery(planId, from, to), enabled });

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

/** The region lead asks the HMPPS national lead for the answers the plan waits on. */
export function useAskNationalLead(planId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () =>
      (
        await apiRequestWithResponse<NationalLeadRequest>(
          apiPath(`${planPath(planId)}/national-lead-requests`),
          { method: 'POST' },
        )
      ).body,
    onSettled: () => refreshPlan(queryClient),
  });
}
