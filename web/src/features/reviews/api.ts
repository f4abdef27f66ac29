import {
  queryOptions,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query';
import type {
  ActionPlanPage,
  PlanVersion,
  PlanVersionSummary,
  ReplyRequest,
  ReviewRequest,
  ReviewThread,
} from '@tracker/shared';

import { apiGet, apiGetAll, apiPath, apiRequest } from '../../lib/api-client';
import { inspectionKeys, notificationKeys, planKeys, reviewKeys } from '../../lib/query-keys';
import { planPath } from '../../lib/queries/plans';

/**
 * Keys of their own (not under the plans feature's): a version, its threads and the review
 * list are read by this feature alone. A plan's list of versions is the plans feature's.
 */
export interface ThreadFilter {
  versionNumber?: number;
  subjectId?: string;
}

export const awaitingReviewQuery = () =>
  queryOptions({
    queryKey: reviewKeys.awaiting(),
    queryFn: ({ signal }) =>
      apiGet<ActionPlanPage>(
        apiPath('/action-plans', { awaitingReview: 'true', limit: 200 }),
        signal,
      ),
  });

export const planVersionQuery = (planId: string, number: number) =>
  queryOptions({
    queryKey: reviewKeys.version(planId, number),
    queryFn: ({ signal }) =>
      apiGet<PlanVersion>(apiPath(`${planPath(planId)}/versions/${number}`), signal),
  });

/** Every thread that matches. */
export const threadListQuery = (planId: string, filter: ThreadFilter) =>
  queryOptions({
    queryKey: reviewKeys.threadList(planId, filter),
    queryFn: ({ signal }) =>
      apiGetAll<ReviewThread>(`${planPath(planId)}/threads`, { ...filter }, signal),
  });

export const useAwaitingReview = () => useQuery(awaitingReviewQuery());
export const usePlanVersion = (planId: string, number: number) =>
  useQuery(planVersionQuery(planId, number));
export const useThreads = (planId: string, filter: ThreadFilter, enabled = true) =>
  useQuery({ ...threadListQuery(planId, filter), enabled: enabled && planId !== '' });

/** A review or a reply changes the plan's status, versions and threads: read them again. */
function refreshAfterReview(queryClient: QueryClient) {
  void queryClient.invalidateQueries({ queryKey: reviewKeys.all });
  void queryClient.invalidateQueries({ queryKey: planKeys.all });
  void queryClient.invalidateQueries({ queryKey: inspectionKeys.all });
  void queryClient.invalidateQueries({ queryKey: notificationKeys.all });
}

export function useSubmitReview(planId: string, number: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: ReviewRequest) =>
      apiRequest<PlanVersionSummary>(apiPath(`${planPath(planId)}/versions/${number}/review`), {
        method: 'POST',
        body: request,
      }),
    onSuccess: (summary) => {
      // The version page shows the review at once, not the verdict form until the next read.
      queryClient.setQueryData<PlanVersion>(reviewKeys.version(planId, number), (version) =>
        version ? { ...version, review: summary.review } : version,
      );
      refreshAfterReview(queryClient);
    },
  });
}

export function useReply(threadId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: ReplyRequest) =>
      apiRequest<ReviewThread>(apiPath(`/review-threads/${encodeURIComponent(threadId)}/replies`), {
        method: 'POST',
        body: request,
      }),
    onSuccess: (thread) => {
      void queryClient.invalidateQueries({ queryKey: reviewKeys.threads(thread.planId) });
      void queryClient.invalidateQueries({ queryKey: notificationKeys.all });
    },
  });
}
