import { sql } from 'drizzle-orm';
import type { ReadingGroup } from '@tracker/shared';
import {
  check,
  jsonb,
  date,
  doublePrecision,
  index,
  integer,
  pgTable,
  text,
  uuid,
} from 'drizzle-orm/pg-core';

import { createdAt, id, updatedAt } from './columns';
import { measureDirectionEnum } from './enums';
import { recommendations } from './recommendations';
import { users } from './users';

/** Ties a recommendation to a figure from the letter: baseline, target and dated readings. */
export const outcomeMeasures = pgTable(
  'outcome_measures',
  {
    id: id(),
    recommendationId: uuid('recommendation_id')
      .notNull()
      .references(() => recommendations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    unit: text('unit').notNull(),
    direction: measureDirectionEnum('direction').notNull(),
    baselineValue: doublePrecision('baseline_value').notNull(),
    /**
     * Where the baseline is a proportion ("five out of 15"): the count and the whole it is out
     * of. The value is then numerator/denominator*100 per cent, never the count.
     */
    baselineNumerator: integer('baseline_numerator'),
    baselineDenominator: integer('baseline_denominator'),
    baselineDate: date('baseline_date', { mode: 'string' }),
    baselinePeriod: text('baseline_period').notNull(),
    baselineSource: text('baseline_source').notNull(),
    targetValue: doublePrecision('target_value'),
    targetDate: date('target_date', { mode: 'string' }),
    /** Rises on every change; the ETag is derived from it. */
    revision: integer('revision').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    index('outcome_measures_recommendation_id_idx').on(table.recommendationId),
    check(
      'outcome_measures_baseline_fraction_check',
      sql`(${table.baselineNumerator} is null) = (${table.baselineDenominator} is null) and (${table.baselineDenominator} is null or (${table.baselineDenominator} > 0 and ${table.baselineNumerator} >= 0 and ${table.baselineNumerator} <= ${table.baselineDenominator}))`,
    ),
  ],
);

export const measureReadings = pgTable(
  'measure_readings',
  {
    id: id(),
    measureId: uuid('measure_id')
      .notNull()
      .references(() => outcomeMeasures.id, { onDelete: 'cascade' }),
    value: doublePrecision('value').notNull(),
    /** Where the reading is a proportion: the count and the whole; value is their per cent. */
    numerator: integer('numerator'),
    denominator: integer('denominator'),
    readingDate: date('reading_date', { mode: 'string' }).notNull(),
    note: text('note'),
    /**
     * The reading split by protected characteristic: a handful of groups, always read with the
     * reading and never queried on their own, so kept with it.
     */
    breakdown: jsonb('breakdown').$type<ReadingGroup[]>().notNull().default([]),
    recordedById: uuid('recorded_by_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    index('measure_readings_measure_id_idx').on(table.measureId, table.readingDate),
    check(
      'measure_readings_fraction_check',
      sql`(${table.numerator} is null) = (${table.denominator} is null) and (${table.denominator} is null or (${table.denominator} > 0 and ${table.numerator} >= 0 and ${table.numerator} <= ${table.denominator}))`,
    ),
  ],
);
