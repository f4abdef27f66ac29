import type {
  ActionPlan,
  RecommendationReadiness,
  RecommendationReadinessState,
} from '@tracker/shared';

import type { TagLabel } from './labels';

/** Which lead the signed-in person is, as readiness names who must act; null for anyone else. */
export type Lead = NonNullable<RecommendationReadiness['mustAct']>;

/** The lead the reader is for this plan, from what the server says they may answer. */
export function readerOf(plan: Pick<ActionPlan, 'allowed'>): Lead | null {
  if (plan.allowed.respondForHmpps) return 'national_lead';
  if (plan.allowed.respondForRegion) return 'region_lead';
  return null;
}

const stateTags: Record<RecommendationReadinessState, TagLabel> = {
  needs_response: { text: 'Needs a response', colour: 'blue' },
  needs_rationale: { text: 'Needs a rationale', colour: 'blue' },
  needs_action: { text: 'Needs an action', colour: 'blue' },
  action_details_needed: { text: 'Action details needed', colour: 'blue' },
  ready: { text: 'Ready', colour: 'green' },
};

/**
 * A recommendation's tag on the task list of a plan being written. The server decides the
 * state and who must act; this only words it for the reader, who is told when someone else
 * must act rather than seeing a task they cannot do.
 */
export function readinessTag(item: RecommendationReadiness, reader: Lead | null): TagLabel {
  if (item.mustAct === 'national_lead' && reader !== 'national_lead') {
    return { text: 'Waiting on HMPPS national lead', colour: 'grey' };
  }
  if (item.mustAct === 'region_lead' && reader === 'national_lead') {
    return { text: 'Waiting on the region lead', colour: 'grey' };
  }
  return stateTags[item.state];
}

/** In `order` (the task list's), the recommendations whose next step is the reader's. */
export function needingReader(
  order: readonly string[],
  states: readonly RecommendationReadiness[],
  reader: Lead | null,
  only?: RecommendationReadinessState,
): string[] {
  const byId = new Map(states.map((item) => [item.recommendationId, item]));
  return order.filter((id) => {
    const item = byId.get(id);
    return (
      item !== undefined &&
      reader !== null &&
      item.mustAct === reader &&
      (only === undefined || item.state === only)
    );
  });
}

/**
 * The next recommendation after `currentId` (in the task list's order, coming round to the top)
 * that still needs a response from the reader; null when none is left. `currentId` itself never
 * comes next: its response has just been saved.
 */
export function nextToAnswer(
  order: readonly string[],
  states: readonly RecommendationReadiness[],
  currentId: string,
  reader: Lead | null,
): string | null {
  const waiting = new Set(needingReader(order, states, reader, 'needs_response'));
  const at = order.indexOf(currentId);
  // The list read from just after the current one, round to just before it: one pass.
  const fromNext = [...order.slice(at + 1), ...order.slice(0, Math.max(at, 0))];
  return fromNext.find((id) => waiting.has(id)) ?? null;
}
