import { queryOptions, useQuery } from '@tanstack/react-query';
import type { OutcomeMeasurePage, Recommendation } from '@tracker/shared';

import { apiGet, apiPath } from '../../lib/api-client';

export const recommendationKeys = {
  all: ['recommendations'] as const,
  detail: (id: string) => [...recommendationKeys.all, 'detail', id] as const,
  outcomeMeasures: (id: string) =>
    [...recommendationKeys.all, 'detail', id, 'outcome-measures'] as const,
};

export const recommendationQuery = (id: string) =>
  queryOptions({
    queryKey: recommendationKeys.detail(id),
    queryFn: ({ signal }) =>
      apiGet<Recommendation>(apiPath(`/recommendations/${encodeURIComponent(id)}`), signal),
  });

export const outcomeMeasuresQuery = (recommendationId: string) =>
  queryOptions({
    queryKey: recommendationKeys.outcomeMeasures(recommendationId),
    queryFn: ({ signal }) =>
      apiGet<OutcomeMeasurePage>(apiPath('/outcome-measures', { recommendationId }), signal),
  });

export const useRecommendation = (id: string) => useQuery(recommendationQuery(id));
export const useOutcomeMeasures = (recommendationId: string) =>
  useQuery(outcomeMeasuresQuery(recommendationId));
