import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CreateInspectionRequest,
  ImportReport,
  Inspection,
  InspectionPage,
  Person,
} from '@tracker/shared';

import { apiGet, apiGetAll, apiPath, apiRequest, uploadWithProgress } from '../../lib/api-client';
import { inspectionKeys, peopleKeys, recommendationKeys } from '../../lib/query-keys';
import type { ImportMode } from '../../components/use-spreadsheet-import';

export const inspectionListQuery = () =>
  queryOptions({
    queryKey: inspectionKeys.list(),
    queryFn: ({ signal }) => apiGet<InspectionPage>(apiPath('/inspections'), signal),
  });

export const useInspections = () => useQuery(inspectionListQuery());

/** Who may be named to review an HMPPS plan of the region: national leads and its leads. */
export const useReviewerCandidates = (regionId: string) =>
  useQuery({
    queryKey: peopleKeys.mayReviewFor(regionId),
    queryFn: ({ signal }) => apiGetAll<Person>('/people', { mayReviewFor: regionId }, signal),
    enabled: regionId !== '',
  });

/** An administrator loads a new inspection; the lists that show inspections are read again. */
export function useCreateInspection() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: CreateInspectionRequest) =>
      apiRequest<Inspection>(apiPath('/inspections'), { method: 'POST', body: request }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: inspectionKeys.all }),
  });
}

/**
 * Sends a spreadsheet to one of an inspection's imports: a dry run only reports; apply loads it
 * all or none. After an apply, everything that shows the inspection, its recommendations (and
 * their measures) or plans is read again. The files are a few kilobytes: no progress is shown.
 */
function useInspectionImport(
  inspectionId: string,
  importName: 'recommendation-imports' | 'letter-imports',
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, mode }: { file: File; mode: ImportMode }) => {
      const form = new FormData();
      form.set('file', file, file.name);
      const path = `/inspections/${encodeURIComponent(inspectionId)}/${importName}`;
      return uploadWithProgress<ImportReport>(apiPath(path, { mode }), form, () => undefined);
    },
    onSuccess: async (report) => {
      if (!report.applied) return;
      await Promise.all(
        [inspectionKeys.all, recommendationKeys.all, ['plans']].map((queryKey) =>
          queryClient.invalidateQueries({ queryKey }),
        ),
      );
    },
  });
}

/** The letter's recommendations, from the recommendations spreadsheet. */
export const useImportRecommendations = (inspectionId: string) =>
  useInspectionImport(inspectionId, 'recommendation-imports');

/** Where an administrator downloads the empty letter template (a plain link: the cookie signs it). */
export const letterTemplateHref = (inspectionId: string) =>
  apiPath(`/inspections/${encodeURIComponent(inspectionId)}/letter-imports/template`);

/** The rest of the letter (ratings, dates, outcome measures), from the letter template. */
export const useImportLetter = (inspectionId: string) =>
  useInspectionImport(inspectionId, 'letter-imports');
