import { queryOptions, useQuery } from '@tanstack/react-query';
import type { NextSteps } from '@tracker/shared';

import { apiGet, apiPath } from '../../lib/api-client';
import { nextStepsKey } from '../../lib/query-keys';

export const nextStepsQuery = () =>
  queryOptions({
    queryKey: nextStepsKey,
    queryFn: ({ signal }) => apiGet<NextSteps>(apiPath('/me/next-steps'), signal),
  });

export const useNextSteps = () => useQuery(nextStepsQuery());
