import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateOrgUnitRequest, OrgUnit, UpdateOrgUnitRequest } from '@tracker/shared';

import { apiPath, apiRequest } from '../../lib/api-client';
import { orgUnitKeys } from '../../lib/query-keys';

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
