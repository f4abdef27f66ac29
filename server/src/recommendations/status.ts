import type { RecommendationStatus } from '@tracker/shared';
import { eq } from 'drizzle-orm';

import { finishedStatuses } from '../actions/rag';
import type { Db } from '../db/client';
import { actions } from '../db/schema/actions';
import { recommendations } from '../db/schema/recommendations';

/**
 * A recommendation's status follows its actions until a lead closes it:
 * no actions (or only cancelled ones): open; every action finished: actions complete;
 * otherwise in progress.
 */
export function deriveRecommendationStatus(
  closed: boolean,
  actionStatuses: readonly string[],
): RecommendationStatus {
  if (closed) return 'closed';
  const live = actionStatuses.filter((status) => status !== 'cancelled');
  if (live.length === 0) return 'open';
  if (live.every((status) => finishedStatuses.includes(status as never))) return 'actions_complete';
  return 'in_progress';
}

/** Stores the derived status, so lists and dashboards can filter on it. Call inside the write's transaction. */
export async function refreshRecommendationStatus(
  tx: Db,
  recommendationId: string,
  now: Date,
): Promise<void> {
  const [recommendation] = await tx
    .select({ closedAt: recommendations.closedAt, status: recommendations.status })
    .from(recommendations)
    .where(eq(recommendations.id, recommendationId));
  if (!recommendation) return;
  const rows = await tx
    .select({ status: actions.status })
    .from(actions)
    .where(eq(actions.recommendationId, recommendationId));
  const status = deriveRecommendationStatus(
    recommendation.closedAt !== null,
    rows.map((row) => row.status),
  );
  if (status !== recommendation.status) {
    await tx
      .update(recommendations)
      .set({ status, updatedAt: now })
      .where(eq(recommendations.id, recommendationId));
  }
}
