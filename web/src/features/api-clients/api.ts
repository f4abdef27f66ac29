import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApiClient, CreateApiClientRequest, CreatedApiClient } from '@tracker/shared';

import { apiGetAll, apiPath, apiRequest } from '../../lib/api-client';
import { apiClientKeys } from '../../lib/query-keys';

/** Every API client; there are few, so the pages follow the cursor to the end. */
export const apiClientListQuery = () =>
  queryOptions({
    queryKey: apiClientKeys.list(),
    queryFn: ({ signal }) => apiGetAll<ApiClient>('/api-clients', {}, signal),
  });

export const useApiClients = () => useQuery(apiClientListQuery());

export function useCreateApiClient() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: CreateApiClientRequest) =>
      apiRequest<CreatedApiClient>(apiPath('/api-clients'), { method: 'POST', body: request }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiClientKeys.all }),
  });
}

export function useRevokeApiClient() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      apiRequest<ApiClient>(apiPath(`/api-clients/${encodeURIComponent(id)}/revoke`), {
        method: 'POST',
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiClientKeys.all }),
  });
}
