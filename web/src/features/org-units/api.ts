import { useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  CreateOrgUnitRequest,
  ImportReport,
  OrgUnit,
  UpdateOrgUnitRequest,
} from '@tracker/shared';

import { apiPath, apiRequest, uploadWithProgress } from '../../lib/api-client';
import { orgUnitKeys } from '../../lib/query-keys';
import type { ImportMode } from '../../components/use-spreadsheet-import';

export function useCreateOrgUnit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: CreateOrgUnitRequest) =>
      apiRequest<OrgUnit>(apiPath('/org-units'), { method: 'POST', body: request }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: orgUnitKeys.all }),
  });
}

/** Changes are based on the revision the administrator read: a stale one is refused (412). */
export function useUpdateOrgUnit(unit: OrgUnit) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: UpdateOrgUnitRequest) =>
      apiRequest<OrgUnit>(apiPath(`/org-units/${encodeURIComponent(unit.id)}`), {
        method: 'PATCH',
        body: request,
        headers: { 'If-Match': `"${unit.revision}"` },
      }),
    // Also after a refusal: a 412 means the list on screen is out of date.
    onSettled: () => queryClient.invalidateQueries({ queryKey: orgUnitKeys.all }),
  });
}

export function useImportUnits() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, mode }: { file: File; mode: ImportMode }) => {
      const form = new FormData();
      form.set('file', file, file.name);
      // The file is a few kilobytes: no progress is shown.
      return uploadWithProgress<ImportReport>(
        apiPath('/org-unit-imports', { mode }),
        form,
        () => undefined,
      );
    },
    onSuccess: async (report) => {
      if (report.applied) await queryClient.invalidateQueries({ queryKey: orgUnitKeys.all });
    },
  });
}
