import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ActionPlanPage,
  CreateInspectionRequest,
  ImportReport,
  Inspection,
  InspectionPage,
  Recommendation,
  RecommendationPage,
} from '@tracker/shared';

import { apiGet, apiPath, apiRequest, uploadWithProgress } from '../../lib/api-client';

/** The most the API gives in one page; an inspection's recommendations fit in one. */
const maxPageSize = 200;

export const inspectionKeys = {
  all: ['inspections'] as const,
  list: () => [...inspectionKeys.all, 'list'] as const,
  detail: (id: string) => [...inspectionKeys.all, 'detail', id] as const,
  recommendations: (id: string) =>
    [...inspectionKeys.all, 'detail', id, 'recommendations'] as const,
  actionPlans: (id: string) => [...inspectionKeys.all, 'detail', id, 'action-plans'] as const,
};

export const inspectionListQuery = () =>
  queryOptions({
    queryKey: inspectionKeys.list(),
    queryFn: ({ signal }) => apiGet<InspectionPage>(apiPath('/inspections'), signal),
  });

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

export const useInspections = () => useQuery(inspectionListQuery());
export const useInspection = (id: string) => useQuery(inspectionQuery(id));
export const useInspectionRecommendations = (id: string) =>
  useQuery(inspectionRecommendationsQuery(id));
export const useInspectionActionPlans = (id: string) => useQuery(inspectionActionPlansQuery(id));

/** An administrator loads a new inspection; the lists that show inspections are read again. */
export function useCreateInspection() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: CreateInspectionRequest) =>
      apiRequest<Inspection>(apiPath('/inspections'), { method: 'POST', body: request }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: inspectionKeys.all }),
  });
}

export type ImportMode = 'dry-run' | 'apply';

/**
 * Sends a spreadsheet of recommendations: a dry run only reports; apply adds them all or none.
 * After an apply, everything that lists recommendations or plans is read again.
 */
export function useImportRecommendations(inspectionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, mode }: { file: File; mode: ImportMode }) => {
      const form = new FormData();
      form.set('file', file, file.name);
      const path = `/inspections/${encodeURIComponent(inspectionId)}/recommendation-imports`;
      // The file is a few kilobytes: no progress is shown.
      return uploadWithProgress<ImportReport>(apiPath(path, { mode }), form, () => undefined);
    },
    onSuccess: async (report) => {
      if (!report.applied) return;
      await Promise.all(
        [inspectionKeys.all, ['recommendations'], ['plans']].map((queryKey) =>
          queryClient.invalidateQueries({ queryKey }),
        ),
      );
    },
  });
}
