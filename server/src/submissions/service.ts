import type { PlanVersionDocument, PlanVersionSummary, SubmitPlanRequest } from '@tracker/shared';
import { isInspectorateKind } from '@tracker/shared';
import { and, eq, inArray, isNull, max } from 'drizzle-orm';

import { type PlanContext, livePlanDocument } from '../action-plans/document';
import { recordVersionFigures } from '../roll-up/version-figures';
import { auditActor } from '../auth/actor';
import { canSubmitPlan } from '../auth/policy';
import { recordAudit } from '../audit/record';
import type { Db } from '../db/client';
import { actions } from '../db/schema/actions';
import { planVersions } from '../db/schema/plan-versions';
import { recommendations } from '../db/schema/recommendations';
import { HttpProblem } from '../http/errors';
import { stale } from '../http/etag';
import { activePeople, notify } from '../notifications/notify';
import { type PlanRow, planForChange, recordEvent, setPlanStatus } from '../plan-status/status';
import { toVersionSummary } from './queries';
import { readinessProblems } from './readiness';

const forbidden = (detail: string) => new HttpProblem(403, 'Forbidden', detail);
const conflict = (detail: string) => new HttpProblem(409, 'Conflict', detail);

/** The number the plan's next version takes (its last one's is one less). */
export async function nextVersionNumber(tx: Db, planId: string): Promise<number> {
  const [row] = await tx
    .select({ last: max(planVersions.number) })
    .from(planVersions)
    .where(eq(planVersions.planId, planId));
  return (row?.last ?? 0) + 1;
}

/**
 * Sends the plan to its reviewer (the inspectorate, or HMPPS's named reviewer) as a new, frozen version: a submission while drafting or
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
      throw conflict('The plan is already submitted and awaits review.');
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

/** Who hears that a version awaits review: the inspectorate, or the plan's named reviewer. */
async function reviewersOf(tx: Db, plan: PlanRow): Promise<string[]> {
  if (isInspectorateKind(plan.inspectionKind)) return activePeople(tx, { roles: ['inspector'] });
  return plan.reviewerId ? [plan.reviewerId] : [];
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
  await recordVersionFigures(tx, version!.id);
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
    await reviewersOf(tx, plan),
    {
      kind: 'version_to_review',
      message: `${document.header.title}: version ${number} (${kind === 'submission' ? 'a submission' : 'a progress report'}) awaits review.`,
      link: `/plans/${plan.id}/versions/${number}`,
    },
    { now: context.now, except: actor.id },
  );
  return toVersionSummary(version!);
}
