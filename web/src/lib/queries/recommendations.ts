import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Recommendation } from '@tracker/shared';

import { apiGet, apiPath } from '../api-client';
import { recommendationKeys } from '../query-keys';
import { inspectionQuery } from './inspections';

const recommendationPath = (id: string) => `/recommendations/${encodeURIComponent(id)}`;

export const recommendationQuery = (id: string) =>
  queryOptions({
    queryKey: recommendationKeys.detail(id),
    queryFn: ({ signal }) => apiGet<Recommendation>(apiPath(recommendationPath(id)), signal),
  });

export const useRecommendation = (id: string) => useQuery(recommendationQuery(id));

/**
 * A recommendation with its inspection and the region it belongs to, and the queries behind
 * them (for `QueryState` until ready). What the person looking may do is the recommendation's
 * `allowed`. Given the inspection's id (an action knows it), both are read at once.
 */
export function useRecommendationContext(recommendationId: string, knownInspectionId?: string) {
  const recommendation = useQuery({
    ...recommendationQuery(recommendationId),
    enabled: recommendationId !== '',
  });
  const inspectionId = knownInspectionId ?? recommendation.data?.inspectionId ?? '';
  const inspection = useQuery({ ...inspectionQuery(inspectionId), enabled: inspectionId !== '' });
  const ready =
    recommendation.isSuccess && inspection.isSuccess
      ? {
          recommendation: recommendation.data,
          inspection: inspection.data,
          regionId: inspection.data.region.id,
        }
      : null;
  return { ready, queries: [recommendation, inspection] };
}
