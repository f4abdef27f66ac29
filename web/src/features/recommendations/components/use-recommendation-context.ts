import { useQuery } from '@tanstack/react-query';

import { useMe } from '../../auth/api';
import { inspectionQuery } from '../../inspections/api';
import { recommendationQuery } from '../api';

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
