import {
  keepPreviousData,
  queryOptions,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query';
import type {
  Action,
  AddedEvidence,
  CreateActionRequest,
  CreateLinkOrNoteEvidenceRequest,
  CreateProgressUpdateRequest,
  Evidence,
  EvidencePage,
  Person,
  ProgressUpdate,
  ProgressUpdatePage,
  UpdateActionRequest,
} from '@tracker/shared';

import {
  apiGet,
  apiGetAll,
  apiPath,
  apiRequest,
  apiRequestWithResponse,
  uploadWithProgress,
} from '../../lib/api-client';
import {
  actionKeys,
  inspectionKeys,
  peopleKeys,
  planKeys,
  recommendationKeys,
} from '../../lib/query-keys';

const actionPath = (id: string) => `/actions/${encodeURIComponent(id)}`;

/** An action with the ETag to send back in `If-Match` when changing it. */
export interface VersionedAction {
  action: Action;
  etag: string;
}

export async function fetchAction(id: string, signal?: AbortSignal): Promise<VersionedAction> {
  const { body, response } = await apiRequestWithResponse<Action>(
    apiPath(actionPath(id)),
    signal ? { signal } : {},
  );
  return { action: body, etag: response.headers.get('etag') ?? `"${body.revision}"` };
}

export const actionQuery = (id: string) =>
  queryOptions({
    queryKey: actionKeys.detail(id),
    queryFn: ({ signal }) => fetchAction(id, signal),
  });

export const useAction = (id: string) => useQuery(actionQuery(id));

/** After any change to an action: it, the lists and its recommendation are read again. */
function refreshAction(queryClient: QueryClient, versioned: VersionedAction | null, id: string) {
  if (versioned) queryClient.setQueryData(actionKeys.detail(id), versioned);
  else void queryClient.invalidateQueries({ queryKey: actionKeys.detail(id) });
  void queryClient.invalidateQueries({ queryKey: actionKeys.lists() });
  void queryClient.invalidateQueries({ queryKey: recommendationKeys.all });
  void queryClient.invalidateQueries({ queryKey: inspectionKeys.all });
  void queryClient.invalidateQueries({ queryKey: planKeys.all });
}

export function useCreateAction(recommendationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (request: CreateActionRequest) => {
      const { body, response } = await apiRequestWithResponse<Action>(
        apiPath(`/recommendations/${encodeURIComponent(recommendationId)}/actions`),
        { method: 'POST', body: request },
      );
      return { action: body, etag: response.headers.get('etag') ?? `"${body.revision}"` };
    },
    onSuccess: (versioned) => refreshAction(queryClient, versioned, versioned.action.id),
  });
}

export function useUpdateAction(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ changes, etag }: { changes: UpdateActionRequest; etag: string }) => {
      const { body, response } = await apiRequestWithResponse<Action>(apiPath(actionPath(id)), {
        method: 'PATCH',
        body: changes,
        headers: { 'If-Match': etag },
      });
      return { action: body, etag: response.headers.get('etag') ?? `"${body.revision}"` };
    },
    onSuccess: (versioned) => refreshAction(queryClient, versioned, id),
  });
}

export function useDeleteAction(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (etag: string) =>
      apiRequest<void>(apiPath(actionPath(id)), {
        method: 'DELETE',
        headers: { 'If-Match': etag },
      }),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: actionKeys.detail(id) });
      refreshAction(queryClient, null, id);
    },
  });
}

export const progressUpdatesQuery = (actionId: string) =>
  queryOptions({
    queryKey: actionKeys.updates(actionId),
    queryFn: ({ signal }) =>
      apiGet<ProgressUpdatePage>(
        apiPath(`${actionPath(actionId)}/updates`, { limit: 200 }),
        signal,
      ),
  });

export const useProgressUpdates = (actionId: string) => useQuery(progressUpdatesQuery(actionId));

export function usePostUpdate(actionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: CreateProgressUpdateRequest) =>
      apiRequest<ProgressUpdate>(apiPath(`${actionPath(actionId)}/updates`), {
        method: 'POST',
        body: request,
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: actionKeys.updates(actionId) });
      refreshAction(queryClient, null, actionId);
    },
  });
}

export const evidenceQuery = (actionId: string) =>
  queryOptions({
    queryKey: actionKeys.evidence(actionId),
    queryFn: ({ signal }) =>
      apiGet<EvidencePage>(apiPath(`${actionPath(actionId)}/evidence`, { limit: 200 }), signal),
  });

export const useEvidence = (actionId: string) => useQuery(evidenceQuery(actionId));

function refreshEvidence(queryClient: QueryClient, actionId: string) {
  void queryClient.invalidateQueries({ queryKey: actionKeys.evidence(actionId) });
  refreshAction(queryClient, null, actionId);
}

export function useAddLinkOrNote(actionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: CreateLinkOrNoteEvidenceRequest) =>
      apiRequest<Evidence>(apiPath(`${actionPath(actionId)}/evidence`), {
        method: 'POST',
        body: request,
      }),
    onSuccess: () => refreshEvidence(queryClient, actionId),
  });
}

export interface FileEvidence {
  file: File;
  title: string;
  periodStart?: string;
  periodEnd?: string;
}

export function useUploadEvidence(actionId: string, onProgress: (fraction: number) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, title, periodStart, periodEnd }: FileEvidence) => {
      const form = new FormData();
      form.set('title', title);
      if (periodStart) form.set('periodStart', periodStart);
      if (periodEnd) form.set('periodEnd', periodEnd);
      // The file goes last, so the server has read the text fields when it meets it.
      form.set('file', file, file.name);
      return uploadWithProgress<AddedEvidence>(
        apiPath(`${actionPath(actionId)}/evidence`),
        form,
        onProgress,
      );
    },
    onSuccess: () => refreshEvidence(queryClient, actionId),
  });
}

export function useRemoveEvidence(actionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ evidenceId, reason }: { evidenceId: string; reason: string }) =>
      apiRequest<Evidence>(apiPath(`/evidence/${encodeURIComponent(evidenceId)}/remove`), {
        method: 'POST',
        body: { reason },
      }),
    onSuccess: () => refreshEvidence(queryClient, actionId),
  });
}

/** Active people within the caller's sight, for owner pickers. */
export const peopleQuery = () =>
  queryOptions({
    queryKey: peopleKeys.list(),
    queryFn: ({ signal }) => apiGetAll<Person>('/people', {}, signal),
    staleTime: 5 * 60_000,
  });

export const usePeople = (enabled = true) => useQuery({ ...peopleQuery(), enabled });

/** Who may own an action of this unit: the server's rule, so the list never offers a refusal. */
export const useOwnerChoices = (owningUnitId: string) =>
  useQuery({
    queryKey: peopleKeys.mayOwnActionsOf(owningUnitId),
    queryFn: ({ signal }) =>
      apiGetAll<Person>('/people', { mayOwnActionsOf: owningUnitId }, signal),
    staleTime: 5 * 60_000,
    enabled: owningUnitId !== '',
    // Changing the unit keeps the last list on screen until the new one arrives.
    placeholderData: keepPreviousData,
  });
