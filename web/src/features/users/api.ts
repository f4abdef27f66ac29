import {
  queryOptions,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query';
import type {
  ApprovePendingAccountRequest,
  CreateUserRequest,
  PendingAccountPage,
  OpenActionList,
  PasswordLink,
  ReassignActionsRequest,
  ReassignActionsResult,
  UpdateUserRequest,
  User,
  UserPage,
} from '@tracker/shared';

import { apiGet, apiPath, apiRequest } from '../../lib/api-client';
import { userKeys } from '../../lib/query-keys';

export type UserStatus = User['status'];

export interface UserListFilters {
  status?: UserStatus | undefined;
  cursor?: string | undefined;
}

const userPath = (id: string) => `/users/${encodeURIComponent(id)}`;

export const userListQuery = (filters: UserListFilters) =>
  queryOptions({
    queryKey: userKeys.list(filters),
    queryFn: ({ signal }) =>
      apiGet<UserPage>(
        apiPath('/users', { limit: 200, status: filters.status, cursor: filters.cursor }),
        signal,
      ),
  });

export const userQuery = (id: string) =>
  queryOptions({
    queryKey: userKeys.detail(id),
    queryFn: ({ signal }) => apiGet<User>(apiPath(userPath(id)), signal),
  });

export const openActionsQuery = (id: string) =>
  queryOptions({
    queryKey: userKeys.openActions(id),
    queryFn: ({ signal }) =>
      apiGet<OpenActionList>(apiPath(`${userPath(id)}/open-actions`), signal),
  });

export const useUsers = (filters: UserListFilters) => useQuery(userListQuery(filters));
export const useUser = (id: string) => useQuery(userQuery(id));
export const useOpenActions = (id: string, enabled: boolean) =>
  useQuery({ ...openActionsQuery(id), enabled });

/** After a change to one user: their page and every list show the new state. */
function refreshUser(queryClient: QueryClient, user: User) {
  queryClient.setQueryData(userKeys.detail(user.id), user);
  void queryClient.invalidateQueries({ queryKey: userKeys.lists() });
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: CreateUserRequest) =>
      apiRequest<PasswordLink>(apiPath('/users'), { method: 'POST', body: request }),
    onSuccess: (link) => refreshUser(queryClient, link.user),
  });
}

export function useUpdateUser(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: UpdateUserRequest) =>
      apiRequest<User>(apiPath(userPath(id)), { method: 'PATCH', body: request }),
    onSuccess: (user) => refreshUser(queryClient, user),
  });
}

export function useResetPassword(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      apiRequest<PasswordLink>(apiPath(`${userPath(id)}/password-reset`), { method: 'POST' }),
    onSuccess: (link) => refreshUser(queryClient, link.user),
  });
}

/** Disables or enables an account. */
export function useSetUserAccess(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (access: 'disable' | 'enable') =>
      apiRequest<User>(apiPath(`${userPath(id)}/${access}`), { method: 'POST' }),
    onSuccess: (user) => {
      refreshUser(queryClient, user);
      void queryClient.invalidateQueries({ queryKey: userKeys.openActions(id) });
    },
  });
}

export function useReassignActions(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: ReassignActionsRequest) =>
      apiRequest<ReassignActionsResult>(apiPath(`${userPath(id)}/reassign-actions`), {
        method: 'POST',
        body: request,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: userKeys.openActions(id) }),
  });
}

export const pendingAccountsQuery = () =>
  queryOptions({
    queryKey: userKeys.pending(),
    // The oldest waiting first; the page says when more wait than it shows.
    queryFn: ({ signal }) =>
      apiGet<PendingAccountPage>(apiPath('/pending-accounts', { limit: pendingPageSize }), signal),
  });
export const pendingPageSize = 50;
export const usePendingAccounts = () => useQuery(pendingAccountsQuery());

const pendingPath = (id: string) => `/pending-accounts/${encodeURIComponent(id)}`;

export function useApprovePendingAccount(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: ApprovePendingAccountRequest) =>
      apiRequest<User>(apiPath(`${pendingPath(id)}/approval`), { method: 'POST', body: request }),
    onSuccess: (user) => {
      refreshUser(queryClient, user);
      void queryClient.invalidateQueries({ queryKey: userKeys.pending() });
    },
  });
}

export function useRefusePendingAccount(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiRequest<null>(apiPath(pendingPath(id)), { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: userKeys.pending() }),
  });
}
