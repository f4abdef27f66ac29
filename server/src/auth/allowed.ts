import type {
  ActionAllowed,
  LinkAllowed,
  PlanAllowed,
  RecommendationAllowed,
  ReviewThreadAllowed,
  VersionAllowed,
} from '@tracker/shared';

import type { Actor } from './actor';
import {
  type ActionSubject,
  canAddActionTo,
  canAskNationalLead,
  canChangeAction,
  canChooseActionUnit,
  canImportActions,
  canReviewVersion,
  canSeeRegion,
  canSeeLivePlanData,
  canSubmitPlan,
  canTakePartInReview,
  isLeadFor,
  canLinkRecommendation,
  isLeadForRecommendation,
  type PlanSubject,
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
  const live = actor !== null && canSeeLivePlanData(actor, subject.regionId);
  const lead = live && isLeadForRecommendation(actor, subject);
  const addAction = live && canAddActionTo(actor, subject);
  return {
    readLivePlan: live,
    respond: lead,
    close: lead,
    reopen: lead,
    addAction,
    chooseActionUnit: addAction && canChooseActionUnit(actor),
    link:
      actor !== null &&
      canSeeRegion(actor, subject.regionId) &&
      canLinkRecommendation(actor, subject),
  };
}

export function planAllowed(actor: Actor | null, plan: { regionId: string }): PlanAllowed {
  const live = actor !== null && canSeeLivePlanData(actor, plan.regionId);
  return {
    readLivePlan: live,
    submit: live && canSubmitPlan(actor, plan),
    askNationalLead: live && canAskNationalLead(actor, plan),
    respondForRegion: live && isLeadForRecommendation(actor, { ...plan, ownerLevel: 'region' }),
    respondForHmpps: live && isLeadForRecommendation(actor, { ...plan, ownerLevel: 'hmpps' }),
    importActions: live && canImportActions(actor, plan),
  };
}

/**
 * A submitted version: its reviewer (the inspectorate, or the person named for an HMPPS plan)
 * reviews it while it awaits review, unless they submitted it themselves.
 */
export function versionAllowed(
  actor: Actor | null,
  version: { reviewed: boolean; submittedById: string | null },
  plan: Pick<PlanSubject, 'inspectionKind' | 'reviewerId'>,
): VersionAllowed {
  return { review: actor !== null && !version.reviewed && canReviewVersion(actor, plan, version) };
}

/** A review thread: those who take part reply, once the inspector's comment has opened it. */
export function reviewThreadAllowed(
  actor: Actor | null,
  thread: { opened: boolean },
  plan: Pick<PlanSubject, 'regionId' | 'inspectionKind' | 'reviewerId'>,
): ReviewThreadAllowed {
  return { reply: actor !== null && thread.opened && canTakePartInReview(actor, plan) };
}

/** A link: removed by whoever may link its from end. */
export function linkAllowed(
  actor: Actor | null,
  from: { regionId: string; ownerLevel: 'pdu' | 'region' | 'hmpps' },
): LinkAllowed {
  return {
    delete:
      actor !== null && canSeeRegion(actor, from.regionId) && canLinkRecommendation(actor, from),
  };
}
