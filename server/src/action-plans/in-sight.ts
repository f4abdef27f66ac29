import type { ActionPlan } from '@tracker/shared';

import { findActionPlan } from './queries';
import type { Actor } from '../auth/actor';
import { hidden } from '../auth/hidden';
import { type PlanSubject, canSeeLivePlanData, canSeePlan } from '../auth/policy';
import type { Db } from '../db/client';
import { notFound } from '../http/errors';

/** What the policy asks of a plan, from the plan as read. */
export function planSubjectOf(plan: ActionPlan): PlanSubject {
  return {
    regionId: plan.region.id,
    status: plan.status,
    inspectionKind: plan.inspectionKind,
    reviewerId: plan.reviewer?.id ?? null,
  };
}

/**
 * The plan's loader for reading: the plan if the caller may see it, its header and versions
 * (inspectors once submitted), or with `live` its live data (never inspectors). Otherwise 404,
 * audited as a refusal. (Changes load the plan locked, in plan-status/status.ts.)
 */
export async function planInSight(
  db: Db,
  actor: Actor,
  id: string,
  options: { live?: boolean } = {},
) {
  const plan = await findActionPlan(db, id, actor);
  if (!plan) throw notFound('Action plan', id);
  const visible = options.live
    ? canSeeLivePlanData(actor, plan.region.id)
    : canSeePlan(actor, planSubjectOf(plan));
  if (!visible) throw hidden('Action plan', id);
  return plan;
}
