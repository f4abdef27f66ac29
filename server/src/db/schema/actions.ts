import { sql } from 'drizzle-orm';
import {
  check,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

import { createdAt, id, updatedAt } from './columns';
import { actionStatusEnum, ragEnum } from './enums';
import { orgUnits } from './org-units';
import { recommendations } from './recommendations';
import { users } from './users';

export const actions = pgTable(
  'actions',
  {
    id: id(),
    recommendationId: uuid('recommendation_id')
      .notNull()
      .references(() => recommendations.id, { onDelete: 'cascade' }),
    /**
     * The recommendation's inspection and that inspection's region, copied onto the action by a
     * trigger (migration actions_scope_trigger) so that a scoped list filters and orders on one
     * table's index instead of through three joins the planner misestimates. Never written by the
     * app: the trigger sets both on every insert and recommendation change.
     */
    inspectionId: uuid('inspection_id'),
    regionId: uuid('region_id'),
    title: text('title').notNull(),
    description: text('description'),
    owningUnitId: uuid('owning_unit_id')
      .notNull()
      .references(() => orgUnits.id, { onDelete: 'restrict' }),
    ownerId: uuid('owner_id').references(() => users.id, { onDelete: 'set null' }),
    /** Free text, e.g. "Head of Quality". */
    ownerRole: text('owner_role'),
    startDate: date('start_date', { mode: 'string' }),
    dueDate: date('due_date', { mode: 'string' }),
    /** The first agreed due date, kept when the due date later moves. */
    originalDueDate: date('original_due_date', { mode: 'string' }),
    successMeasure: text('success_measure'),
    status: actionStatusEnum('status').notNull().default('not_started'),
    cancelReason: text('cancel_reason'),
    percentComplete: integer('percent_complete').notNull().default(0),
    ragOverride: ragEnum('rag_override'),
    ragOverrideReason: text('rag_override_reason'),
    /** Rises on every change; the ETag is derived from it. */
    revision: integer('revision').notNull().default(1),
    createdById: uuid('created_by_id').references(() => users.id, { onDelete: 'set null' }),
    /** Set when the action first goes to the inspectorate; from then on it is cancelled, never deleted. */
    firstSubmittedAt: timestamp('first_submitted_at', {
      withTimezone: true,
      mode: 'date',
      precision: 3,
    }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    check('actions_percent_complete_range', sql`${table.percentComplete} between 0 and 100`),
    index('actions_recommendation_id_idx').on(table.recommendationId),
    // A unit's actions of one status in the list's order: a page reads its 51 rows, no sort.
    index('actions_unit_status_due_order_idx').on(
      table.owningUnitId,
      table.status,
      sql`coalesce(${table.dueDate}, '9999-12-31'::date)`,
      table.id,
    ),
    index('actions_inspection_due_order_idx').on(
      table.inspectionId,
      sql`coalesce(${table.dueDate}, '9999-12-31'::date)`,
      table.id,
    ),
    index('actions_region_due_order_idx').on(
      table.regionId,
      sql`coalesce(${table.dueDate}, '9999-12-31'::date)`,
      table.id,
    ),
    index('actions_owner_id_idx').on(table.ownerId),
    index('actions_status_due_date_idx').on(table.status, table.dueDate),
    index('actions_due_date_idx').on(table.dueDate, table.id),
    // The list's default order (undated last), so a whole plan pages without sorting every action.
    index('actions_due_order_idx').on(
      sql`coalesce(${table.dueDate}, '9999-12-31'::date)`,
      table.id,
    ),
    // The dashboard's overdue, due soon and unowned lists: the first 50 open actions by due date.
    index('actions_open_due_idx')
      .on(table.recommendationId, table.dueDate)
      .where(sql`${table.status} in ('not_started', 'in_progress', 'blocked')`),
    index('actions_unowned_due_idx')
      .on(table.recommendationId, table.dueDate)
      .where(
        sql`${table.ownerId} is null and ${table.status} in ('not_started', 'in_progress', 'blocked')`,
      ),
  ],
);

/** Every move of a due date after the first, with its reason. */
export const actionDueDateChanges = pgTable(
  'action_due_date_changes',
  {
    id: id(),
    actionId: uuid('action_id')
      .notNull()
      .references(() => actions.id, { onDelete: 'cascade' }),
    fromDate: date('from_date', { mode: 'string' }),
    toDate: date('to_date', { mode: 'string' }),
    reason: text('reason').notNull(),
    changedById: uuid('changed_by_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [index('action_due_date_changes_action_id_idx').on(table.actionId, table.createdAt)],
);

/** `actionId` waits on `dependsOnActionId` (e.g. a PDU action waiting on an HMPPS action). */
export const actionDependencies = pgTable(
  'action_dependencies',
  {
    actionId: uuid('action_id')
      .notNull()
      .references(() => actions.id, { onDelete: 'cascade' }),
    dependsOnActionId: uuid('depends_on_action_id')
      .notNull()
      .references(() => actions.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    primaryKey({ columns: [table.actionId, table.dependsOnActionId] }),
    index('action_dependencies_depends_on_idx').on(table.dependsOnActionId),
  ],
);

/** Append-only history of an action's progress. */
export const progressUpdates = pgTable(
  'progress_updates',
  {
    id: id(),
    /**
     * The order updates were applied in: assigned while the action's row is locked, so it holds
     * where updates share a millisecond or one waited for another's lock.
     */
    sequence: integer('sequence').generatedAlwaysAsIdentity(),
    actionId: uuid('action_id')
      .notNull()
      .references(() => actions.id, { onDelete: 'cascade' }),
    narrative: text('narrative').notNull(),
    percentComplete: integer('percent_complete'),
    statusChange: actionStatusEnum('status_change'),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    recordedAt: timestamp('recorded_at', { withTimezone: true, mode: 'date' })
      .notNull()
      .defaultNow(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    check(
      'progress_updates_percent_complete_range',
      sql`${table.percentComplete} is null or ${table.percentComplete} between 0 and 100`,
    ),
    index('progress_updates_action_id_idx').on(table.actionId, table.sequence),
  ],
);
