import type { Action, CreateActionRequest, UpdateActionRequest } from '@tracker/shared';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';

import { recordAudit } from '../audit/record';
import { auditActor } from '../auth/actor';
import { HiddenError, hiddenFrom } from '../auth/hidden';
import { canAddActionTo, canChangeAction, canSeeLivePlanData, isLeadFor } from '../auth/policy';
import type { RequestContext } from '../auth/service';
import type { Db } from '../db/client';
import { actionDependencies, actionDueDateChanges, actions } from '../db/schema/actions';
import { evidence, evidenceFiles } from '../db/schema/evidence';
import { inspections } from '../db/schema/inspections';
import { orgUnits } from '../db/schema/org-units';
import { recommendations } from '../db/schema/recommendations';
import { users } from '../db/schema/users';
import { stale } from '../http/etag';
import { HttpProblem, badRequest, notFound } from '../http/errors';
import { notify } from '../notifications/notify';
import { regionOfUnit } from '../org-units/queries';
import { refreshRecommendationStatus } from '../recommendations/status';
import { type ActionRow, type RagSettings, findAction, findActionRow, subjectOf } from './queries';
import { checkStatusChange } from './status-rules';

export interface ActionContext extends RequestContext {
  rag: RagSettings;
}

const forbidden = (detail: string) => new HttpProblem(403, 'Forbidden', detail);

async function recommendationFor(tx: Db, recommendationId: string) {
  const [row] = await tx
    .select({
      id: recommendations.id,
      inspectionId: recommendations.inspectionId,
      ownerLevel: recommendations.ownerLevel,
      owningUnitId: recommendations.owningUnitId,
      regionId: inspections.regionId,
    })
    .from(recommendations)
    .innerJoin(inspections, eq(inspections.id, recommendations.inspectionId))
    .where(eq(recommendations.id, recommendationId));
  return row;
}

type RecommendationForAction = NonNullable<Awaited<ReturnType<typeof recommendationFor>>>;

/**
 * A PDU recommendation's actions belong to that PDU or the region; a region's to the region or
 * one of its PDUs; an HMPPS recommendation's to HMPPS or the region.
 */
async function checkOwningUnit(
  tx: Db,
  recommendation: RecommendationForAction,
  owningUnitId: string,
) {
  const regionPdus = await tx
    .select({ id: orgUnits.id })
    .from(orgUnits)
    .where(eq(orgUnits.parentId, recommendation.regionId));
  const allowed = {
    pdu: [recommendation.owningUnitId, recommendation.regionId],
    region: [recommendation.regionId, ...regionPdus.map((pdu) => pdu.id)],
    hmpps: [recommendation.owningUnitId, recommendation.regionId],
  }[recommendation.ownerLevel];
  if (!allowed.includes(owningUnitId)) {
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

/** An owner is an active person of the action's region, or of HMPPS. */
async function checkOwner(tx: Db, ownerId: string, regionId: string) {
  const [owner] = await tx
    .select({ unitId: users.unitId, type: orgUnits.type })
    .from(users)
    .innerJoin(orgUnits, eq(orgUnits.id, users.unitId))
    .where(and(eq(users.id, ownerId), isNull(users.disabledAt)));
  const ownerRegion = owner ? await regionOfUnit(tx, owner.unitId) : null;
  if (!owner || (owner.type !== 'hmpps' && ownerRegion !== regionId)) {
    throw badRequest('The owner must be an active person in this region or at HMPPS.', [
      { path: 'ownerId', message: 'is not an active person who can own this action' },
    ]);
  }
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

/** The person an action is handed to hears of it (unless they took it themselves). */
export async function tellNewOwner(
  tx: Db,
  ownerId: string,
  actionId: string,
  title: string,
  context: RequestContext,
) {
  await notify(
    tx,
    [ownerId],
    {
      kind: 'action_assigned',
      message: `${context.actor?.name ?? 'Someone'} made you the owner of "${title}".`,
      link: `/actions/${actionId}`,
    },
    { now: context.now, except: context.actor?.id },
  );
}

export async function createAction(
  db: Db,
  recommendationId: string,
  input: CreateActionRequest,
  context: ActionContext,
): Promise<Action> {
  const actor = context.actor!;
  return db.transaction(async (tx) => {
    const recommendation = await recommendationFor(tx, recommendationId);
    if (!recommendation) throw notFound('Recommendation', recommendationId);
    if (!canAddActionTo(actor, recommendation)) {
      if (
        actor.role === 'inspector' ||
        (actor.regionId && actor.regionId !== recommendation.regionId)
      )
        throw new HiddenError();
      throw forbidden('You may not add actions to this recommendation.');
    }
    checkDates({ startDate: input.startDate ?? null, dueDate: input.dueDate ?? null }, input);
    await checkOwningUnit(tx, recommendation, input.owningUnitId);
    if (actor.role === 'head_of_operations' && input.owningUnitId !== actor.unit.id) {
      throw badRequest('A head of operations adds actions owned by their own PDU.', [
        { path: 'owningUnitId', message: 'must be your own PDU' },
      ]);
    }
    if (input.ownerId) await checkOwner(tx, input.ownerId, recommendation.regionId);
    await checkDependencies(tx, null, recommendation.inspectionId, input.dependsOn ?? []);
    const [created] = await tx
      .insert(actions)
      .values({
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
      })
      .returning({ id: actions.id });
    await replaceDependencies(tx, created!.id, input.dependsOn ?? []);
    await refreshRecommendationStatus(tx, recommendationId, context.now);
    if (input.ownerId) await tellNewOwner(tx, input.ownerId, created!.id, input.title, context);
    await recordAudit(tx, {
      ...auditActor(actor),
      action: 'action.created',
      subjectType: 'action',
      subjectId: created!.id,
      regionId: recommendation.regionId,
      requestId: context.requestId,
      after: input,
    });
    return (await findAction(tx, created!.id, context.rag))!;
  });
}

/** Loads an action for reading it or its parts, answering 404 outside the caller's sight. */
export async function actionForReading(
  db: Db,
  request: FastifyRequest,
  id: string,
): Promise<ActionRow> {
  const row = await findActionRow(db, id);
  if (!row) throw notFound('Action', id);
  if (!canSeeLivePlanData(request.actor!, row.regionId)) throw hiddenFrom(request, 'Action', id);
  return row;
}

/** Loads an action for a change, answering 404 outside the caller's sight and 403 where they may only look. */
export async function actionForChange(
  tx: Db,
  id: string,
  context: ActionContext,
): Promise<ActionRow> {
  // Locked until the change commits, so rules read here (evidence, revision) cannot shift underneath it.
  const row = await findActionRow(tx, id, { forUpdate: true });
  if (!row) throw notFound('Action', id);
  const actor = context.actor!;
  const subject = subjectOf(row);
  if (actor.role === 'inspector' || (actor.regionId && actor.regionId !== subject.regionId))
    throw new HiddenError();
  if (!canChangeAction(actor, subject))
    throw forbidden('You may look at this action but not change it.');
  return row;
}

async function evidenceCountOf(tx: Db, actionId: string): Promise<number> {
  return tx.$count(evidence, and(eq(evidence.actionId, actionId), isNull(evidence.removedAt)));
}

export async function updateAction(
  db: Db,
  id: string,
  input: UpdateActionRequest,
  /** Reads If-Match; asked only once the caller is known to be allowed, so outsiders learn nothing. */
  expectedRevision: () => number,
  context: ActionContext,
): Promise<Action> {
  const actor = context.actor!;
  return db.transaction(async (tx) => {
    const row = await actionForChange(tx, id, context);
    const before = row.action;
    const revision = expectedRevision();
    if (before.revision !== revision) throw stale();
    const subject = subjectOf(row);
    const lead = isLeadFor(actor, subject);
    const recommendation = (await recommendationFor(tx, before.recommendationId))!;

    const moves = input.owningUnitId !== undefined && input.owningUnitId !== before.owningUnitId;
    // What the caller may see but not do is a 403 (the contract), before any check of the input.
    if (moves && actor.role === 'head_of_operations')
      throw forbidden('A head of operations cannot move an action to another unit.');
    if (input.ragOverride !== undefined && !lead)
      throw forbidden('Only the lead for this action may override its RAG rating.');
    if (moves) await checkOwningUnit(tx, recommendation, input.owningUnitId!);
    if (input.ownerId) await checkOwner(tx, input.ownerId, subject.regionId);
    if (input.startDate !== undefined || input.dueDate !== undefined) {
      checkDates(
        {
          startDate: input.startDate === undefined ? before.startDate : input.startDate,
          dueDate: input.dueDate ?? before.dueDate,
        },
        input,
      );
    }
    const status = input.status ?? before.status;
    checkStatusChange({
      from: before.status,
      to: status,
      reason: input.statusReason,
      evidenceCount: await evidenceCountOf(tx, id),
      isLead: lead,
    });

    const dueDateMoves = input.dueDate !== undefined && input.dueDate !== before.dueDate;
    if (dueDateMoves && before.dueDate !== null && !input.dueDateChangeReason) {
      throw badRequest('Say why the due date moves.', [
        { path: 'dueDateChangeReason', message: 'is required to change an agreed due date' },
      ]);
    }
    if (input.dependsOn)
      await checkDependencies(tx, id, recommendation.inspectionId, input.dependsOn);

    const changes = {
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
      ragOverride:
        input.ragOverride === undefined ? undefined : (input.ragOverride?.rating ?? null),
      ragOverrideReason:
        input.ragOverride === undefined ? undefined : (input.ragOverride?.reason ?? null),
    };
    // Compare-and-set on the revision: of two edits based on the same read, one wins.
    const updated = await tx
      .update(actions)
      .set({ ...changes, revision: before.revision + 1, updatedAt: context.now })
      .where(and(eq(actions.id, id), eq(actions.revision, revision)))
      .returning({ id: actions.id });
    if (updated.length === 0) throw stale();

    if (dueDateMoves && before.dueDate !== null) {
      await tx.insert(actionDueDateChanges).values({
        actionId: id,
        fromDate: before.dueDate,
        toDate: input.dueDate!,
        reason: input.dueDateChangeReason!,
        changedById: actor.kind === 'user' ? actor.id : null,
        createdAt: context.now,
      });
    }
    if (input.dependsOn) await replaceDependencies(tx, id, input.dependsOn);
    await refreshRecommendationStatus(tx, before.recommendationId, context.now);
    if (input.ownerId && input.ownerId !== before.ownerId)
      await tellNewOwner(tx, input.ownerId, id, input.title ?? before.title, context);
    await recordAudit(tx, {
      ...auditActor(actor),
      action: 'action.updated',
      subjectType: 'action',
      subjectId: id,
      regionId: subject.regionId,
      requestId: context.requestId,
      before: Object.fromEntries(
        Object.keys(input).map((key) => [key, (before as Record<string, unknown>)[key] ?? null]),
      ),
      after: input,
    });
    return (await findAction(tx, id, context.rag))!;
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
