import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ChangePasswordRequest, Me, SetPasswordRequest, SignInRequest } from '@tracker/shared';

import { apiPath, apiRequest, apiRequestWithResponse, isApiError } from '../../lib/api-client';
import {
  announceSignOut,
  recordSessionLimits,
  resetSessionClock,
} from '../../lib/session-activity';

export const meKey = ['me'] as const;

/** Notes the session's limits from a `Me` answer, read against the server's clock. */
function noteSession(me: Me, response: Response): Me {
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

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (request: SignInRequest) => {
      const { body, response } = await apiRequestWithResponse<Me>(apiPath('/session'), {
        method: 'POST',
        body: request,
        allowUnauthorized: true,
      });
      return noteSession(body, response);
    },
    onSuccess: (me) => {
      // Nothing read as somebody else (or as nobody) may be shown to this person. The "me"
      // query itself is kept (and given the answer) so the header sees the change at once.
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== meKey[0] });
      queryClient.setQueryData(meKey, me);
    },
  });
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      try {
        await apiRequest<void>(apiPath('/session'), { method: 'DELETE', allowUnauthorized: true });
      } catch (error) {
        // Already signed out (the session had ended): the outcome the person asked for.
        if (!(isApiError(error) && error.status === 401)) throw error;
      }
    },
    onSuccess: () => {
      announceSignOut();
      queryClient.removeQueries();
    },
  });
}

/** Ends the session after it has run out here (idle), whatever the server says. */
export async function endExpiredSession(): Promise<void> {
  resetSessionClock();
  try {
    await apiRequest<void>(apiPath('/session'), { method: 'DELETE', allowUnauthorized: true });
  } catch {
    // Already gone on the server, or unreachable: the person is told they are signed out.
  }
}

export function useChangePassword() {
  return useMutation({
    mutationFn: (request: ChangePasswordRequest) =>
      apiRequest<void>(apiPath('/me/password'), { method: 'PUT', body: request }),
  });
}

export function useSetPassword() {
  return useMutation({
    mutationFn: (request: SetPasswordRequest) =>
      apiRequest<void>(apiPath('/password'), {
        method: 'POST',
        body: request,
        allowUnauthorized: true,
      }),
  });
}
