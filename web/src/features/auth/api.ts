import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ChangePasswordRequest,
  Me,
  SetPasswordRequest,
  SignInOptions,
  SignInRequest,
  SignedOut,
} from '@tracker/shared';

import {
  apiGet,
  apiPath,
  apiRequest,
  apiRequestWithResponse,
  isApiError,
} from '../../lib/api-client';
import { announceSignOut, resetSessionClock } from '../../lib/session-activity';
import { noteSession } from '../../lib/queries/me';
import { meKey, signInOptionsKey } from '../../lib/query-keys';

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

export function useSignInOptions() {
  return useQuery({
    queryKey: signInOptionsKey,
    queryFn: ({ signal }) => apiGet<SignInOptions>(apiPath('/sign-in-options'), signal),
    staleTime: Infinity,
  });
}

/** Answers with the issuer's end-session address after single sign-on, where it has one. */
export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (): Promise<string | null> => {
      try {
        const ended = await apiRequest<SignedOut | undefined>(apiPath('/session'), {
          method: 'DELETE',
          allowUnauthorized: true,
        });
        return ended?.endSessionUrl ?? null;
      } catch (error) {
        // Already signed out (the session had ended): the outcome the person asked for.
        if (!(isApiError(error) && error.status === 401)) throw error;
        return null;
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
