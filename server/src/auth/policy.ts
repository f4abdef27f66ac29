import {
  type InspectionKind,
  type PlanStatus,
  type Role,
  type UnitType,
  inspectorateKinds,
  isInspectorateKind,
} from '@tracker/shared';

import type { Actor } from './actor';

/**
 * Who may see and do what, in one place. Routes ask these questions; queries take the read
 * scope. The rules in words (also in the README):
 * - region leads and heads of operations see their own region only; a head of operations
 *   changes only what their PDU owns;
 * - national leads, inspectors and administrators see every region;
 * - inspectors never see a live plan: only plans that have been submitted, and no live
 *   plan data such as outcome-measure readings or the region's responses to recommendations
 *   (they read those in the submitted versions); and only HM Inspectorate of Probation's own
 *   kinds: SFO reviews, internal audits and policy reviews stay inside HMPPS;
 * - the inspectorate reviews its kinds; HMPPS kinds are reviewed by the person an
 *   administrator names on the inspection, never by whoever submitted the version;
 * - administrators manage users and API clients; region leads read their region's audit trail.
 *
 * For a change, each subject has one question answering hidden (404), read (403) or change:
 * `actionAccess`, `recommendationWorkAccess`, `recommendationLeadAccess`,
 * `recommendationLinkAccess`; services answer it with
 * `requireChange` (auth/hidden.ts), and `hidden(what, id)` is the only way to hide. The may-*
 * predicates below are what those answers are made of, and what the web is told it may do.
 */

/** Which unit type each role's scope must be. */
export const unitTypeForRole: Record<Role, UnitType> = {
  admin: 'hmpps',
  national_lead: 'hmpps',
  region_lead: 'region',
  head_of_operations: 'pdu',
  inspector: 'inspectorate',
};

/** An API client acts with the role that belongs to its unit. */
export const roleForClientUnit: Record<UnitType, Role> = {
  hmpps: 'national_lead',
  region: 'region_lead',
  pdu: 'head_of_operations',
  inspectorate: 'inspector',
};

export interface ReadScope {
  /** Only this region's data, or every region when null. */
  regionId: string | null;
  /** Live plan data (drafts, measures, actions) is visible. */
  livePlan: boolean;
  /** Only inspections of these kinds (and their recommendations and plans), or every kind. */
  kinds: readonly InspectionKind[] | null;
}

const regionalRoles: Role[] = ['region_lead', 'head_of_operations'];

export function readScopeOf(actor: Actor): ReadScope {
  return {
    regionId: regionalRoles.includes(actor.role) ? actor.regionId : null,
    livePlan: actor.role !== 'inspector',
    kinds: actor.role === 'inspector' ? inspectorateKinds : null,
  };
}

export function canSeeRegion(actor: Actor, regionId: string): boolean {
  const scope = readScopeOf(actor);
  return scope.regionId === null || scope.regionId === regionId;
}

export function canSeeLivePlanData(actor: Actor, regionId: string): boolean {
  return readScopeOf(actor).livePlan && canSeeRegion(actor, regionId);
}

/** An inspection, its letter and its recommendations' text. */
export function canSeeInspection(
  actor: Actor,
  inspection: { regionId: string; kind: InspectionKind },
): boolean {
  const kinds = readScopeOf(actor).kinds;
  return canSeeRegion(actor, inspection.regionId) && (!kinds || kinds.includes(inspection.kind));
}

/** What the policy needs to know about a plan: its region, stage and who reviews it. */
export interface PlanSubject {
  regionId: string;
  status: PlanStatus;
  inspectionKind: InspectionKind;
  /** HMPPS kinds: the person named to review it. */
  reviewerId: string | null;
}

/** A plan's header (its status and versions); inspectors see plans once submitted. */
export function canSeePlan(
  actor: Actor,
  plan: Pick<PlanSubject, 'regionId' | 'status' | 'inspectionKind'>,
): boolean {
  if (!canSeeInspection(actor, { regionId: plan.regionId, kind: plan.inspectionKind }))
    return false;
  return actor.role !== 'inspector' || plan.status !== 'draft';
}

export function canManageAccounts(actor: Actor): boolean {
  return actor.role === 'admin' && actor.kind === 'user';
}

/** Administrators read the whole trail; region leads read their region's. */
export function auditScopeOf(actor: Actor): { regionId: string | null } | null {
  if (actor.role === 'admin') return { regionId: null };
  if (actor.role === 'region_lead' && actor.regionId) return { regionId: actor.regionId };
  return null;
}

/** What the policy needs to know about an action and its recommendation. */
export interface ActionSubject {
  regionId: string;
  owningUnitId: string;
  owningUnitType: UnitType;
  recommendationOwnerLevel: 'pdu' | 'region' | 'hmpps';
}

/**
 * The lead for an action: the national lead for HMPPS work (an HMPPS recommendation or an
 * HMPPS-owned action), otherwise the region lead of its region.
 */
export function isLeadFor(actor: Actor, subject: ActionSubject): boolean {
  if (!actor.canWrite) return false;
  const national =
    subject.recommendationOwnerLevel === 'hmpps' || subject.owningUnitType === 'hmpps';
  if (national) return actor.role === 'national_lead';
  return actor.role === 'region_lead' && actor.regionId === subject.regionId;
}

/**
 * Who may change an action: its lead, a region lead for any action of their region's that is
 * not HMPPS-owned, and a head of operations for what their PDU owns.
 */
export function canChangeAction(actor: Actor, subject: ActionSubject): boolean {
  if (!actor.canWrite || !canSeeLivePlanData(actor, subject.regionId)) return false;
  if (isLeadFor(actor, subject)) return true;
  if (actor.role === 'region_lead')
    return actor.regionId === subject.regionId && subject.owningUnitType !== 'hmpps';
  if (actor.role === 'head_of_operations') return subject.owningUnitId === actor.unit.id;
  return false;
}

/** Who may respond to a recommendation, close it and reopen it. */
export function isLeadForRecommendation(
  actor: Actor,
  recommendation: { regionId: string; ownerLevel: 'pdu' | 'region' | 'hmpps' },
): boolean {
  if (!actor.canWrite) return false;
  if (recommendation.ownerLevel === 'hmpps') return actor.role === 'national_lead';
  return actor.role === 'region_lead' && actor.regionId === recommendation.regionId;
}

/**
 * Who may add actions to a recommendation: its lead, a region lead anywhere in their region,
 * and a head of operations on their own PDU's recommendations.
 */
export function canAddActionTo(
  actor: Actor,
  recommendation: {
    regionId: string;
    ownerLevel: 'pdu' | 'region' | 'hmpps';
    owningUnitId: string;
  },
): boolean {
  if (!actor.canWrite || !canSeeLivePlanData(actor, recommendation.regionId)) return false;
  if (isLeadForRecommendation(actor, recommendation)) return true;
  if (actor.role === 'region_lead') return actor.regionId === recommendation.regionId;
  if (actor.role === 'head_of_operations') return recommendation.owningUnitId === actor.unit.id;
  return false;
}

/**
 * Who may ask the national lead for the HMPPS answers a plan waits on: the region lead of the
 * plan's region (the national lead answers; the region lead cannot).
 */
export function canAskNationalLead(actor: Actor, plan: { regionId: string }): boolean {
  return actor.canWrite && actor.role === 'region_lead' && actor.regionId === plan.regionId;
}

/**
 * Who may correct a recommendation's themes and owning unit: its lead, and administrators
 * (who fix what an import got wrong).
 */
export function canCorrectRecommendation(
  actor: Actor,
  recommendation: { regionId: string; ownerLevel: 'pdu' | 'region' | 'hmpps' },
): boolean {
  return (
    isLeadForRecommendation(actor, recommendation) || (actor.role === 'admin' && actor.canWrite)
  );
}

/**
 * Who may link a recommendation to another (and remove its links): its lead, and
 * administrators, who keep letters in order across regions.
 */
export function canLinkRecommendation(
  actor: Actor,
  recommendation: { regionId: string; ownerLevel: 'pdu' | 'region' | 'hmpps' },
): boolean {
  return (
    isLeadForRecommendation(actor, recommendation) || (actor.role === 'admin' && actor.canWrite)
  );
}

/**
 * Which recommendations a link may show, and be made to: those of the regions the caller sees,
 * and HMPPS-owned ones anywhere (national work is everyone's to see, so a region can follow
 * the one national recommendation its own letter repeats).
 */
export function canSeeLinkedRecommendation(
  actor: Actor,
  recommendation: {
    regionId: string;
    ownerLevel: 'pdu' | 'region' | 'hmpps';
    inspectionKind: InspectionKind;
  },
): boolean {
  const kinds = readScopeOf(actor).kinds;
  if (kinds && !kinds.includes(recommendation.inspectionKind)) return false;
  return recommendation.ownerLevel === 'hmpps' || canSeeRegion(actor, recommendation.regionId);
}

/**
 * Who may choose the unit that owns an action they add or change, or move it to another: not a
 * head of operations, whose actions stay with their own PDU.
 */
export function canChooseActionUnit(actor: Actor): boolean {
  return actor.role !== 'head_of_operations';
}

/**
 * The unit whose actions the caller may add, where they are held to one (`canChooseActionUnit`
 * false: a head of operations' own PDU). Null: any unit the recommendation allows.
 */
export function ownUnitForNewActions(actor: Actor): string | null {
  return canChooseActionUnit(actor) ? null : actor.unit.id;
}

/** Who may submit a plan (and send its progress reports): the region lead of its region. */
export function canSubmitPlan(actor: Actor, plan: { regionId: string }): boolean {
  return actor.canWrite && actor.role === 'region_lead' && actor.regionId === plan.regionId;
}

/**
 * Who is offered the actions import of a plan: the people who change its actions (its region
 * lead, heads of operations, national leads). The import itself decides each row by
 * `actionAccess`, so a head of operations' rows for another PDU are refused there.
 */
export function canImportActions(actor: Actor, plan: { regionId: string }): boolean {
  if (!actor.canWrite || !canSeeLivePlanData(actor, plan.regionId)) return false;
  if (actor.role === 'region_lead') return actor.regionId === plan.regionId;
  return actor.role === 'head_of_operations' || actor.role === 'national_lead';
}

/** Who reviews a plan's versions: the inspectorate for its kinds, the named reviewer for HMPPS kinds. */
export function canReviewPlan(
  actor: Actor,
  plan: Pick<PlanSubject, 'inspectionKind' | 'reviewerId'>,
): boolean {
  if (!actor.canWrite) return false;
  if (isInspectorateKind(plan.inspectionKind)) return actor.role === 'inspector';
  return actor.kind === 'user' && actor.id === plan.reviewerId;
}

/** Who may review this version: its plan's reviewer, unless they sent the version themselves. */
export function canReviewVersion(
  actor: Actor,
  plan: Pick<PlanSubject, 'inspectionKind' | 'reviewerId'>,
  version: { submittedById: string | null },
): boolean {
  const sentIt = actor.kind === 'user' && actor.id === version.submittedById;
  return canReviewPlan(actor, plan) && !sentIt;
}

/**
 * Who may take part in a review thread: its reviewer (the inspectorate, or the named HMPPS
 * reviewer), the region's people and national leads.
 */
export function canTakePartInReview(
  actor: Actor,
  plan: Pick<PlanSubject, 'regionId' | 'inspectionKind' | 'reviewerId'>,
): boolean {
  if (!actor.canWrite) return false;
  if (canReviewPlan(actor, plan) || actor.role === 'national_lead') return true;
  return (
    (actor.role === 'region_lead' || actor.role === 'head_of_operations') &&
    actor.regionId === plan.regionId
  );
}

/** Who is shown how the service runs (commit, Node, database) beside its release. */
export function canSeeBuildDetails(actor: Actor | null): boolean {
  return actor?.role === 'admin';
}

/**
 * The policy's one answer about a subject the caller asks to change: hidden from them (404),
 * theirs to read but not change (403), or theirs to change.
 */
export type Access = 'hidden' | 'read' | 'change';

function accessOf(visible: boolean, mayChange: boolean): Access {
  if (!visible) return 'hidden';
  return mayChange ? 'change' : 'read';
}

/** An action (and its progress updates and evidence): live data, changed by `canChangeAction`. */
export function actionAccess(actor: Actor, action: ActionSubject): Access {
  return accessOf(canSeeLivePlanData(actor, action.regionId), canChangeAction(actor, action));
}

/** The work under a recommendation (new actions, its outcome measures): `canAddActionTo`. */
export function recommendationWorkAccess(
  actor: Actor,
  recommendation: {
    regionId: string;
    ownerLevel: 'pdu' | 'region' | 'hmpps';
    owningUnitId: string;
  },
): Access {
  return accessOf(
    canSeeLivePlanData(actor, recommendation.regionId),
    canAddActionTo(actor, recommendation),
  );
}

/**
 * A recommendation's links, by the recommendation they are from: seen by anyone in its region
 * (inspectors too), made and removed by `canLinkRecommendation`.
 */
export function recommendationLinkAccess(
  actor: Actor,
  from: {
    regionId: string;
    ownerLevel: 'pdu' | 'region' | 'hmpps';
    inspectionKind: InspectionKind;
  },
): Access {
  return accessOf(
    canSeeInspection(actor, { regionId: from.regionId, kind: from.inspectionKind }),
    canLinkRecommendation(actor, from),
  );
}

/**
 * A recommendation's lead powers (respond, close, reopen; with `correction`, correcting it):
 * its letter text is seen by anyone in its region, inspectors too.
 */
export function recommendationLeadAccess(
  actor: Actor,
  recommendation: {
    regionId: string;
    ownerLevel: 'pdu' | 'region' | 'hmpps';
    inspectionKind: InspectionKind;
  },
  options: { correction?: boolean } = {},
): Access {
  return accessOf(
    canSeeInspection(actor, {
      regionId: recommendation.regionId,
      kind: recommendation.inspectionKind,
    }),
    options.correction
      ? canCorrectRecommendation(actor, recommendation)
      : isLeadForRecommendation(actor, recommendation),
  );
}
