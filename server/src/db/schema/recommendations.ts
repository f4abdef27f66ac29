import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  boolean,
  check,
  foreignKey,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';

import { createdAt, id, updatedAt } from './columns';
import {
  linkRelationEnum,
  ownerLevelEnum,
  recommendationStatusEnum,
  responseDecisionEnum,
  themeEnum,
} from './enums';
import { inspections } from './inspections';
import { orgUnits } from './org-units';
import { users } from './users';

/** A recommendation is identified by its inspection, source PDU and number (numbers restart per PDU). */
export const recommendations = pgTable(
  'recommendations',
  {
    id: id(),
    inspectionId: uuid('inspection_id')
      .notNull()
      .references(() => inspections.id, { onDelete: 'cascade' }),
    sourcePduId: uuid('source_pdu_id')
      .notNull()
      .references(() => orgUnits.id, { onDelete: 'restrict' }),
    number: integer('number').notNull(),
    /** The letter leaves it unnumbered: the number is its place in its PDU's list. */
    numberedByPosition: boolean('numbered_by_position').notNull().default(false),
    /** Order in the letter's Annexe one, the default sort. */
    position: integer('position').notNull(),
    text: text('text').notNull(),
    ownerLevel: ownerLevelEnum('owner_level').notNull(),
    owningUnitId: uuid('owning_unit_id')
      .notNull()
      .references(() => orgUnits.id, { onDelete: 'restrict' }),
    themes: themeEnum('themes').array().notNull().default([]),
    status: recommendationStatusEnum('status').notNull().default('open'),
    closingNote: text('closing_note'),
    /** Why it closed although an outcome measure was not met; the reviewer reads it. */
    unmetMeasuresReason: text('unmet_measures_reason'),
    closedAt: timestamp('closed_at', { withTimezone: true, mode: 'date' }),
    closedById: uuid('closed_by_id').references(() => users.id, { onDelete: 'set null' }),
    responseDecision: responseDecisionEnum('response_decision'),
    responseRationale: text('response_rationale'),
    responseAcceptedPart: text('response_accepted_part'),
    /** Set when, and only when, the decision is `addressed_by`: the recommendation answering it. */
    responseAddressedById: uuid('response_addressed_by_id').references(
      (): AnyPgColumn => recommendations.id,
      { onDelete: 'set null' },
    ),
    respondedAt: timestamp('responded_at', { withTimezone: true, mode: 'date' }),
    respondedById: uuid('responded_by_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    unique('recommendations_source_number_key').on(
      table.inspectionId,
      table.sourcePduId,
      table.number,
    ),
    index('recommendations_inspection_position_idx').on(table.inspectionId, table.position),
    index('recommendations_owner_level_idx').on(table.ownerLevel),
    index('recommendations_owning_unit_id_idx').on(table.owningUnitId),
    index('recommendations_source_pdu_id_idx').on(table.sourcePduId),
    index('recommendations_status_idx').on(table.status),
    index('recommendations_themes_idx').using('gin', table.themes),
    index('recommendations_updated_at_idx').on(table.updatedAt, table.id),
  ],
);

/**
 * How one recommendation relates to another, across letters, sources and regions: "from
 * repeats to" (to is the earlier one), "from overlaps to" (shown from both ends), "from is
 * addressed by to" (to's actions answer from). One link per ordered pair.
 */
export const recommendationLinks = pgTable(
  'recommendation_links',
  {
    id: id(),
    fromRecommendationId: uuid('from_recommendation_id').notNull(),
    toRecommendationId: uuid('to_recommendation_id').notNull(),
    relation: linkRelationEnum('relation').notNull(),
    note: text('note'),
    createdById: uuid('created_by_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (table) => [
    // Named here: the generated names pass PostgreSQL's 63 characters.
    foreignKey({
      name: 'recommendation_links_from_fk',
      columns: [table.fromRecommendationId],
      foreignColumns: [recommendations.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'recommendation_links_to_fk',
      columns: [table.toRecommendationId],
      foreignColumns: [recommendations.id],
    }).onDelete('cascade'),
    unique('recommendation_links_from_to_key').on(
      table.fromRecommendationId,
      table.toRecommendationId,
    ),
    check(
      'recommendation_links_not_to_itself',
      sql`${table.fromRecommendationId} <> ${table.toRecommendationId}`,
    ),
    index('recommendation_links_from_idx').on(table.fromRecommendationId),
    index('recommendation_links_to_idx').on(table.toRecommendationId),
  ],
);
