import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Recommendation } from '@tracker/shared';

import { apiGet, apiPath } from '../api-client';
import { recommendationKeys } from '../query-keys';
import { useMe } from './me';
import { inspectionQuery } from './inspections';

const recommendationPath = (id: string) => `/recommendations/${encodeURIComponent(id)}`;

export const recommendationQuery = (id: string) =>
  queryOptions({
    queryKey: recommendationKeys.detail(id),
    queryFn: ({ signal }) => apiGet<Recommendation>(apiPath(recommendationPath(id)), signal),
  });

export const useRecommendation = (id: string) => useQuery(recommendationQuery(id));

/**
 * A recommendation with who is looking and the region it belongs to (for permissions), and the
 * queries behind it (for `QueryState` until it is ready).
 */
export function useRecommendationContext(recommendationId: string) {
  const recommendation = useQuery({
    ...recommendationQuery(recommendationId),
    enabled: recommendationId !== '',
  });
  const me = useMe();
  const inspectionId = recommendation.data?.inspectionId ?? '';
  const inspection = useQuery({ ...inspectionQuery(inspectionId), enabled: inspectionId !== '' });
  const ready =
    recommendation.isSuccess && me.isSuccess && inspection.isSuccess
      ? {
          recommendation: recommendation.data,
          me: me.data,
          inspection: inspection.data,
          regionId: inspection.data.region.id,
        }
      : null;
  return { ready, queries: [recommendation, me, inspection] };
}
