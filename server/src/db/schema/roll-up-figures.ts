import { boolean, date, index, integer, pgTable, primaryKey, uuid } from 'drizzle-orm/pg-core';

import { actionPlans } from './action-plans';
import { ownerLevelEnum, recommendationStatusEnum, responseDecisionEnum, themeEnum } from './enums';
import { planVersions } from './plan-versions';

/*
 * The roll-up's figures of each submitted version, counted once from its frozen document in
 * the submission's transaction (roll-up/version-figures.ts), so inspectors' roll-up reads a few
 * rows per recommendation instead of parsing every version's JSON on each request (900 ms at
 * 100,000 actions). Versions never change, so neither do these rows. No foreign key to the
 * recommendation: the version outlives live rows.
 */

const versionId = () =>
  uuid('version_id')
    .notNull()
    .references(() => planVersions.id, { onDelete: 'cascade' });
const count = (name: string) => integer(name).notNull().default(0);

/** One row per recommendation of a version: what it was and its actions as they were sent. */
export const versionRecommendationFigures = pgTable(
  'version_recommendation_figures',
  {
    versionId: versionId(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => actionPlans.id, { onDelete: 'cascade' }),
    recommendationId: uuid('recommendation_id').notNull(),
    sourcePduId: uuid('source_pdu_id').notNull(),
    ownerLevel: ownerLevelEnum('owner_level').notNull(),
    themes: themeEnum('themes').array().notNull(),
    status: recommendationStatusEnum('status').notNull(),
    responseDecision: responseDecisionEnum('response_decision'),
    actions: count('actions'),
    /** RAG as the version recorded it (the RAG on the day it was sent). */
    red: count('red'),
    amber: count('amber'),
    green: count('green'),
    /** Complete, verified closed or cancelled. */
    finished: count('finished'),
    /** Open with no owner or a disabled one, as sent. */
    unowned: count('unowned'),
    /** Not declined and no action other than cancelled ones. */
    withoutActions: boolean('without_actions').notNull(),
  },
  (table) => [
    primaryKey({
      name: 'version_recommendation_figures_pkey',
      columns: [table.versionId, table.recommendationId],
    }),
    index('version_recommendation_figures_plan_idx').on(table.planId),
  ],
);

/** A version's open actions per recommendation and due date: overdue and due soon as of today. */
export const versionOpenActionDays = pgTable(
  'version_open_action_days',
  {
    versionId: versionId(),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    recommendationId: uuid('recommendation_id').notNull(),
    open: count('open'),
  },
  (table) => [
    primaryKey({
      name: 'version_open_action_days_pkey',
      columns: [table.versionId, table.dueDate, table.recommendationId],
    }),
  ],
);
