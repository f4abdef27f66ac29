import type { ChangeKind, RecommendationDiff } from '@tracker/shared';

import { plural } from '../../lib/format';

type ByKind = Record<ChangeKind, number>;

/** How much changed between two versions, counted from the server's diff. */
export interface DiffCounts {
  recommendations: number;
  responses: ByKind;
  actions: ByKind;
  outcomeMeasures: number;
}

const none = (): ByKind => ({ added: 0, changed: 0, removed: 0 });

/**
 * A response is added when the first version had no decision and the second has one (and
 * removed the other way round); any other change to its decision, rationale or accepted part
 * changes it. A recommendation added or removed whole brings or takes its response.
 */
function responseChange(diff: RecommendationDiff): ChangeKind | null {
  if (diff.change !== 'changed') return diff.change;
  const response = diff.fields.filter((field) => field.field.startsWith('response.'));
  if (response.length === 0) return null;
  const decision = response.find((field) => field.field === 'response.decision');
  if (decision?.from === null) return 'added';
  if (decision?.to === null) return 'removed';
  return 'changed';
}

export function diffCounts(recommendations: readonly RecommendationDiff[]): DiffCounts {
  const counts: DiffCounts = {
    recommendations: recommendations.length,
    responses: none(),
    actions: none(),
    outcomeMeasures: 0,
  };
  for (const recommendation of recommendations) {
    const response = responseChange(recommendation);
    if (response) counts.responses[response] += 1;
    for (const action of recommendation.actions) counts.actions[action.change] += 1;
    counts.outcomeMeasures += recommendation.outcomeMeasures.length;
  }
  return counts;
}

/** The counts as short lines ("2 responses changed", "1 action added"), leaving out noughts. */
export function diffCountLines(counts: DiffCounts): string[] {
  const kinds: ChangeKind[] = ['added', 'changed', 'removed'];
  return [
    ...kinds.flatMap((kind) =>
      counts.responses[kind] ? [`${plural(counts.responses[kind], 'response')} ${kind}`] : [],
    ),
    ...kinds.flatMap((kind) =>
      counts.actions[kind] ? [`${plural(counts.actions[kind], 'action')} ${kind}`] : [],
    ),
    ...(counts.outcomeMeasures
      ? [`${plural(counts.outcomeMeasures, 'outcome measure')} changed`]
      : []),
  ];
}
