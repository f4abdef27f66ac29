import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';

import { createdAt, id, updatedAt } from './columns';
import { inspectionKindEnum, ratingValueEnum } from './enums';
import { orgUnits } from './org-units';
import { users } from './users';

export const inspections = pgTable(
  'inspections',
  {
    id: id(),
    regionId: uuid('region_id')
      .notNull()
      .references(() => orgUnits.id, { onDelete: 'restrict' }),
    title: text('title').notNull(),
    kind: inspectionKindEnum('kind').notNull(),
    letterDate: date('letter_date', { mode: 'string' }).notNull(),
    author: text('author').notNull(),
    addressee: text('addressee').notNull(),
    /** HMPPS kinds only: who reviews the submitted plan in place of the inspectorate. */
    reviewerId: uuid('reviewer_id').references(() => users.id, { onDelete: 'restrict' }),
    /** The letter's overall rating, where it gives one (HMPPS kinds give none). */
    overallRating: ratingValueEnum('overall_rating'),
    /** When the report was published, where known; loaded with the rest of the letter. */
    publishedOn: date('published_on', { mode: 'string' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    index('inspections_region_id_idx').on(table.regionId),
    index('inspections_reviewer_id_idx').on(table.reviewerId),
    check(
      'inspections_reviewer_kind_check',
      sql`(${table.reviewerId} is null) = (${table.kind}::text in ('regional_review', 'pdu_inspection', 'thematic_inspection'))`,
    ),
  ],
);

/** A PDU inspected as part of an inspection, with its Annexe two ratings (any may be absent). */
export const inspectedPdus = pgTable(
  'inspected_pdus',
  {
    id: id(),
    inspectionId: uuid('inspection_id')
      .notNull()
      .references(() => inspections.id, { onDelete: 'cascade' }),
    pduId: uuid('pdu_id')
      .notNull()
      .references(() => orgUnits.id, { onDelete: 'restrict' }),
    /** Order of the PDU in the letter. */
    position: integer('position').notNull(),
    /** YYYY-MM */
    fieldworkStartMonth: text('fieldwork_start_month'),
    overallRating: ratingValueEnum('overall_rating'),
    scoreAchieved: integer('score_achieved'),
    scoreMax: integer('score_max'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    unique('inspected_pdus_inspection_pdu_key').on(table.inspectionId, table.pduId),
    index('inspected_pdus_pdu_id_idx').on(table.pduId),
  ],
);

/** One row per framework standard (e.g. 2.2 Assessment); rating null where not given. */
export const standardRatings = pgTable(
  'standard_ratings',
  {
    id: id(),
    inspectedPduId: uuid('inspected_pdu_id')
      .notNull()
      .references(() => inspectedPdus.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    name: text('name').notNull(),
    rating: ratingValueEnum('rating'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [unique('standard_ratings_pdu_code_key').on(table.inspectedPduId, table.code)],
);
