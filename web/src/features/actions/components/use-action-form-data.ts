import { useQuery } from '@tanstack/react-query';
import type { Action } from '@tracker/shared';

import { useOrgUnits } from '../../../lib/org-units';
import { useRecommendationContext } from '../../../lib/queries/recommendations';
import { usePeople } from '../api';
import type { DependencyChoice } from './action-fields';
import { inspectionRecommendationsQuery } from '../../../lib/queries/inspections';
import { actionListQuery } from '../../../lib/queries/actions';

/**
 * Everything the add and change forms need around one recommendation. The change form names the
 * action's inspection, so its recommendation and inspection are read at once.
 */
export function useActionFormData(
  recommendationId: string,
  action: { id: string; inspectionId: string } | null,
) {
  const actionId = action?.id ?? null;
  const context = useRecommendationContext(recommendationId, action?.inspectionId);
  const units = useOrgUnits();
  const people = usePeople();
  const inspectionId = action?.inspectionId ?? context.ready?.recommendation.inspectionId ?? '';
  const recommendations = useQuery({
    ...inspectionRecommendationsQuery(inspectionId),
    enabled: inspectionId !== '',
  });
  const actions = useQuery({ ...actionListQuery({ inspectionId }), enabled: inspectionId !== '' });

  const queries = [...context.queries, units, people, actions];
  if (!context.ready || !units.isSuccess || !people.isSuccess || !actions.isSuccess) {
    return { ready: null, queries };
  }
  const names = new Map(
    (recommendations.data ?? []).map((r) => [
      r.id,
      `${r.sourcePdu.name} recommendation ${r.number}`,
    ]),
  );
  const dependencies: DependencyChoice[] = actions.data
    .filter((action: Action) => action.id !== actionId)
    .map((action) => ({
      id: action.id,
      title: action.title,
      hint: `${names.get(action.recommendationId) ?? 'Another recommendation'}; owned by ${action.owningUnit.name}`,
    }));
  return {
    ready: { ...context.ready, units: units.data, people: people.data, dependencies },
    queries,
  };
}
