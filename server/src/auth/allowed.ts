import type { ActionAllowed, PlanAllowed, RecommendationAllowed } from '@tracker/shared';

import type { Actor } from './actor';
import {
  type ActionSubject,
  canAddActionTo,
  canAskNationalLead,
  canChangeAction,
  canChooseActionUnit,
  canSeeLivePlanData,
  canSubmitPlan,
  isLeadFor,
  isLeadForRecommendation,
} from './policy';

/**
 * What the caller may do with each resource, for the `allowed` the API returns with it: the
 * policy's own answers (auth/policy.ts), so the web shows controls without restating the rules.
 * Each takes the subject fields the resource's query already read; none reads the database.
 * `null` is no one (a plan version's document, which no caller acts on).
 */

export function actionAllowed(actor: Actor | null, subject: ActionSubject): ActionAllowed {
  const change = actor !== null && canChangeAction(actor, subject);
  const lead = change && isLeadFor(actor, subject);
  return {
    change,
    addProgress: change,
    addEvidence: change,
    verify: lead,
    moveUnit: change && canChooseActionUnit(actor),
  };
}

/** What the policy needs to know about a recommendation. */
export interface RecommendationSubject {
  regionId: string;
  ownerLevel: 'pdu' | 'region' | 'hmpps';
  owningUnitId: string;
}

export function recommendationAllowed(
  actor: Actor | null,
  subject: RecommendationSubject,
): RecommendationAllowed {
  if (actor === null || !canSeeLivePlanData(actor, subject.regionId)) {
    return {
      readLivePlan: false,
      respond: false,
      close: false,
      reopen: false,
      addAction: false,
      chooseActionUnit: false,
    };
  }
  const lead = isLeadForRecommendation(actor, subject);
  const addAction = canAddActionTo(actor, subject);
  return {
    readLivePlan: true,
    respond: lead,
    close: lead,
    reopen: lead,
    addAction,
    chooseActionUnit: addAction && canChooseActionUnit(actor),
  };
}

export function planAllowed(actor: Actor | null, plan: { regionId: string }): PlanAllowed {
  if (actor === null || !canSeeLivePlanData(actor, plan.regionId)) {
    return {
      readLivePlan: false,
      submit: false,
      askNationalLead: false,
      respondForRegion: false,
      respondForHmpps: false,
    };
  }
  return {
    readLivePlan: true,
    submit: canSubmitPlan(actor, plan),
    askNationalLead: canAskNationalLead(actor, plan),
    respondForRegion: isLeadForRecommendation(actor, { ...plan, ownerLevel: 'region' }),
    respondForHmpps: isLeadForRecommendation(actor, { ...plan, ownerLevel: 'hmpps' }),
  };
}
