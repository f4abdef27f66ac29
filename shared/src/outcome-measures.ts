import { z } from 'zod';

import { CalendarDate, PageQuery, Timestamp, Uuid, pageOf } from './common';
import { MeasureDirection } from './enums';

export const MeasureReading = z.object({
  id: Uuid,
  value: z.number(),
  readingDate: CalendarDate,
  note: z.string().nullable(),
  recordedById: Uuid.nullable(),
  createdAt: Timestamp,
});
export type MeasureReading = z.infer<typeof MeasureReading>;

export const OutcomeMeasure = z
  .object({
    id: Uuid,
    recommendationId: Uuid,
    name: z.string(),
    unit: z.string(),
    direction: MeasureDirection,
    baseline: z.object({
      value: z.number(),
      date: CalendarDate.nullable(),
      period: z.string().describe('The period in the source\'s words, e.g. "January 2023".'),
      source: z.string().describe('The sentence the figure comes from, quoted.'),
    }),
    target: z.object({ value: z.number(), date: CalendarDate.nullable() }).nullable(),
    readings: z.array(MeasureReading),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'OutcomeMeasure' });
export type OutcomeMeasure = z.infer<typeof OutcomeMeasure>;

export const OutcomeMeasureListQuery = PageQuery.extend({
  recommendationId: Uuid.optional(),
  inspectionId: Uuid.optional(),
});
export type OutcomeMeasureListQuery = z.infer<typeof OutcomeMeasureListQuery>;

export const OutcomeMeasurePage = pageOf(OutcomeMeasure).meta({ id: 'OutcomeMeasurePage' });
export type OutcomeMeasurePage = z.infer<typeof OutcomeMeasurePage>;
