import { useQuery } from '@tanstack/react-query';

import { useMe } from '../../auth/api';
import { inspectionQuery } from '../../inspections/api';
import { recommendationQuery } from '../api';

/** A recommendation with who is looking and the region it belongs to (for permissions). */
export function useRecommendationContext(recommendationId: string) {
  const recommendation = useQuery({
    ...recommendationQuery(recommendationId),
    enabled: recommendationId !== '',
  });
  const me = useMe();
  const inspectionId = recommendation.data?.inspectionId ?? '';
  const inspection = useQuery({ ...inspectionQuery(inspectionId), enabled: inspectionId !== '' });
  const error = recommendation.error ?? me.error ?? inspection.error;
  const ready =
    recommendation.isSuccess && me.isSuccess && inspection.isSuccess
      ? {
          recommendation: recommendation.data,
          me: me.data,
          inspection: inspection.data,
          regionId: inspection.data.region.id,
        }
      : null;
  return { ready, error, isError: error !== null };
}
