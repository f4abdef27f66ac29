import { queryOptions, useQuery } from '@tanstack/react-query';
import type {
  ActionPlanPage,
  Inspection,
  Recommendation,
  RecommendationPage,
} from '@tracker/shared';

import { apiGet, apiPath } from '../api-client';
import { inspectionKeys } from '../query-keys';

/** An inspection, its recommendations and its plans: read by most features. */

/** The most the API gives in one page; an inspection's recommendations fit in one. */
const maxPageSize = 200;

export const inspectionQuery = (id: string) =>
  queryOptions({
    queryKey: inspectionKeys.detail(id),
    queryFn: ({ signal }) =>
      apiGet<Inspection>(apiPath(`/inspections/${encodeURIComponent(id)}`), signal),
  });

/**
 * Every recommendation of the inspection, in the letter's order. One page holds a letter's
 * annexe (28 here), but the cursor is followed so that a longer one is never cut short.
 */
async function fetchAllRecommendations(inspectionId: string, signal: AbortSignal) {
  const items: Recommendation[] = [];
  let cursor: string | null = null;
  do {
    const query = { inspectionId, limit: maxPageSize, sort: 'letter', cursor };
    const page: RecommendationPage = await apiGet<RecommendationPage>(
      apiPath('/recommendations', query),
      signal,
    );
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

export const inspectionRecommendationsQuery = (id: string) =>
  queryOptions({
    queryKey: inspectionKeys.recommendations(id),
    queryFn: ({ signal }) => fetchAllRecommendations(id, signal),
  });

export const inspectionActionPlansQuery = (id: string) =>
  queryOptions({
    queryKey: inspectionKeys.actionPlans(id),
    queryFn: ({ signal }) =>
      apiGet<ActionPlanPage>(apiPath('/action-plans', { inspectionId: id }), signal),
  });

export const useInspection = (id: string) => useQuery(inspectionQuery(id));
export const useInspectionRecommendations = (id: string) =>
  useQuery(inspectionRecommendationsQuery(id));
export const useInspectionActionPlans = (id: string) => useQuery(inspectionActionPlansQuery(id));
