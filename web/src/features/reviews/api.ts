import {
  queryOptions,
  useMutation,
  useQueries,
  useQuery,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query';
import type {
  ActionPlanPage,
  PlanVersion,
  PlanVersionPage,
  PlanVersionSummary,
  ReplyRequest,
  ReviewRequest,
  ReviewThread,
  ReviewThreadPage,
} from '@tracker/shared';

import { apiGet, apiPath, apiRequest } from '../../lib/api-client';

/**
 * Keys of their own (not under the plans feature's): a version, its threads and the review
 * lists are read by this feature alone, and the plans feature is free to shape its own keys.
 */
export const reviewKeys = {
  all: ['reviews'] as const,
  awaiting: () => [...reviewKeys.all, 'awaiting'] as const,
  versions: (planId: string) => [...reviewKeys.all, planId, 'versions'] as const,
  version: (planId: string, number: number) =>
    [...reviewKeys.all, planId, 'versions', number] as const,
  threads: (planId: string) => [...reviewKeys.all, planId, 'threads'] as const,
  threadList: (planId: string, filter: ThreadFilter) =>
    [...reviewKeys.threads(planId), filter] as const,
};

export interface ThreadFilter {
  versionNumber?: number;
  subjectId?: string;
}

const planPath = (id: string) => `/action-plans/${encodeURIComponent(id)}`;

export const awaitingReviewQuery = () =>
  queryOptions({
    queryKey: reviewKeys.awaiting(),
    queryFn: ({ signal }) =>
      apiGet<ActionPlanPage>(
        apiPath('/action-plans', { awaitingReview: 'true', limit: 200 }),
        signal,
      ),
  });

/** A plan's version summaries, newest first (a plan has a handful, not hundreds). */
export const versionListQuery = (planId: string) =>
  queryOptions({
    queryKey: reviewKeys.versions(planId),
    queryFn: ({ signal }) =>
      apiGet<PlanVersionPage>(apiPath(`${planPath(planId)}/versions`, { limit: 200 }), signal),
  });

export const planVersionQuery = (planId: string, number: number) =>
  queryOptions({
    queryKey: reviewKeys.version(planId, number),
    queryFn: ({ signal }) =>
      apiGet<PlanVersion>(apiPath(`${planPath(planId)}/versions/${number}`), signal),
  });

/** Every thread that matches, following the cursor. */
async function fetchAllThreads(planId: string, filter: ThreadFilter, signal: AbortSignal) {
  const items: ReviewThread[] = [];
  let cursor: string | null = null;
  do {
    const page: ReviewThreadPage = await apiGet<ReviewThreadPage>(
      apiPath(`${planPath(planId)}/threads`, { ...filter, limit: 200, cursor }),
      signal,
    );
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

export const threadListQuery = (planId: string, filter: ThreadFilter) =>
  queryOptions({
    queryKey: reviewKeys.threadList(planId, filter),
    queryFn: ({ signal }) => fetchAllThreads(planId, filter, signal),
  });

export const useAwaitingReview = () => useQuery(awaitingReviewQuery());
export const usePlanVersion = (planId: string, number: number) =>
  useQuery(planVersionQuery(planId, number));
export const useThreads = (planId: string, filter: ThreadFilter, enabled = true) =>
  useQuery({ ...threadListQuery(planId, filter), enabled: enabled && planId !== '' });

/** The version summaries of several plans at once (one request per plan). */
export const useVersionLists = (planIds: string[]) =>
  useQueries({ queries: planIds.map((planId) => versionListQuery(planId)) });

/** A review or a reply changes the plan's status, versions and threads: read them again. */
function refreshAfterReview(queryClient: QueryClient) {
  void queryClient.invalidateQueries({ queryKey: reviewKeys.all });
  void queryClient.invalidateQueries({ queryKey: ['plans'] });
  void queryClient.invalidateQueries({ queryKey: ['inspections'] });
  void queryClient.invalidateQueries({ queryKey: ['notifications'] });
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
      void queryClient.invalidateQueries({ queryKey: ['notifications'] });
    },
  });
}
