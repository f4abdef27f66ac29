import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CloseRecommendationRequest,
  CreateMeasureReadingRequest,
  OutcomeMeasure,
  OutcomeMeasurePage,
  Recommendation,
  RecommendationResponseRequest,
} from '@tracker/shared';

import { apiGet, apiPath, apiRequest } from '../../lib/api-client';
import { inspectionKeys, planKeys, recommendationKeys } from '../../lib/query-keys';

const recommendationPath = (id: string) => `/recommendations/${encodeURIComponent(id)}`;

export const outcomeMeasuresQuery = (recommendationId: string) =>
  queryOptions({
    queryKey: recommendationKeys.outcomeMeasures(recommendationId),
    queryFn: ({ signal }) =>
      apiGet<OutcomeMeasurePage>(apiPath('/outcome-measures', { recommendationId }), signal),
  });

export const useOutcomeMeasures = (recommendationId: string) =>
  useQuery(outcomeMeasuresQuery(recommendationId));

/** A change to one recommendation: it, and the lists that show it, are read again. */
function useRecommendationMutation<Input>(
  id: string,
  send: (input: Input) => Promise<Recommendation>,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: (recommendation) => {
      queryClient.setQueryData(recommendationKeys.detail(id), recommendation);
      void queryClient.invalidateQueries({ queryKey: inspectionKeys.all });
      void queryClient.invalidateQueries({ queryKey: planKeys.all });
    },
  });
}

export const useRespond = (id: string) =>
  useRecommendationMutation(id, (request: RecommendationResponseRequest) =>
    apiRequest<Recommendation>(apiPath(`${recommendationPath(id)}/response`), {
      method: 'PUT',
      body: request,
    }),
  );

export const useCloseRecommendation = (id: string) =>
  useRecommendationMutation(id, (request: CloseRecommendationRequest) =>
    apiRequest<Recommendation>(apiPath(`${recommendationPath(id)}/close`), {
      method: 'POST',
      body: request,
    }),
  );

export const useReopenRecommendation = (id: string) =>
  useRecommendationMutation(id, (reason: string) =>
    apiRequest<Recommendation>(apiPath(`${recommendationPath(id)}/reopen`), {
      method: 'POST',
      body: { reason },
    }),
  );

export function useAddReading(recommendationId: string, measureId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: CreateMeasureReadingRequest) =>
      apiRequest<OutcomeMeasure>(
        apiPath(`/outcome-measures/${encodeURIComponent(measureId)}/readings`),
        { method: 'POST', body: request },
      ),
    onSuccess: () =>
      queryClient.invalidateQueries({
        queryKey: recommendationKeys.outcomeMeasures(recommendationId),
      }),
  });
}
