import type { Action, ActionAllowed, ActionListQuery, DueDateChange } from '@tracker/shared';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';

import type { ActionSubject } from '../auth/policy';
import type { Db } from '../db/client';
import { actions } from '../db/schema/actions';
import { inspections } from '../db/schema/inspections';
import { orgUnits } from '../db/schema/org-units';
import { recommendations } from '../db/schema/recommendations';
import { users } from '../db/schema/users';
import { iso } from '../http/iso';
import type { KeysetOrder } from '../http/pagination';
import { deriveRag, finishedStatuses, londonDateOf } from './rag';

const owningUnit = alias(orgUnits, 'owning_unit');
const owner = alias(users, 'owner');

/** An action with no due date sorts after every dated one; an index matches this expression. */
const dueDateKey = sql<string>`coalesce(${actions.dueDate}, '9999-12-31'::date)`;
const dueDateCursor = z.tuple([z.iso.date(), z.uuid()]);
const updatedAtCursor = z.tuple([z.iso.datetime({ offset: true }), z.uuid()]);

export const actionOrders: Record<ActionListQuery['sort'], KeysetOrder> = {
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

/** What an action's row alone does not say: its due-date history, dependencies and evidence. */
export interface ActionDetail {
  history: DueDateChange[];
  dependsOn: { id: string; finished: boolean }[];
  evidenceCount: number;
}

export function toAction(
  row: Pick<ActionRow, 'action' | 'owningUnit' | 'owner' | 'inspectionId'>,
  detail: ActionDetail,
  rag: RagSettings,
  allowed: ActionAllowed,
): Action {
  const { action } = row;
  const dependencies = detail.dependsOn;
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
    dueDateHistory: detail.history,
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
    evidenceCount: detail.evidenceCount,
    revision: action.revision,
    createdAt: iso(action.createdAt),
    updatedAt: iso(action.updatedAt),
    allowed,
  };
}
