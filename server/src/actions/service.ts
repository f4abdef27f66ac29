import type { Action, CreateActionRequest, UpdateActionRequest } from '@tracker/shared';
import { and, count, eq, inArray, isNull } from 'drizzle-orm';

import { type AuditEvent, recordAudit } from '../audit/record';
import { type Actor, auditActor } from '../auth/actor';
import { hidden, requireChange } from '../auth/hidden';
import {
  type ActionSubject,
  actionAccess,
  canChooseActionUnit,
  canSeeLivePlanData,
  isLeadFor,
  ownUnitForNewActions,
  recommendationWorkAccess,
} from '../auth/policy';
import type { WriteContext } from '../auth/context';
import type { Db } from '../db/client';
import { actionDependencies, actionDueDateChanges, actions } from '../db/schema/actions';
import { evidence, evidenceFiles } from '../db/schema/evidence';
import { inspections } from '../db/schema/inspections';
import { orgUnits } from '../db/schema/org-units';
import { recommendations } from '../db/schema/recommendations';
import { users } from '../db/schema/users';
import { stale } from '../http/etag';
import { HttpProblem, badRequest, notFound } from '../http/errors';
import { type Notice, notify } from '../notifications/notify';
import { regionOfUnit } from '../org-units/queries';
import { refreshRecommendationStatus } from '../recommendations/status';
import { type ActionRow, type RagSettings, findActionRow, subjectOf } from './queries';
import { readAction } from './reads';
import { type OwnerFacts, type OwningUnitFacts, mayOwnActionOf } from './owners';
import { checkStatusChange } from './status-rules';

export interface ActionContext extends WriteContext {
  rag: RagSettings;
}

/** A change's context with the RAG settings at its time (the action it answers with is rated). */
export function withRag(context: WriteContext, dueSoonDays: number): ActionContext {
  return { ...context, rag: { now: context.now, dueSoonDays } };
}

const forbidden = (detail: string) => new HttpProblem(403, 'Forbidden', detail);

/** What the rules on an action need of its recommendation. */
function selectRecommendations(tx: Db) {
  return tx
    .select({
      id: recommendations.id,
      inspectionId: recommendations.inspectionId,
      ownerLevel: recommendations.ownerLevel,
      owningUnitId: recommendations.owningUnitId,
      regionId: inspections.regionId,
    })
    .from(recommendations)
    .innerJoin(inspections, eq(inspections.id, recommendations.inspectionId));
}

async function recommendationFor(tx: Db, recommendationId: string) {
  const [row] = await selectRecommendations(tx).where(eq(recommendations.id, recommendationId));
  return row;
}

/** Every recommendation of an inspection, as the rules on its actions need them (an import). */
export function recommendationsOf(tx: Db, inspectionId: string) {
  return selectRecommendations(tx).where(eq(recommendations.inspectionId, inspectionId));
}

export type RecommendationForAction = NonNullable<Awaited<ReturnType<typeof recommendationFor>>>;

/**
 * What the rules on a change read from the database. An edit in the app reads each fact as a
 * rule needs it; an import reads them for all its rows in a few queries and hands them over,
 * so both run the same rules in the same order.
 */
export interface RuleFacts {
  regionPdus(regionId: string): Promise<string[]>;
  /** Undefined when there is no such active person. */
  activeOwner(ownerId: string): Promise<OwnerFacts | undefined>;
  evidenceCount(actionId: string): Promise<number>;
}

/** The PDUs of a region. */
export async function regionPdusOf(tx: Db, regionId: string): Promise<string[]> {
  const pdus = await tx
    .select({ id: orgUnits.id })
    .from(orgUnits)
    // A retired PDU keeps the work it has but is given none.
    .where(and(eq(orgUnits.parentId, regionId), isNull(orgUnits.retiredAt)));
  return pdus.map((pdu) => pdu.id);
}

/** Active people among these ids, by id. */
export async function activeOwners(tx: Db, ownerIds: string[]): Promise<Map<string, OwnerFacts>> {
  const owners = await tx
    .select({ id: users.id, role: users.role, unitId: users.unitId, type: orgUnits.type })
    .from(users)
    .innerJoin(orgUnits, eq(orgUnits.id, users.unitId))
    .where(and(inArray(users.id, ownerIds), isNull(users.disabledAt)));
  const regionOf = new Map<string, string | null>();
  for (const unitId of new Set(owners.map((owner) => owner.unitId)))
    regionOf.set(unitId, await regionOfUnit(tx, unitId));
  return new Map(
    owners.map((owner) => [
      owner.id,
      { role: owner.role, type: owner.type, regionId: regionOf.get(owner.unitId)! },
    ]),
  );
}

/** Evidence not removed, by action (actions without any are left out). */
export async function evidenceCounts(tx: Db, actionIds: string[]): Promise<Map<string, number>> {
  const counts = await tx
    .select({ actionId: evidence.actionId, total: count() })
    .from(evidence)
    .where(and(inArray(evidence.actionId, actionIds), isNull(evidence.removedAt)))
    .groupBy(evidence.actionId);
  return new Map(counts.map((row) => [row.actionId, row.total]));
}

/** The facts of one edit, each read when a rule first needs it. */
function factsFrom(tx: Db): RuleFacts {
  return {
    regionPdus: (regionId) => regionPdusOf(tx, regionId),
    activeOwner: async (ownerId) => (await activeOwners(tx, [ownerId])).get(ownerId),
    evidenceCount: async (actionId) => (await evidenceCounts(tx, [actionId])).get(actionId) ?? 0,
  };
}

/**
 * A PDU recommendation's actions belong to that PDU or the region; a region's to the region or
 * one of its PDUs; an HMPPS recommendation's to HMPPS or the region.
 */
async function checkOwningUnit(
  facts: RuleFacts,
  recommendation: RecommendationForAction,
  owningUnitId: string,
) {
  const allowed = {
    pdu: async () => [recommendation.owningUnitId, recommendation.regionId],
    region: async () => [
      recommendation.regionId,
      ...(await facts.regionPdus(recommendation.regionId)),
    ],
    hmpps: async () => [recommendation.owningUnitId, recommendation.regionId],
  }[recommendation.ownerLevel];
  if (!(await allowed()).includes(owningUnitId)) {
    throw badRequest('That unit may not own actions of this recommendation.', [
      {
        path: 'owningUnitId',
        message: `must be one of the units that may own a ${recommendation.ownerLevel} recommendation's actions`,
      },
    ]);
  }
}

/**
 * An action cannot be due before it starts. An edit that moves one date is checked against the
 * other as stored; the error names the date the caller sent (the due date when both).
 */
function checkDates(
  dates: { startDate: string | null; dueDate: string | null },
  sent: { startDate?: unknown; dueDate?: unknown },
) {
  const { startDate, dueDate } = dates;
  if (startDate === null || dueDate === null || dueDate >= startDate) return;
  const path = sent.dueDate !== undefined ? 'dueDate' : 'startDate';
  throw badRequest('An action cannot be due before it starts.', [
    {
      path,
      message:
        path === 'dueDate'
          ? `must be on or after the start date (${startDate})`
          : `must be on or before the due date (${dueDate})`,
    },
  ]);
}

/** An owner is an active person who delivers work where the action is delivered. */
async function checkOwner(facts: RuleFacts, ownerId: string, unit: OwningUnitFacts) {
  const owner = await facts.activeOwner(ownerId);
  if (!owner || !mayOwnActionOf(owner, unit)) {
    throw badRequest(
      unit.atHmpps
        ? 'An HMPPS action is owned by an active person at HMPPS.'
        : "An action is owned by an active person in the action's region (not an administrator or inspector).",
      [{ path: 'ownerId', message: 'is not an active person who can own this action' }],
    );
  }
}

/** Where an action of this recommendation, owned by this unit, is delivered. */
function owningUnitFacts(
  recommendation: RecommendationForAction,
  owningUnitId: string,
): OwningUnitFacts {
  // Of the units that may own a recommendation's actions, only an HMPPS recommendation's own
  // unit is at HMPPS; the others are the region or its PDUs (see checkOwningUnit).
  const atHmpps =
    recommendation.ownerLevel === 'hmpps' && owningUnitId === recommendation.owningUnitId;
  return { atHmpps, regionId: recommendation.regionId };
}

/** Dependencies stay within one inspection's plan and never loop back. */
async function checkDependencies(
  tx: Db,
  actionId: string | null,
  inspectionId: string,
  dependsOn: string[],
) {
  if (dependsOn.length === 0) return;
  const invalid = () =>
    badRequest('An action can depend only on other actions of the same plan.', [
      { path: 'dependsOn', message: 'must list other actions of the same plan' },
    ]);
  if (actionId && dependsOn.includes(actionId)) throw invalid();
  const found = await tx
    .select({ id: actions.id })
    .from(actions)
    .innerJoin(recommendations, eq(recommendations.id, actions.recommendationId))
    .where(and(inArray(actions.id, dependsOn), eq(recommendations.inspectionId, inspectionId)));
  if (found.length !== new Set(dependsOn).size) throw invalid();
  if (!actionId) return;
  // Two edits checked side by side would each miss the other's new edge and could close a loop
  // between them, so the loop checks of one plan take turns on its inspection's row. Every
  // caller holds its action's lock already: the order is always action, then inspection.
  await tx
    .select({ id: inspections.id })
    .from(inspections)
    .where(eq(inspections.id, inspectionId))
    .for('no key update');
  const edges = await tx
    .select({ from: actionDependencies.actionId, to: actionDependencies.dependsOnActionId })
    .from(actionDependencies)
    .innerJoin(actions, eq(actions.id, actionDependencies.actionId))
    .innerJoin(recommendations, eq(recommendations.id, actions.recommendationId))
    .where(eq(recommendations.inspectionId, inspectionId));
  const next = new Map<string, string[]>();
  for (const edge of edges)
    if (edge.from !== actionId) next.set(edge.from, [...(next.get(edge.from) ?? []), edge.to]);
  next.set(actionId, dependsOn);
  const seen = new Set<string>();
  const stack = [...dependsOn];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (current === actionId) {
      throw badRequest('These dependencies would make a loop.', [
        { path: 'dependsOn', message: 'would make the action wait, through others, on itself' },
      ]);
    }
    if (seen.has(current)) continue;
    seen.add(current);
    stack.push(...(next.get(current) ?? []));
  }
}

async function replaceDependencies(tx: Db, actionId: string, dependsOn: string[]) {
  await tx.delete(actionDependencies).where(eq(actionDependencies.actionId, actionId));
  if (dependsOn.length > 0) {
    await tx
      .insert(actionDependencies)
      .values([...new Set(dependsOn)].map((id) => ({ actionId, dependsOnActionId: id })));
  }
}

/** What the person an action is handed to is told. */
export function newOwnerNotice(actionId: string, title: string, context: WriteContext): Notice {
  return {
    kind: 'action_assigned',
    message: `${context.actor.name} made you the owner of "${title}".`,
    link: `/actions/${actionId}`,
  };
}

/** The person an action is handed to hears of it (unless they took it themselves). */
export async function tellNewOwner(
  tx: Db,
  ownerId: string,
  actionId: string,
  title: string,
  context: WriteContext,
) {
  await notify(tx, [ownerId], newOwnerNotice(actionId, title, context), {
    now: context.now,
    except: context.actor.id,
  });
}

/**
 * The rules on a new action, before it is written: who may add it to the recommendation, its
 * dates, its unit and its owner. Dependencies are checked by the caller, after these.
 */
export async function checkNewAction(
  actor: Actor,
  recommendation: RecommendationForAction,
  input: CreateActionRequest,
  facts: RuleFacts,
): Promise<void> {
  requireChange(
    recommendationWorkAccess(actor, recommendation),
    { what: 'Recommendation', id: recommendation.id },
    'You may not add actions to this recommendation.',
  );
  checkDates({ startDate: input.startDate ?? null, dueDate: input.dueDate ?? null }, input);
  await checkOwningUnit(facts, recommendation, input.owningUnitId);
  const ownUnit = ownUnitForNewActions(actor);
  if (ownUnit && input.owningUnitId !== ownUnit) {
    throw badRequest('A head of operations adds actions owned by their own PDU.', [
      { path: 'owningUnitId', message: 'must be your own PDU' },
    ]);
  }
  if (input.ownerId)
    await checkOwner(facts, input.ownerId, owningUnitFacts(recommendation, input.owningUnitId));
}

/** The row a new action is written as. */
export function newActionRow(
  recommendationId: string,
  input: CreateActionRequest,
  context: WriteContext,
): typeof actions.$inferInsert {
  const actor = context.actor;
  return {
    recommendationId,
    title: input.title,
    description: input.description ?? null,
    owningUnitId: input.owningUnitId,
    ownerId: input.ownerId ?? null,
    ownerRole: input.ownerRole ?? null,
    startDate: input.startDate ?? null,
    dueDate: input.dueDate ?? null,
    originalDueDate: input.dueDate ?? null,
    successMeasure: input.successMeasure ?? null,
    createdById: actor.kind === 'user' ? actor.id : null,
    createdAt: context.now,
    updatedAt: context.now,
  };
}

/** The audit event of a new action. */
export function createdAudit(
  id: string,
  regionId: string,
  input: CreateActionRequest,
  context: WriteContext,
): AuditEvent {
  return {
    ...auditActor(context.actor),
    action: 'action.created',
    subjectType: 'action',
    subjectId: id,
    regionId,
    requestId: context.requestId,
    after: input,
  };
}

export async function createAction(
  db: Db,
  recommendationId: string,
  input: CreateActionRequest,
  context: ActionContext,
): Promise<Action> {
  return db.transaction(async (tx) => {
    const recommendation = await recommendationFor(tx, recommendationId);
    if (!recommendation) throw notFound('Recommendation', recommendationId);
    await checkNewAction(context.actor, recommendation, input, factsFrom(tx));
    await checkDependencies(tx, null, recommendation.inspectionId, input.dependsOn ?? []);
    const [created] = await tx
      .insert(actions)
      .values(newActionRow(recommendationId, input, context))
      .returning({ id: actions.id });
    await replaceDependencies(tx, created!.id, input.dependsOn ?? []);
    await refreshRecommendationStatus(tx, recommendationId, context.now);
    if (input.ownerId) await tellNewOwner(tx, input.ownerId, created!.id, input.title, context);
    await recordAudit(tx, createdAudit(created!.id, recommendation.regionId, input, context));
    return (await readAction(tx, created!.id, context.rag, context.actor))!.action;
  });
}

/** Loads an action for reading it or its parts, answering 404 outside the caller's sight. */
export async function actionForReading(db: Db, actor: Actor, id: string): Promise<ActionRow> {
  const row = await findActionRow(db, id);
  if (!row) throw notFound('Action', id);
  if (actionAccess(actor, subjectOf(row)) === 'hidden') throw hidden('Action', id);
  return row;
}

/** One action as the API shows it, answering 404 to those outside its region as if it did not exist. */
export async function readableAction(
  db: Db,
  actor: Actor,
  id: string,
  rag: RagSettings,
): Promise<Action> {
  const found = await readAction(db, id, rag, actor);
  if (!found) throw notFound('Action', id);
  if (!canSeeLivePlanData(actor, found.regionId)) throw hidden('Action', id);
  return found.action;
}

/**
 * Loads an action for a change, locked until the change commits (so rules read here, evidence
 * and revision, cannot shift underneath it): 404 outside the caller's sight, 403 where they may
 * only look. `asked` names what the request asked for where that is not the action itself
 * (evidence being removed).
 */
export async function actionForChange(
  tx: Db,
  id: string,
  context: ActionContext,
  asked: { what: string; id: string } = { what: 'Action', id },
): Promise<ActionRow> {
  const row = await findActionRow(tx, id, { forUpdate: true });
  if (!row) throw notFound('Action', id);
  checkMayChange(context.actor, subjectOf(row), asked);
  return row;
}

/** Hidden (404) from those outside the action's region; 403 to those who may only look. */
export function checkMayChange(
  actor: Actor,
  subject: ActionSubject,
  asked: { what: string; id: string },
): void {
  requireChange(
    actionAccess(actor, subject),
    asked,
    'You may look at this action but not change it.',
  );
}

type StoredAction = typeof actions.$inferSelect;

/**
 * The rules on an edit of an action as it stands (`before`), once the actor may change it:
 * what only some may do (403), the unit, owner, dates, status and due-date reason. Dependencies
 * are checked by the caller, after these.
 */
export async function checkActionUpdate(
  actor: Actor,
  before: StoredAction,
  subject: ActionSubject,
  recommendation: RecommendationForAction,
  input: UpdateActionRequest,
  facts: RuleFacts,
): Promise<void> {
  const lead = isLeadFor(actor, subject);
  const moves = input.owningUnitId !== undefined && input.owningUnitId !== before.owningUnitId;
  // What the caller may see but not do is a 403 (the contract), before any check of the input.
  if (moves && !canChooseActionUnit(actor))
    throw forbidden('A head of operations cannot move an action to another unit.');
  if (input.ragOverride !== undefined && !lead)
    throw forbidden('Only the lead for this action may override its RAG rating.');
  if (moves) await checkOwningUnit(facts, recommendation, input.owningUnitId!);
  if (input.ownerId) {
    const owningUnitId = input.owningUnitId ?? before.owningUnitId;
    await checkOwner(facts, input.ownerId, owningUnitFacts(recommendation, owningUnitId));
  }
  if (input.startDate !== undefined || input.dueDate !== undefined) {
    checkDates(
      {
        startDate: input.startDate === undefined ? before.startDate : input.startDate,
        dueDate: input.dueDate ?? before.dueDate,
      },
      input,
    );
  }
  checkStatusChange({
    from: before.status,
    to: input.status ?? before.status,
    reason: input.statusReason,
    evidenceCount: await facts.evidenceCount(before.id),
    isLead: lead,
  });
  if (dueDateMoves(input, before) && !input.dueDateChangeReason) {
    throw badRequest('Say why the due date moves.', [
      { path: 'dueDateChangeReason', message: 'is required to change an agreed due date' },
    ]);
  }
}

/** An agreed due date moves: the move needs a reason and is kept in the history. */
function dueDateMoves(input: UpdateActionRequest, before: StoredAction): boolean {
  return input.dueDate !== undefined && input.dueDate !== before.dueDate && before.dueDate !== null;
}

/** The columns an edit sets (undefined: left as it is), with the next revision. */
export function actionChanges(input: UpdateActionRequest, before: StoredAction, now: Date) {
  const status = input.status ?? before.status;
  return {
    title: input.title,
    description: input.description,
    owningUnitId: input.owningUnitId,
    ownerId: input.ownerId,
    ownerRole: input.ownerRole,
    startDate: input.startDate,
    dueDate: input.dueDate,
    originalDueDate: before.originalDueDate ?? input.dueDate,
    successMeasure: input.successMeasure,
    status: input.status,
    cancelReason: status === 'cancelled' ? (input.statusReason ?? before.cancelReason) : null,
    percentComplete:
      status === 'complete' || status === 'verified_closed' ? 100 : input.percentComplete,
    ragOverride: input.ragOverride === undefined ? undefined : (input.ragOverride?.rating ?? null),
    ragOverrideReason:
      input.ragOverride === undefined ? undefined : (input.ragOverride?.reason ?? null),
    revision: before.revision + 1,
    updatedAt: now,
  } satisfies Partial<StoredAction>;
}

/** The history row of an edit that moves an agreed due date; null when it does not. */
export function dueDateChangeOf(
  input: UpdateActionRequest,
  before: StoredAction,
  context: WriteContext,
): typeof actionDueDateChanges.$inferInsert | null {
  if (!dueDateMoves(input, before)) return null;
  const actor = context.actor;
  return {
    actionId: before.id,
    fromDate: before.dueDate,
    toDate: input.dueDate!,
    reason: input.dueDateChangeReason!,
    changedById: actor.kind === 'user' ? actor.id : null,
    createdAt: context.now,
  };
}

/** The audit event of an edit: each field sent, before and after. */
export function updatedAudit(
  before: StoredAction,
  regionId: string,
  input: UpdateActionRequest,
  context: WriteContext,
): AuditEvent {
  return {
    ...auditActor(context.actor),
    action: 'action.updated',
    subjectType: 'action',
    subjectId: before.id,
    regionId,
    requestId: context.requestId,
    before: Object.fromEntries(
      Object.keys(input).map((key) => [key, (before as Record<string, unknown>)[key] ?? null]),
    ),
    after: input,
  };
}

export async function updateAction(
  db: Db,
  id: string,
  input: UpdateActionRequest,
  /** Reads If-Match; asked only once the caller is known to be allowed, so outsiders learn nothing. */
  expectedRevision: () => number,
  context: ActionContext,
): Promise<Action> {
  const actor = context.actor;
  return db.transaction(async (tx) => {
    const row = await actionForChange(tx, id, context);
    const before = row.action;
    const revision = expectedRevision();
    if (before.revision !== revision) throw stale();
    const subject = subjectOf(row);
    const recommendation = (await recommendationFor(tx, before.recommendationId))!;
    await checkActionUpdate(actor, before, subject, recommendation, input, factsFrom(tx));
    if (input.dependsOn)
      await checkDependencies(tx, id, recommendation.inspectionId, input.dependsOn);

    // Compare-and-set on the revision: of two edits based on the same read, one wins.
    const updated = await tx
      .update(actions)
      .set(actionChanges(input, before, context.now))
      .where(and(eq(actions.id, id), eq(actions.revision, revision)))
      .returning({ id: actions.id });
    if (updated.length === 0) throw stale();

    const dueDateChange = dueDateChangeOf(input, before, context);
    if (dueDateChange) await tx.insert(actionDueDateChanges).values(dueDateChange);
    if (input.dependsOn) await replaceDependencies(tx, id, input.dependsOn);
    await refreshRecommendationStatus(tx, before.recommendationId, context.now);
    if (input.ownerId && input.ownerId !== before.ownerId)
      await tellNewOwner(tx, input.ownerId, id, input.title ?? before.title, context);
    await recordAudit(tx, updatedAudit(before, subject.regionId, input, context));
    return (await readAction(tx, id, context.rag, context.actor))!.action;
  });
}

/**
 * Deletes a draft action with everything hanging off it. An action that has been in a
 * submitted version is on the record: it is cancelled instead, never deleted.
 */
export async function deleteAction(
  db: Db,
  id: string,
  expectedRevision: () => number,
  context: ActionContext,
): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await actionForChange(tx, id, context);
    const revision = expectedRevision();
    if (row.action.revision !== revision) throw stale();
    if (row.action.firstSubmittedAt) {
      throw new HttpProblem(
        409,
        'Conflict',
        'This action has been sent to the inspectorate, so it stays on the record: cancel it instead, with a reason.',
      );
    }
    const files = await tx
      .select({ fileId: evidence.fileId })
      .from(evidence)
      .where(eq(evidence.actionId, id));
    await tx.delete(actions).where(and(eq(actions.id, id), eq(actions.revision, revision)));
    const fileIds = files
      .map((file) => file.fileId)
      .filter((fileId): fileId is string => fileId !== null);
    if (fileIds.length > 0)
      await tx.delete(evidenceFiles).where(inArray(evidenceFiles.id, fileIds));
    await refreshRecommendationStatus(tx, row.action.recommendationId, context.now);
    await recordAudit(tx, {
      ...auditActor(context.actor),
      action: 'action.deleted',
      subjectType: 'action',
      subjectId: id,
      regionId: row.regionId,
      requestId: context.requestId,
      before: row.action,
    });
  });
}
