import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Me } from '@tracker/shared';

import { apiPath, apiRequestWithResponse } from '../api-client';
import { meKey } from '../query-keys';
import { recordSessionLimits } from '../session-activity';

/** Notes the session's limits from a `Me` answer, read against the server's clock. */
export function noteSession(me: Me, response: Response): Me {
  const clientNow = Date.now();
  const serverDate = Date.parse(response.headers.get('date') ?? '');
  recordSessionLimits(me.session, Number.isNaN(serverDate) ? clientNow : serverDate, clientNow);
  return me;
}

async function fetchMe(signal: AbortSignal): Promise<Me> {
  // A 401 here is an answer ("nobody is signed in"), not a session that has just ended.
  const { body, response } = await apiRequestWithResponse<Me>(apiPath('/me'), {
    signal,
    allowUnauthorized: true,
  });
  return noteSession(body, response);
}

export const meQuery = () =>
  queryOptions({
    queryKey: meKey,
    queryFn: ({ signal }) => fetchMe(signal),
    retry: false,
    staleTime: 60_000,
  });

/** Who is signed in; a 401 error when nobody is. */
export const useMe = () => useQuery(meQuery());
