import { useQuery } from '@tanstack/react-query';

import { useAction } from '../api';
import { recommendationQuery } from '../../../lib/queries/recommendations';

/**
 * An action with its recommendation (for the caption). What the person looking may do with it
 * is the action's `allowed`, as the server's policy answers it.
 */
export function useActionContext(actionId: string) {
  const action = useAction(actionId);
  const recommendationId = action.data?.action.recommendationId ?? '';
  const recommendation = useQuery({
    ...recommendationQuery(recommendationId),
    enabled: recommendationId !== '',
  });
  const queries = [action, recommendation];
  if (!action.isSuccess || !recommendation.isSuccess) return { ready: null, queries };
  return {
    ready: {
      action: action.data.action,
      etag: action.data.etag,
      recommendation: recommendation.data,
      allowed: action.data.action.allowed,
    },
    queries,
  };
}
