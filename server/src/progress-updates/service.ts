import type { CreateProgressUpdateRequest, ProgressUpdate } from '@tracker/shared';
import { and, eq, isNull, sql } from 'drizzle-orm';

import { type ActionContext, actionForChange } from '../actions/service';
import { checkStatusChange } from '../actions/status-rules';
import { subjectOf } from '../actions/queries';
import { recordAudit } from '../audit/record';
import { auditActor } from '../auth/actor';
import { isLeadFor } from '../auth/policy';
import type { Db } from '../db/client';
import { actions, progressUpdates } from '../db/schema/actions';
import { evidence } from '../db/schema/evidence';
import { refreshRecommendationStatus } from '../recommendations/status';
import { findProgressUpdate } from './queries';

/**
 * Appends a progress update and applies its percentage and status to the action, in one
 * transaction. Updates are never edited or deleted: the history is the record.
 */
export async function addProgressUpdate(
  db: Db,
  actionId: string,
  input: CreateProgressUpdateRequest,
  context: ActionContext,
): Promise<ProgressUpdate> {
  const actor = context.actor;
  return db.transaction(async (tx) => {
    const row = await actionForChange(tx, actionId, context);
    const before = row.action;
    const status = input.status ?? before.status;
    checkStatusChange({
      from: before.status,
      to: status,
      reason: input.statusReason,
      evidenceCount: await tx.$count(
        evidence,
        and(eq(evidence.actionId, actionId), isNull(evidence.removedAt)),
      ),
      isLead: isLeadFor(actor, subjectOf(row)),
    });
    const finished = status === 'complete' || status === 'verified_closed';
    const percentComplete = finished ? 100 : (input.percentComplete ?? before.percentComplete);
    const [created] = await tx
      .insert(progressUpdates)
      .values({
        actionId,
        narrative: input.narrative,
        percentComplete: input.percentComplete ?? null,
        statusChange: status !== before.status ? status : null,
        authorId: actor.kind === 'user' ? actor.id : null,
        recordedAt: context.now,
        createdAt: context.now,
        updatedAt: context.now,
      })
      .returning({ id: progressUpdates.id });
    // No If-Match here: concurrent updates are all kept; the revision still rises with each.
    await tx
      .update(actions)
      .set({
        status,
        percentComplete,
        cancelReason: status === 'cancelled' ? (input.statusReason ?? null) : null,
        revision: sql`${actions.revision} + 1`,
        updatedAt: context.now,
      })
      .where(eq(actions.id, actionId));
    await refreshRecommendationStatus(tx, before.recommendationId, context.now);
    await recordAudit(tx, {
      ...auditActor(actor),
      action: 'action.progress_updated',
      subjectType: 'action',
      subjectId: actionId,
      regionId: row.regionId,
      requestId: context.requestId,
      before: { status: before.status, percentComplete: before.percentComplete },
      after: { status, percentComplete, progressUpdateId: created!.id },
    });
    return (await findProgressUpdate(tx, created!.id))!;
  });
}
