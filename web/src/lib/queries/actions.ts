import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Action, ActionStatus } from '@tracker/shared';

import { apiGetAll } from '../api-client';
import { actionKeys } from '../query-keys';

/** Lists of actions: read by the actions, plans, submissions and recommendations features. */

export interface ActionFilters {
  recommendationId?: string;
  inspectionId?: string;
  ownerId?: string;
  owningUnitId?: string;
  status?: ActionStatus;
}

/** Every action that matches (a plan has tens, not thousands). */
export const actionListQuery = (filters: ActionFilters) =>
  queryOptions({
    queryKey: actionKeys.list(filters),
    queryFn: ({ signal }) => apiGetAll<Action>('/actions', { ...filters, sort: 'dueDate' }, signal),
  });

export const useActions = (filters: ActionFilters, enabled = true) =>
  useQuery({ ...actionListQuery(filters), enabled });
