import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CloseRecommendationRequest,
  CreateMeasureReadingRequest,
  CreateRecommendationLinkRequest,
  Inspection,
  OutcomeMeasure,
  OutcomeMeasurePage,
  Recommendation,
  RecommendationLink,
  RecommendationLinkList,
  RecommendationResponseRequest,
} from '@tracker/shared';

import { apiGet, apiGetAll, apiPath, apiRequest } from '../../lib/api-client';
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

export const recommendationLinksQuery = (id: string) =>
  queryOptions({
    queryKey: recommendationKeys.links(id),
    queryFn: ({ signal }) =>
      apiGet<RecommendationLinkList>(apiPath(`${recommendationPath(id)}/links`), signal),
  });

export const useRecommendationLinks = (id: string) => useQuery(recommendationLinksQuery(id));

/**
 * Every recommendation the caller may see, with its inspection's title: the choice of what to
 * link to. A region's letters hold tens; the whole country's a few thousand, read in pages of 200.
 */
export const useLinkableRecommendations = () =>
  useQuery({
    queryKey: recommendationKeys.linkable(),
    queryFn: async ({ signal }) => {
      const [recommendations, inspections] = await Promise.all([
        apiGetAll<Recommendation>('/recommendations', { sort: 'letter' }, signal),
        apiGetAll<Inspection>('/inspections', {}, signal),
      ]);
      return { recommendations, inspections };
    },
  });

/** A link made or removed: both ends' links, and the plans that show them, are read again. */
function useLinkMutation<Input, Output>(send: (input: Input) => Promise<Output>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: recommendationKeys.all });
      void queryClient.invalidateQueries({ queryKey: inspectionKeys.all });
      void queryClient.invalidateQueries({ queryKey: planKeys.all });
    },
  });
}

export const useCreateLink = (id: string) =>
  useLinkMutation((request: CreateRecommendationLinkRequest) =>
    apiRequest<RecommendationLink>(apiPath(`${recommendationPath(id)}/links`), {
      method: 'POST',
      body: request,
    }),
  );

export const useDeleteLink = () =>
  useLinkMutation((linkId: string) =>
    apiRequest<null>(apiPath(`/recommendation-links/${encodeURIComponent(linkId)}`), {
      method: 'DELETE',
    }),
  );
