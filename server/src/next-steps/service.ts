import type { NationalLeadRequest } from '@tracker/shared';

import { findActionPlan } from '../action-plans/queries';
import { londonDateOf } from '../actions/rag';
import { auditActor } from '../auth/actor';
import { hidden } from '../auth/hidden';
import { canAskNationalLead, canSeeLivePlanData } from '../auth/policy';
import { recordAudit } from '../audit/record';
import type { Db } from '../db/client';
import { HttpProblem, notFound } from '../http/errors';
import { activePeople, notify } from '../notifications/notify';
import { type PlanContext, livePlanDocument } from '../action-plans/document';
import { readinessProblems, recommendationSubject } from '../submissions/readiness';

const conflict = (detail: string) => new HttpProblem(409, 'Conflict', detail);

/**
 * The region lead asks the national lead(s) for the HMPPS answers the plan waits on. Each
 * national lead is told at most once a day about a plan (the notice's dedupe key), so asking
 * again the same day is safe and tells no one twice.
 */
export async function askNationalLead(
  db: Db,
  planId: string,
  context: PlanContext & { actor: NonNullable<PlanContext['actor']> },
): Promise<NationalLeadRequest> {
  const { actor } = context;
  const plan = await findActionPlan(db, planId, actor);
  if (!plan) throw notFound('Action plan', planId);
  if (!canSeeLivePlanData(actor, plan.region.id)) throw hidden('Action plan', planId);
  if (!canAskNationalLead(actor, { regionId: plan.region.id })) {
    throw new HttpProblem(403, 'Forbidden', "Only the plan's region lead asks the national lead.");
  }
  if (plan.status !== 'draft' && plan.status !== 'returned') {
    throw conflict(`The plan is ${plan.status}: only a plan being written waits on answers.`);
  }
  const document = await livePlanDocument(
    db,
    plan.inspectionId,
    { on: context.now, by: actor.name },
    context.settings,
  );
  const waitingIds = new Set(
    readinessProblems(document)
      .filter((problem) => problem.mustAct === 'national_lead')
      .map((problem) => problem.recommendationId),
  );
  const waitingOn = document.recommendations
    .filter((recommendation) => waitingIds.has(recommendation.id))
    .map(recommendationSubject);
  if (waitingOn.length === 0) throw conflict('Nothing in this plan waits on the national lead.');

  return db.transaction(async (tx) => {
    const nationalLeads = await activePeople(tx, { roles: ['national_lead'] });
    const labels = waitingOn.map((subject) => subject.label).join(', ');
    await notify(
      tx,
      nationalLeads,
      {
        kind: 'response_requested',
        message: `${plan.region.name}'s action plan waits on HMPPS answers: ${labels}.`,
        link: `/plans/${plan.id}`,
        dedupeKey: `response_requested:${plan.id}:${londonDateOf(context.now)}`,
      },
      { now: context.now, except: actor.kind === 'user' ? actor.id : null },
    );
    await recordAudit(tx, {
      ...auditActor(actor),
      action: 'plan.national_lead_asked',
      subjectType: 'action_plan',
      subjectId: plan.id,
      regionId: plan.region.id,
      requestId: context.requestId,
      after: { recommendationIds: waitingOn.map((subject) => subject.id) },
    });
    return { planId: plan.id, notified: nationalLeads.length, recommendations: waitingOn };
  });
}
