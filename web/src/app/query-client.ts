import { QueryClient } from '@tanstack/react-query';

import { isApiError } from '../lib/api-client';

const maxRetries = 2;

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        // A 4xx will not change by asking again; a network fault or 5xx might.
        retry: (failureCount, error) =>
          failureCount < maxRetries && !(isApiError(error) && error.status < 500),
      },
    },
  });
}
