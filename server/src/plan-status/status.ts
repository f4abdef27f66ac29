import type { PlanStatus } from '@tracker/shared';
import { type SQL, and, eq, inArray, sql } from 'drizzle-orm';

import type { Actor } from '../auth/actor';
import type { WriteContext } from '../auth/context';
import { hidden } from '../auth/hidden';
import { canSeePlan } from '../auth/policy';
import type { Db } from '../db/client';
import { actionPlans } from '../db/schema/action-plans';
import { inspections } from '../db/schema/inspections';
import { planEvents } from '../db/schema/plan-versions';
import { recommendations } from '../db/schema/recommendations';
import { notFound } from '../http/errors';

/*
 * The plan's status and timeline, written inside the caller's transaction: by submissions,
 * reviews, and the recommendation close and reopen services (through refreshPlanClosure).
 * It imports no domain folder, so none of them imports another through it.
 */

/** The plan, locked for the change: submissions and reviews of one plan happen one at a time. */
export async function planForChange(tx: Db, planId: string, actor: Actor) {
  const [plan] = await lockPlans(tx, eq(actionPlans.id, planId));
  if (!plan) throw notFound('Action plan', planId);
  if (!canSeePlan(actor, plan)) throw hidden('Action plan', planId);
  return plan;
}

/** Plans locked for a change, with what the policy asks of each (its inspection's kind). */
async function lockPlans(tx: Db, where: SQL | undefined) {
  const rows = await tx
    .select({
      plan: actionPlans,
      inspectionKind: inspections.kind,
      reviewerId: inspections.reviewerId,
    })
    .from(actionPlans)
    .innerJoin(inspections, eq(inspections.id, actionPlans.inspectionId))
    .where(where)
    .for('update', { of: actionPlans });
  return rows.map((row) => ({
    ...row.plan,
    inspectionKind: row.inspectionKind,
    reviewerId: row.reviewerId,
  }));
}

export type PlanRow = Awaited<ReturnType<typeof planForChange>>;

export async function recordEvent(
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

export async function setPlanStatus(tx: Db, plan: PlanRow, status: PlanStatus, now: Date) {
  await tx
    .update(actionPlans)
    .set({ status, revision: plan.revision + 1, updatedAt: now })
    .where(eq(actionPlans.id, plan.id));
}

/** Accepted, or closed straight away when every recommendation is closed already. */
export async function acceptedStatus(tx: Db, plan: PlanRow): Promise<PlanStatus> {
  const open = await tx.$count(
    recommendations,
    and(
      eq(recommendations.inspectionId, plan.inspectionId),
      sql`${recommendations.status} <> 'closed'`,
    ),
  );
  return open === 0 ? 'closed' : 'accepted';
}

/**
 * Keeps an accepted plan's status true to its recommendations: closed when the last one closes,
 * accepted again when one reopens. Called by the recommendation close and reopen services.
 */
export async function refreshPlanClosure(tx: Db, inspectionId: string, context: WriteContext) {
  const plans = await lockPlans(
    tx,
    and(
      eq(actionPlans.inspectionId, inspectionId),
      inArray(actionPlans.status, ['accepted', 'closed']),
    ),
  );
  for (const plan of plans) {
    const status = await acceptedStatus(tx, plan);
    if (status === plan.status) continue;
    await setPlanStatus(tx, plan, status, context.now);
    await recordEvent(tx, plan, { kind: status === 'closed' ? 'closed' : 'reopened' }, context);
  }
}
