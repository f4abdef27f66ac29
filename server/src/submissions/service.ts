import type {
  PlanStatus,
  PlanVersionDocument,
  PlanVersionSummary,
  ReplyRequest,
  ReviewRequest,
  ReviewThread,
  SubmitPlanRequest,
} from '@tracker/shared';
import { and, eq, inArray, isNull, max, sql } from 'drizzle-orm';

import { auditActor } from '../auth/actor';
import type { Actor } from '../auth/actor';
import { hidden } from '../auth/hidden';
import { canReviewPlan, canSeePlan, canSubmitPlan, canTakePartInReview } from '../auth/policy';
import type { WriteContext } from '../auth/context';
import { recordAudit } from '../audit/record';
import type { Db } from '../db/client';
import { emailPlanReturned } from '../emails/messages';
import { actionPlans } from '../db/schema/action-plans';
import { actions } from '../db/schema/actions';
import { recommendations } from '../db/schema/recommendations';
import {
  planEvents,
  planVersions,
  reviewMessages,
  reviewThreads,
} from '../db/schema/plan-versions';
import { HttpProblem, badRequest, notFound } from '../http/errors';
import { stale } from '../http/etag';
import { activePeople, notify, regionPeople } from '../notifications/notify';
import {
  type DocumentSettings,
  livePlanDocument,
  recommendationLabel,
} from '../action-plans/document';
import { findThread, subjectPeople, toVersionSummary } from './queries';
import { readinessProblems } from './readiness';

export interface PlanContext extends WriteContext {
  settings: DocumentSettings;
}

const forbidden = (detail: string) => new HttpProblem(403, 'Forbidden', detail);
const conflict = (detail: string) => new HttpProblem(409, 'Conflict', detail);

/** The plan, locked for the change: submissions and reviews of one plan happen one at a time. */
async function planForChange(tx: Db, planId: string, actor: Actor) {
  const [plan] = await tx
    .select()
    .from(actionPlans)
    .where(eq(actionPlans.id, planId))
    .for('update');
  if (!plan) throw notFound('Action plan', planId);
  if (!canSeePlan(actor, plan)) throw hidden('Action plan', planId);
  return plan;
}

type PlanRow = Awaited<ReturnType<typeof planForChange>>;

async function recordEvent(
  tx: Db,
  plan: PlanRow,
  event: {
    kind: (typeof planEvents.$inferInsert)['kind'];
    versionNumber?: number;
    detail?: string | null;
  },
  context: WriteContext,
) {
  const actor = context.actor;
  await tx.insert(planEvents).values({
    planId: plan.id,
    kind: event.kind,
    versionNumber: event.versionNumber ?? null,
    actorId: actor?.kind === 'user' ? actor.id : null,
    actorLabel: actor?.name ?? 'system',
    detail: event.detail ?? null,
    createdAt: context.now,
    updatedAt: context.now,
  });
}

async function setPlanStatus(tx: Db, plan: PlanRow, status: PlanStatus, now: Date) {
  await tx
    .update(actionPlans)
    .set({ status, revision: plan.revision + 1, updatedAt: now })
    .where(eq(actionPlans.id, plan.id));
}

async function nextVersionNumber(tx: Db, planId: string): Promise<number> {
  const [row] = await tx
    .select({ last: max(planVersions.number) })
    .from(planVersions)
    .where(eq(planVersions.planId, planId));
  return (row?.last ?? 0) + 1;
}

/**
 * Sends the plan to the inspectorate as a new, frozen version: a submission while drafting or
 * after a return, a progress report once accepted. Only the region's lead may, and only when
 * nothing blocks it.
 */
export async function submitPlan(
  db: Db,
  planId: string,
  input: SubmitPlanRequest,
  expectedRevision: () => number,
  context: PlanContext,
): Promise<PlanVersionSummary> {
  const actor = context.actor;
  return db.transaction(async (tx) => {
    const plan = await planForChange(tx, planId, actor);
    if (!canSubmitPlan(actor, plan)) {
      throw forbidden("Only the region's lead may submit its action plan.");
    }
    if (plan.revision !== expectedRevision()) throw stale();
    if (plan.status === 'submitted')
      throw conflict('The plan is already submitted and awaits the inspectorate.');
    if (plan.status === 'closed') throw conflict('The plan is closed.');
    const document = await livePlanDocument(
      tx,
      plan.inspectionId,
      { on: context.now, by: actor.name },
      context.settings,
    );
    blockIfIncomplete(document);
    return freezeVersion(tx, plan, document, input, context);
  });
}

function blockIfIncomplete(document: PlanVersionDocument) {
  const problems = readinessProblems(document);
  if (problems.length === 0) return;
  throw new HttpProblem(
    409,
    'The plan is not ready to submit',
    `${problems.length} thing${problems.length === 1 ? '' : 's'} must be put right first.`,
    undefined,
    {},
    { problems },
  );
}

async function freezeVersion(
  tx: Db,
  plan: PlanRow,
  document: PlanVersionDocument,
  input: SubmitPlanRequest,
  context: PlanContext,
): Promise<PlanVersionSummary> {
  const actor = context.actor;
  const kind = plan.status === 'accepted' ? 'progress_report' : 'submission';
  const number = await nextVersionNumber(tx, plan.id);
  const [version] = await tx
    .insert(planVersions)
    .values({
      planId: plan.id,
      number,
      kind,
      note: input.note ?? null,
      document,
      submittedById: actor.kind === 'user' ? actor.id : null,
      submittedByLabel: actor.name,
      submittedAt: context.now,
      createdAt: context.now,
      updatedAt: context.now,
    })
    .returning();
  // From now on these actions are on the record: they can be cancelled, never deleted.
  await tx
    .update(actions)
    .set({ firstSubmittedAt: context.now })
    .where(
      and(
        isNull(actions.firstSubmittedAt),
        inArray(
          actions.recommendationId,
          tx
            .select({ id: recommendations.id })
            .from(recommendations)
            .where(eq(recommendations.inspectionId, plan.inspectionId)),
        ),
      ),
    );
  await setPlanStatus(tx, plan, kind === 'submission' ? 'submitted' : plan.status, context.now);
  await recordEvent(
    tx,
    plan,
    {
      kind: kind === 'submission' ? 'submitted' : 'progress_reported',
      versionNumber: number,
      detail: input.note,
    },
    context,
  );
  await recordAudit(tx, {
    ...auditActor(actor),
    action: kind === 'submission' ? 'plan.submitted' : 'plan.progress_reported',
    subjectType: 'action_plan',
    subjectId: plan.id,
    regionId: plan.regionId,
    requestId: context.requestId,
    before: { status: plan.status },
    after: { versionNumber: number, note: input.note ?? null },
  });
  await notify(
    tx,
    await activePeople(tx, { roles: ['inspector'] }),
    {
      kind: 'version_to_review',
      message: `${document.header.title}: version ${number} (${kind === 'submission' ? 'a submission' : 'a progress report'}) awaits review.`,
      link: `/plans/${plan.id}/versions/${number}`,
    },
    { now: context.now, except: actor.id },
  );
  return toVersionSummary(version!);
}

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
  context: PlanContext,
): Promise<PlanVersionSummary> {
  const actor = context.actor;
  return db.transaction(async (tx) => {
    const plan = await planForChange(tx, planId, actor);
    if (!canReviewPlan(actor)) throw forbidden('Only the inspectorate reviews a submitted plan.');
    const [version] = await tx
      .select()
      .from(planVersions)
      .where(and(eq(planVersions.planId, planId), eq(planVersions.number, versionNumber)));
    if (!version) throw notFound('Version', String(versionNumber));
    if (version.decision) throw conflict(`Version ${versionNumber} has been reviewed already.`);
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

/** Accepted, or closed straight away when every recommendation is closed already. */
async function acceptedStatus(tx: Db, plan: PlanRow): Promise<PlanStatus> {
  const open = await tx.$count(
    recommendations,
    and(
      eq(recommendations.inspectionId, plan.inspectionId),
      sql`${recommendations.status} <> 'closed'`,
    ),
  );
  return open === 0 ? 'closed' : 'accepted';
}

async function openThread(
  tx: Db,
  plan: PlanRow,
  version: typeof planVersions.$inferSelect,
  verdict: ReviewRequest['verdicts'][number] & { label: string },
  context: PlanContext,
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
    const thread = await findThread(tx, threadId);
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
    return (await findThread(tx, threadId))!.thread;
  });
}

/**
 * Keeps an accepted plan's status true to its recommendations: closed when the last one closes,
 * accepted again when one reopens. Called by the recommendation close and reopen services.
 */
export async function refreshPlanClosure(tx: Db, inspectionId: string, context: WriteContext) {
  const plans = await tx
    .select()
    .from(actionPlans)
    .where(
      and(
        eq(actionPlans.inspectionId, inspectionId),
        inArray(actionPlans.status, ['accepted', 'closed']),
      ),
    )
    .for('update');
  for (const plan of plans) {
    const status = await acceptedStatus(tx, plan);
    if (status === plan.status) continue;
    await setPlanStatus(tx, plan, status, context.now);
    await recordEvent(tx, plan, { kind: status === 'closed' ? 'closed' : 'reopened' }, context);
  }
}
