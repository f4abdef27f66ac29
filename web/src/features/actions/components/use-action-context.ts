import { useAction } from '../api';
import { useRecommendationContext } from '../../../lib/queries/recommendations';
import { canChangeAction, isLeadForAction } from '../../../lib/permissions';

/** An action with its recommendation and what the person looking may do with it. */
export function useActionContext(actionId: string) {
  const action = useAction(actionId);
  const context = useRecommendationContext(action.data?.action.recommendationId ?? '');
  const queries = [action, ...context.queries];
  if (!action.isSuccess || !context.ready) return { ready: null, queries };
  const { me, recommendation, regionId } = context.ready;
  return {
    ready: {
      ...context.ready,
      action: action.data.action,
      etag: action.data.etag,
      canChange: canChangeAction(me, action.data.action, recommendation.ownerLevel, regionId),
      lead: isLeadForAction(me, action.data.action, recommendation.ownerLevel, regionId),
    },
    queries,
  };
}
