import type { ActionStatus, PlanStatus, ReviewDecision, VersionKind } from '@tracker/shared';

/*
 * The model of one action plan's life that plan-life.model.test.ts checks the server against.
 * It is written from the rules in words (README "Who may do what", the contract's error rules,
 * ADR 006), not from the server's code, so the two can disagree.
 */

/** The people who act: the demo accounts, by role. */
export const roleNames = [
  'regionLead',
  'hooWigan',
  'hooTameside',
  'nationalLead',
  'inspector',
  'admin',
] as const;
export type RoleName = (typeof roleNames)[number];

/** The run's letter has one recommendation of each kind; the key names it and its owning unit. */
export const recommendationKeys = ['wigan', 'tameside', 'region', 'hmpps'] as const;
export type RecommendationKey = (typeof recommendationKeys)[number];

/** Units that may own actions here: the two PDUs, the region and HMPPS. */
export const unitKeys = ['wigan', 'tameside', 'region', 'hmpps'] as const;
export type UnitKey = (typeof unitKeys)[number];

/**
 * How the run's recommendations were answered: the two agreed ones need a live action before
 * the plan can be submitted; the other two need nothing (but may still carry actions).
 */
export const agreedRecommendations: readonly RecommendationKey[] = ['wigan', 'tameside'];

export interface ModelEvidence {
  id: string;
  removed: boolean;
}

export interface ModelAction {
  id: string;
  recommendation: RecommendationKey;
  unit: UnitKey;
  title: string;
  dueDate: string;
  status: ActionStatus;
  revision: number;
  evidence: ModelEvidence[];
  /** Sent to the inspectorate in some version: it can no longer be deleted. */
  submitted: boolean;
}

/** What a version records of an action. */
export interface ActionSnapshot {
  id: string;
  recommendation: RecommendationKey;
  title: string;
  dueDate: string;
  status: ActionStatus;
  evidence: number;
}

export interface ModelVersion {
  number: number;
  kind: VersionKind;
  note: string;
  decision: ReviewDecision | null;
  actions: ActionSnapshot[];
}

export interface ModelThread {
  id: string;
  messages: number;
}

export interface Model {
  status: PlanStatus;
  /** The plan's revision (its ETag): raised by every status change and submission. */
  revision: number;
  actions: ModelAction[];
  versions: ModelVersion[];
  threads: ModelThread[];
  /** The plan's timeline: what happened, to which version. */
  events: { kind: string; versionNumber: number | null }[];
  /** Successful submissions by Idempotency-Key, to replay. */
  submissions: { key: string; note: string; number: number }[];
  /** Rows the audit trail should hold (the whole table: the app is shared by every run). */
  auditRows: number;
  /** Titles are unique within a run so versions can be compared by eye in a failure. */
  nextTitle: number;
}

export function initialModel(revision: number, auditRows: number): Model {
  return {
    status: 'draft',
    revision,
    actions: [],
    versions: [],
    threads: [],
    events: [],
    submissions: [],
    auditRows,
    nextTitle: 1,
  };
}

/**
 * What the server must answer: the status, the audit row written under the request's id (if
 * any), and whether business data changes. Refusals the policy makes (403, and 404 for what
 * the caller may not see) are audited as `access.refused`; other refusals write nothing.
 */
export interface Outcome {
  status: number;
  audit: string | null;
  changes: boolean;
}

export const allowed = (status: number, audit: string): Outcome => ({
  status,
  audit,
  changes: true,
});
export const read = (): Outcome => ({ status: 200, audit: null, changes: false });
export const forbidden = (): Outcome => ({ status: 403, audit: 'access.refused', changes: false });
/** Outside the caller's sight: 404 as if it did not exist, but audited as a refusal. */
export const hidden = (): Outcome => ({ status: 404, audit: 'access.refused', changes: false });
export const refused = (status: number): Outcome => ({ status, audit: null, changes: false });

const ownPdu: Partial<Record<RoleName, UnitKey>> = { hooWigan: 'wigan', hooTameside: 'tameside' };

/** HMPPS work (an HMPPS recommendation or an HMPPS-owned action) is led nationally. */
function isNationalWork(action: Pick<ModelAction, 'recommendation' | 'unit'>): boolean {
  return action.recommendation === 'hmpps' || action.unit === 'hmpps';
}

/** The lead verifies and closes: the national lead for HMPPS work, else the region lead. */
export function isLead(role: RoleName, action: ModelAction): boolean {
  return isNationalWork(action) ? role === 'nationalLead' : role === 'regionLead';
}

/** Why `role` may not add an action to a recommendation, or null when they may. */
export function addActionRefusal(
  role: RoleName,
  recommendation: RecommendationKey,
): Outcome | null {
  if (role === 'inspector') return hidden(); // never sees live plan data
  if (role === 'admin') return forbidden();
  if (role === 'regionLead') return null; // anywhere in their region, HMPPS recommendations too
  if (role === 'nationalLead') return recommendation === 'hmpps' ? null : forbidden();
  return recommendation === ownPdu[role] ? null : forbidden();
}

/** Which units may own a recommendation's actions. */
const unitsFor: Record<RecommendationKey, readonly UnitKey[]> = {
  wigan: ['wigan', 'region'],
  tameside: ['tameside', 'region'],
  region: ['region', 'wigan', 'tameside'],
  hmpps: ['hmpps', 'region'],
};

/** A valid request naming a unit that may not own the action is a 400 (no audit). */
export function owningUnitRefusal(
  role: RoleName,
  recommendation: RecommendationKey,
  unit: UnitKey,
): Outcome | null {
  if (!unitsFor[recommendation].includes(unit)) return refused(400);
  const pdu = ownPdu[role];
  return pdu && unit !== pdu ? refused(400) : null;
}

/** Why `role` may not change an action (edit, progress, evidence), or null when they may. */
export function changeRefusal(role: RoleName, action: ModelAction): Outcome | null {
  if (role === 'inspector') return hidden();
  if (role === 'admin') return forbidden();
  if (role === 'regionLead') return action.unit === 'hmpps' ? forbidden() : null;
  if (role === 'nationalLead') return isNationalWork(action) ? null : forbidden();
  return action.unit === ownPdu[role] ? null : forbidden();
}

export function liveEvidence(action: ModelAction): number {
  return action.evidence.filter((item) => !item.removed).length;
}

const closedStatuses: readonly ActionStatus[] = ['verified_closed', 'cancelled'];
export const finishedStatuses: readonly ActionStatus[] = ['complete', 'verified_closed'];

/**
 * The status rules, by edit or progress update alike: complete needs evidence; only the lead
 * verifies and closes, and only what is complete; cancelling and reopening need a reason.
 */
export function statusRefusal(
  role: RoleName,
  action: ModelAction,
  to: ActionStatus,
  withReason: boolean,
): Outcome | null {
  const from = action.status;
  if (from === to) return null;
  if (to === 'complete' && liveEvidence(action) === 0) return refused(409);
  if (to === 'verified_closed' && !isLead(role, action)) return forbidden();
  if (to === 'verified_closed' && from !== 'complete') return refused(409);
  if (to === 'cancelled' && !withReason) return refused(400);
  if (closedStatuses.includes(from) && !withReason) return refused(400);
  return null;
}

/** Submittable when every agreed recommendation has an action that is not cancelled. */
export function isReady(model: Model): boolean {
  return agreedRecommendations.every((key) =>
    model.actions.some((action) => action.recommendation === key && action.status !== 'cancelled'),
  );
}

export function snapshotOf(model: Model): ActionSnapshot[] {
  return model.actions.map((action) => ({
    id: action.id,
    recommendation: action.recommendation,
    title: action.title,
    dueDate: action.dueDate,
    status: action.status,
    evidence: liveEvidence(action),
  }));
}

/** Picks one of a list by a generated number, so commands stay valid as the list grows. */
export function pick<Item>(items: readonly Item[], index: number): Item | undefined {
  return items.length === 0 ? undefined : items[index % items.length];
}
