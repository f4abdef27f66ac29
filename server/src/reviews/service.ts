import type {
  PlanVersionDocument,
  PlanVersionSummary,
  ReplyRequest,
  ReviewRequest,
  ReviewThread,
} from '@tracker/shared';
import { isInspectorateKind } from '@tracker/shared';
import { and, eq } from 'drizzle-orm';

import { recommendationLabel } from '../action-plans/document';
import { auditActor } from '../auth/actor';
import type { WriteContext } from '../auth/context';
import { hidden } from '../auth/hidden';
import { canReviewPlan, canReviewVersion, canSeePlan, canTakePartInReview } from '../auth/policy';
import { recordAudit } from '../audit/record';
import type { Db } from '../db/client';
import { planVersions, reviewMessages, reviewThreads } from '../db/schema/plan-versions';
import { emailPlanReturned } from '../emails/messages';
import { HttpProblem, badRequest, notFound } from '../http/errors';
import { notify, regionPeople } from '../notifications/notify';
import {
  type PlanRow,
  acceptedStatus,
  planForChange,
  recordEvent,
  setPlanStatus,
} from '../plan-status/status';
import { nextVersionNumber } from '../submissions/service';
import { toVersionSummary } from '../submissions/queries';
import { findThread, subjectPeople } from './queries';

const forbidden = (detail: string) => new HttpProblem(403, 'Forbidden', detail);
const conflict = (detail: string) => new HttpProblem(409, 'Conflict', detail);

/** Subjects a verdict may name: the version's recommendations and actions, with labels. */
function subjectsOf(document: PlanVersionDocument) {
  const subjects = new Map<string, { kind: 'recommendation' | 'action'; label: string }>();
  for (const recommendation of document.recommendations) {
    subjects.set(recommendation.id, {
      kind: 'recommendation',
      label: recommendationLabel(recommendation),
    });
    for (const action of recommendation.actions)
      subjects.set(action.id, { kind: 'action', label: action.title });
  }
  return subjects;
}

function checkVerdictSubjects(input: ReviewRequest, document: PlanVersionDocument) {
  const subjects = subjectsOf(document);
  const errors = input.verdicts.flatMap((verdict, index) =>
    subjects.get(verdict.subjectId)?.kind === verdict.subjectKind
      ? []
      : [
          {
            path: `verdicts.${index}.subjectId`,
            message: `is not a ${verdict.subjectKind} of this version`,
          },
        ],
  );
  if (errors.length > 0) throw badRequest('Some verdicts name nothing in this version.', errors);
  return subjects;
}

/**
 * An inspector's review of one version: a verdict per recommendation or action (each comment
 * opens a thread), then the decision. Returned plans go back to the region to edit; accepted
 * ones are monitored, and close at once if every recommendation already is.
 */
export async function reviewVersion(
  db: Db,
  planId: string,
  versionNumber: number,
  input: ReviewRequest,
  context: WriteContext,
): Promise<PlanVersionSummary> {
  const actor = context.actor;
  return db.transaction(async (tx) => {
    const plan = await planForChange(tx, planId, actor);
    if (!canReviewPlan(actor, plan))
      throw forbidden(
        isInspectorateKind(plan.inspectionKind)
          ? 'Only the inspectorate reviews this plan.'
          : 'Only the reviewer an administrator named for this plan reviews it.',
      );
    const [version] = await tx
      .select()
      .from(planVersions)
      .where(and(eq(planVersions.planId, planId), eq(planVersions.number, versionNumber)));
    if (!version) throw notFound('Version', String(versionNumber));
    if (version.decision) throw conflict(`Version ${versionNumber} has been reviewed already.`);
    if (!canReviewVersion(actor, plan, version))
      throw forbidden('You sent this version: someone else must review it.');
    const subjects = checkVerdictSubjects(input, version.document);

    const [reviewed] = await tx
      .update(planVersions)
      .set({
        decision: input.decision,
        decisionReasons: input.reasons ?? null,
        reviewedById: actor.kind === 'user' ? actor.id : null,
        reviewedByLabel: actor.name,
        reviewedAt: context.now,
        updatedAt: context.now,
      })
      .where(eq(planVersions.id, version.id))
      .returning();
    for (const verdict of input.verdicts) {
      await openThread(
        tx,
        plan,
        version,
        { ...verdict, label: subjects.get(verdict.subjectId)!.label },
        context,
      );
    }
    // The plan's status follows its latest version: a late decision on an older progress
    // report must not overturn a later return, nor a resubmission that awaits review.
    const latest = versionNumber === (await nextVersionNumber(tx, planId)) - 1;
    let status = plan.status;
    if (latest) {
      status = input.decision === 'returned' ? 'returned' : await acceptedStatus(tx, plan);
      await setPlanStatus(tx, plan, status, context.now);
    }
    await recordEvent(
      tx,
      plan,
      { kind: input.decision, versionNumber, detail: input.reasons },
      context,
    );
    if (latest && status === 'closed') await recordEvent(tx, plan, { kind: 'closed' }, context);
    await recordAudit(tx, {
      ...auditActor(actor),
      action: `plan.${input.decision}`,
      subjectType: 'action_plan',
      subjectId: plan.id,
      regionId: plan.regionId,
      requestId: context.requestId,
      before: { status: plan.status },
      after: { status, versionNumber, ...input },
    });
    if (input.decision === 'returned') {
      await notify(
        tx,
        await regionPeople(tx, plan.regionId),
        {
          kind: 'plan_returned',
          message: `The inspectorate returned version ${versionNumber} of the action plan: ${input.reasons}`,
          link: `/plans/${plan.id}`,
        },
        { now: context.now, except: actor.id },
      );
      await emailPlanReturned(
        tx,
        { plan, title: version.document.header.title, versionNumber, reasons: input.reasons },
        context.now,
      );
    }
    return toVersionSummary(reviewed!);
  });
}

async function openThread(
  tx: Db,
  plan: PlanRow,
  version: typeof planVersions.$inferSelect,
  verdict: ReviewRequest['verdicts'][number] & { label: string },
  context: WriteContext,
) {
  const actor = context.actor;
  const [thread] = await tx
    .insert(reviewThreads)
    .values({
      planId: plan.id,
      versionId: version.id,
      subjectKind: verdict.subjectKind,
      subjectId: verdict.subjectId,
      subjectLabel: verdict.label,
      verdict: verdict.verdict,
      createdAt: context.now,
      updatedAt: context.now,
    })
    .returning({ id: reviewThreads.id });
  if (!verdict.comment) return;
  await addMessage(tx, thread!.id, verdict.comment, context);
  await notify(
    tx,
    await subjectPeople(tx, plan.regionId, verdict),
    {
      kind: 'comment',
      message: `The inspector commented on ${verdict.label} (${verdict.verdict.replace('_', ' ')}): ${verdict.comment}`,
      link: `/${verdict.subjectKind === 'action' ? 'actions' : 'recommendations'}/${verdict.subjectId}`,
    },
    { now: context.now, except: actor.id },
  );
}

async function addMessage(tx: Db, threadId: string, body: string, context: WriteContext) {
  const actor = context.actor;
  await tx.insert(reviewMessages).values({
    threadId,
    authorId: actor.kind === 'user' ? actor.id : null,
    authorLabel: actor.name,
    authorRole: actor.role,
    body,
    createdAt: context.now,
    updatedAt: context.now,
  });
  await tx
    .update(reviewThreads)
    .set({ updatedAt: context.now })
    .where(eq(reviewThreads.id, threadId));
}

/** A reply in a thread; everyone else in it, and the subject's people, hear of it. */
export async function replyToThread(
  db: Db,
  threadId: string,
  input: ReplyRequest,
  context: WriteContext,
): Promise<ReviewThread> {
  const actor = context.actor;
  return db.transaction(async (tx) => {
    const thread = await findThread(tx, threadId, actor);
    if (!thread) throw notFound('Thread', threadId);
    if (!canSeePlan(actor, thread.plan)) throw hidden('Thread', threadId);
    if (!canTakePartInReview(actor, thread.plan))
      throw forbidden('Only the inspectorate and the region take part in review threads.');
    if (thread.thread.messages.length === 0)
      throw conflict('This verdict has no comment to reply to.');
    await addMessage(tx, threadId, input.body, context);
    const participants = await tx
      .selectDistinct({ id: reviewMessages.authorId })
      .from(reviewMessages)
      .where(eq(reviewMessages.threadId, threadId));
    const recipients = [
      ...participants.flatMap((p) => (p.id ? [p.id] : [])),
      ...(await subjectPeople(tx, thread.plan.regionId, thread.thread)),
    ];
    await notify(
      tx,
      recipients,
      {
        kind: 'comment',
        message: `${actor.name} replied about ${thread.thread.subjectLabel}: ${input.body}`,
        link: `/plans/${thread.plan.id}/versions/${thread.thread.versionNumber}`,
      },
      { now: context.now, except: actor.id },
    );
    await recordAudit(tx, {
      ...auditActor(actor),
      action: 'review_thread.replied',
      subjectType: 'review_thread',
      subjectId: threadId,
      regionId: thread.plan.regionId,
      requestId: context.requestId,
      after: input,
    });
    return (await findThread(tx, threadId, actor))!.thread;
  });
}
