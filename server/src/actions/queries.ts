import type { Action, ActionListQuery, ActionPage, DueDateChange } from '@tracker/shared';
import { and, asc, count, eq, inArray, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';

import type { ActionSubject, ReadScope } from '../auth/policy';
import type { Db } from '../db/client';
import { actionDependencies, actionDueDateChanges, actions } from '../db/schema/actions';
import { evidence } from '../db/schema/evidence';
import { inspections } from '../db/schema/inspections';
import { orgUnits } from '../db/schema/org-units';
import { recommendations } from '../db/schema/recommendations';
import { users } from '../db/schema/users';
import { iso } from '../http/iso';
import { type KeysetOrder, afterCursor, orderByKeyset, toPage } from '../http/pagination';
import { deriveRag, finishedStatuses, londonDateOf } from './rag';

const owningUnit = alias(orgUnits, 'owning_unit');
const owner = alias(users, 'owner');

/** An action with no due date sorts after every dated one; an index matches this expression. */
const dueDateKey = sql<string>`coalesce(${actions.dueDate}, '9999-12-31'::date)`;
const dueDateCursor = z.tuple([z.iso.date(), z.uuid()]);
const updatedAtCursor = z.tuple([z.iso.datetime({ offset: true }), z.uuid()]);

const orders: Record<ActionListQuery['sort'], KeysetOrder> = {
  dueDate: {
    name: 'dueDate',
    columns: [dueDateKey, actions.id],
    descending: false,
    cursorValues: dueDateCursor,
  },
  '-dueDate': {
    name: '-dueDate',
    columns: [dueDateKey, actions.id],
    descending: true,
    cursorValues: dueDateCursor,
  },
  updatedAt: {
    name: 'updatedAt',
    columns: [actions.updatedAt, actions.id],
    descending: false,
    cursorValues: updatedAtCursor,
  },
  '-updatedAt': {
    name: '-updatedAt',
    columns: [actions.updatedAt, actions.id],
    descending: true,
    cursorValues: updatedAtCursor,
  },
};

function selectActions(db: Db) {
  return db
    .select({
      action: actions,
      owningUnit: { id: owningUnit.id, name: owningUnit.name, type: owningUnit.type },
      owner: { id: owner.id, name: owner.name, disabledAt: owner.disabledAt },
      inspectionId: recommendations.inspectionId,
      recommendationOwnerLevel: recommendations.ownerLevel,
      regionId: inspections.regionId,
    })
    .from(actions)
    .innerJoin(owningUnit, eq(owningUnit.id, actions.owningUnitId))
    .leftJoin(owner, eq(owner.id, actions.ownerId))
    .innerJoin(recommendations, eq(recommendations.id, actions.recommendationId))
    .innerJoin(inspections, eq(inspections.id, recommendations.inspectionId));
}

export type ActionRow = Awaited<ReturnType<ReturnType<typeof selectActions>['execute']>>[number];

export function subjectOf(row: ActionRow): ActionSubject {
  return {
    regionId: row.regionId,
    owningUnitId: row.action.owningUnitId,
    owningUnitType: row.owningUnit.type,
    recommendationOwnerLevel: row.recommendationOwnerLevel,
  };
}

export interface RagSettings {
  now: Date;
  dueSoonDays: number;
}

export async function listActions(
  db: Db,
  query: ActionListQuery,
  scope: ReadScope,
  rag: RagSettings,
): Promise<ActionPage> {
  if (!scope.livePlan) return { items: [], nextCursor: null };
  const order = orders[query.sort];
  const rows = await selectActions(db)
    .where(
      and(
        scope.regionId ? eq(inspections.regionId, scope.regionId) : undefined,
        query.recommendationId ? eq(actions.recommendationId, query.recommendationId) : undefined,
        query.inspectionId ? eq(recommendations.inspectionId, query.inspectionId) : undefined,
        query.owningUnitId ? eq(actions.owningUnitId, query.owningUnitId) : undefined,
        query.ownerId ? eq(actions.ownerId, query.ownerId) : undefined,
        query.status ? eq(actions.status, query.status) : undefined,
        afterCursor(order, query.cursor),
      ),
    )
    .orderBy(...orderByKeyset(order))
    .limit(query.limit + 1);
  const details = await loadDetails(
    db,
    rows.map((row) => row.action.id),
  );
  const key = (row: ActionRow): (string | number)[] =>
    order.name.endsWith('dueDate')
      ? [row.action.dueDate ?? '9999-12-31', row.action.id]
      : [iso(row.action.updatedAt), row.action.id];
  return toPage(rows, query.limit, order, key, (row) => toAction(row, details, rag));
}

export async function findActionRow(
  db: Db,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<ActionRow | undefined> {
  const query = selectActions(db).where(eq(actions.id, id));
  // NO KEY UPDATE, not UPDATE: it still serialises changes to the action, but lets another
  // transaction's foreign-key check on it (a dependency on this action) through. FOR UPDATE
  // blocked those checks, so two edits making each action depend on the other deadlocked.
  const [row] = options.forUpdate ? await query.for('no key update', { of: actions }) : await query;
  return row;
}

/**
 * Several actions of one inspection, locked as `findActionRow` locks one (an import's). In id
 * order, so two writers naming the same actions queue rather than deadlock.
 */
export async function lockActionRows(
  db: Db,
  inspectionId: string,
  ids: string[],
): Promise<ActionRow[]> {
  if (ids.length === 0) return [];
  return selectActions(db)
    .where(and(eq(recommendations.inspectionId, inspectionId), inArray(actions.id, ids)))
    .orderBy(actions.id)
    .for('no key update', { of: actions });
}

/** An action as the API shows it, from a row `findActionRow` has read: its details added. */
export async function actionOf(db: Db, row: ActionRow, rag: RagSettings): Promise<Action> {
  return toAction(row, await loadDetails(db, [row.action.id]), rag);
}

export async function findAction(
  db: Db,
  id: string,
  rag: RagSettings,
): Promise<Action | undefined> {
  const row = await findActionRow(db, id);
  return row && actionOf(db, row, rag);
}

export interface ActionDetails {
  history: Map<string, DueDateChange[]>;
  dependsOn: Map<string, { id: string; finished: boolean }[]>;
  evidenceCounts: Map<string, number>;
}

/** History, dependencies and evidence counts for a page of actions: three queries in all. */
export async function loadDetails(db: Db, actionIds: string[]): Promise<ActionDetails> {
  const details: ActionDetails = {
    history: new Map(),
    dependsOn: new Map(),
    evidenceCounts: new Map(),
  };
  if (actionIds.length === 0) return details;
  const changes = await db
    .select({ change: actionDueDateChanges, changedBy: { id: users.id, name: users.name } })
    .from(actionDueDateChanges)
    .leftJoin(users, eq(users.id, actionDueDateChanges.changedById))
    .where(inArray(actionDueDateChanges.actionId, actionIds))
    .orderBy(asc(actionDueDateChanges.createdAt), asc(actionDueDateChanges.id));
  for (const { change, changedBy } of changes) {
    push(details.history, change.actionId, {
      fromDate: change.fromDate,
      toDate: change.toDate,
      reason: change.reason,
      changedBy: changedBy?.id ? { id: changedBy.id, name: changedBy.name } : null,
      changedAt: iso(change.createdAt),
    });
  }
  const dependency = alias(actions, 'dependency');
  const edges = await db
    .select({
      actionId: actionDependencies.actionId,
      dependsOnId: dependency.id,
      status: dependency.status,
    })
    .from(actionDependencies)
    .innerJoin(dependency, eq(dependency.id, actionDependencies.dependsOnActionId))
    .where(inArray(actionDependencies.actionId, actionIds))
    .orderBy(asc(dependency.id));
  for (const edge of edges) {
    push(details.dependsOn, edge.actionId, {
      id: edge.dependsOnId,
      finished: finishedStatuses.includes(edge.status),
    });
  }
  const counts = await db
    .select({ actionId: evidence.actionId, total: count() })
    .from(evidence)
    .where(and(inArray(evidence.actionId, actionIds), isNull(evidence.removedAt)))
    .groupBy(evidence.actionId);
  for (const row of counts) details.evidenceCounts.set(row.actionId, row.total);
  return details;
}

function push<Value>(map: Map<string, Value[]>, key: string, value: Value) {
  const list = map.get(key) ?? [];
  list.push(value);
  map.set(key, list);
}

export function toAction(row: ActionRow, details: ActionDetails, rag: RagSettings): Action {
  const { action } = row;
  const dependencies = details.dependsOn.get(action.id) ?? [];
  return {
    id: action.id,
    recommendationId: action.recommendationId,
    inspectionId: row.inspectionId,
    title: action.title,
    description: action.description,
    owningUnit: row.owningUnit,
    owner: row.owner?.id
      ? { id: row.owner.id, name: row.owner.name, disabled: row.owner.disabledAt !== null }
      : null,
    ownerRole: action.ownerRole,
    startDate: action.startDate,
    dueDate: action.dueDate,
    originalDueDate: action.originalDueDate,
    dueDateHistory: details.history.get(action.id) ?? [],
    successMeasure: action.successMeasure,
    status: action.status,
    cancelReason: action.cancelReason,
    percentComplete: action.percentComplete,
    rag: deriveRag(
      {
        status: action.status,
        startDate: action.startDate,
        createdOn: londonDateOf(action.createdAt),
        dueDate: action.dueDate,
        percentComplete: action.percentComplete,
        ragOverride: action.ragOverride,
      },
      londonDateOf(rag.now),
      rag.dueSoonDays,
    ),
    ragOverride:
      action.ragOverride && !finishedStatuses.includes(action.status)
        ? { rating: action.ragOverride, reason: action.ragOverrideReason ?? '' }
        : null,
    waiting: dependencies.some((dependency) => !dependency.finished),
    dependsOn: dependencies.map((dependency) => dependency.id),
    evidenceCount: details.evidenceCounts.get(action.id) ?? 0,
    revision: action.revision,
    createdAt: iso(action.createdAt),
    updatedAt: iso(action.updatedAt),
  };
}
