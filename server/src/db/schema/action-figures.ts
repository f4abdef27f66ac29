import { date, integer, pgTable, primaryKey, uuid } from 'drizzle-orm/pg-core';

import { inspections } from './inspections';
import { orgUnits } from './org-units';
import { recommendations } from './recommendations';

/*
 * The plan dashboard's figures, kept by statement-level triggers on `actions` in the same
 * transaction as every write (migrations/*_maintain_action_figures.sql), so the dashboard reads
 * a few rows per recommendation and unit, never the plan's actions. RAG moves with the calendar,
 * so what depends on the date is kept per due date and summed as of the day asked for.
 * Rows whose counts all fall to zero are deleted. Reference recount: action-plans/summary-recount.ts.
 */

const inspectionId = () =>
  uuid('inspection_id')
    .notNull()
    .references(() => inspections.id, { onDelete: 'cascade' });
const recommendationId = () =>
  uuid('recommendation_id')
    .notNull()
    .references(() => recommendations.id, { onDelete: 'cascade' });
const owningUnitId = () =>
  uuid('owning_unit_id')
    .notNull()
    .references(() => orgUnits.id, { onDelete: 'cascade' });
const count = (name: string) => integer(name).notNull().default(0);

/** Per recommendation and owning unit: actions by status, progress, and RAG that the date cannot change. */
export const actionFigures = pgTable(
  'action_figures',
  {
    inspectionId: inspectionId(),
    recommendationId: recommendationId(),
    owningUnitId: owningUnitId(),
    notStarted: count('not_started'),
    inProgress: count('in_progress'),
    blocked: count('blocked'),
    complete: count('complete'),
    verifiedClosed: count('verified_closed'),
    cancelled: count('cancelled'),
    /** Sum of percent complete over every action, finished or not (the dashboard's average). */
    percentSum: count('percent_sum'),
    /** Open actions rated red whatever the date: overridden red, or blocked. */
    red: count('red'),
    /** Open actions overridden amber. */
    amber: count('amber'),
    /** Open actions rated green whatever the date: overridden green, or with no due date. */
    green: count('green'),
    /** Open actions the date rates (not blocked, no override, a due date): see action_due_days. */
    dated: count('dated'),
  },
  (table) => [
    primaryKey({
      name: 'action_figures_pkey',
      columns: [table.inspectionId, table.recommendationId, table.owningUnitId],
    }),
  ],
);

/**
 * The `dated` actions per due date and lead: an action is amber on the days d = due date - today
 * with 0 <= d <= min(RAG_DUE_SOON_DAYS, lead), red once its due date has passed.
 */
export const actionDueDays = pgTable(
  'action_due_days',
  {
    inspectionId: inspectionId(),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    recommendationId: recommendationId(),
    owningUnitId: owningUnitId(),
    /** Days before its due date on which the action falls behind (-1: never). */
    lead: integer('lead').notNull(),
    actions: count('actions'),
  },
  (table) => [
    primaryKey({
      name: 'action_due_days_pkey',
      columns: [
        table.inspectionId,
        table.dueDate,
        table.recommendationId,
        table.owningUnitId,
        table.lead,
      ],
    }),
  ],
);

/** The `dated` actions per month of their due date: red is whole months plus this month's days. */
export const actionDueMonths = pgTable(
  'action_due_months',
  {
    inspectionId: inspectionId(),
    /** First day of the month. */
    dueMonth: date('due_month', { mode: 'string' }).notNull(),
    recommendationId: recommendationId(),
    owningUnitId: owningUnitId(),
    actions: count('actions'),
  },
  (table) => [
    primaryKey({
      name: 'action_due_months_pkey',
      columns: [table.inspectionId, table.dueMonth, table.recommendationId, table.owningUnitId],
    }),
  ],
);

/**
 * Every open action per due date ('infinity' for none), so the dashboard's lists of the first
 * 50 overdue, due soon and unowned actions know which due dates to read.
 */
export const openActionDays = pgTable(
  'open_action_days',
  {
    inspectionId: inspectionId(),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    recommendationId: recommendationId(),
    open: count('open'),
    /** Open actions with no owner (a disabled owner is found when the dashboard is read). */
    unowned: count('unowned'),
  },
  (table) => [
    primaryKey({
      name: 'open_action_days_pkey',
      columns: [table.inspectionId, table.dueDate, table.recommendationId],
    }),
  ],
);
