import { z } from 'zod';

import {
  CalendarDate,
  MultiLineText,
  PageQuery,
  SingleLineText,
  Timestamp,
  Uuid,
  pageOf,
} from './common';
import { MeasureDirection } from './enums';

export const MeasureReading = z
  .object({
    id: Uuid,
    value: z.number(),
    readingDate: CalendarDate,
    note: z.string().nullable(),
    recordedById: Uuid.nullable().describe('The person who posted it; null for an API client.'),
    createdAt: Timestamp,
  })
  .meta({ id: 'MeasureReading' });
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
    readings: z.array(MeasureReading).describe('Oldest first: by reading date, then as posted.'),
    latestReading: MeasureReading.nullable().describe('The last of `readings`, if any.'),
    met: z
      .boolean()
      .describe(
        'True when a target is set and has held for a period: every reading from ' +
          '`targetHeldSince` to the latest reaches it (at or above it when higher is better, ' +
          'at or below it when lower is better), and they span at least three months unless ' +
          'the service is configured otherwise (MEASURE_MET_MONTHS).',
      ),
    monthsToHoldTarget: z
      .number()
      .int()
      .describe('How long the target must hold to count as met, as the service is configured.'),
    targetHeldSince: CalendarDate.nullable().describe(
      'The reading date from which every reading has reached the target; null when the ' +
        'latest misses it or no target is set.',
    ),
    revision: z.number().int().describe('Rises with every change, readings included; the ETag.'),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'OutcomeMeasure' });
export type OutcomeMeasure = z.infer<typeof OutcomeMeasure>;

const Baseline = z.strictObject({
  value: z.number(),
  date: CalendarDate.nullable().optional().describe('When the figure was true, if known.'),
  period: SingleLineText(200).describe('The period in the source\'s words, e.g. "January 2023".'),
  source: MultiLineText(5000).describe('The sentence the figure comes from, quoted.'),
});

const Target = z.strictObject({
  value: z.number(),
  date: CalendarDate.nullable().optional().describe('When it should be reached.'),
});

export const CreateOutcomeMeasureRequest = z
  .strictObject({
    name: SingleLineText(300),
    unit: SingleLineText(50).describe('e.g. "per cent", "weeks", "cases".'),
    direction: MeasureDirection,
    baseline: Baseline,
    target: Target.optional(),
  })
  .meta({ id: 'CreateOutcomeMeasureRequest' });
export type CreateOutcomeMeasureRequest = z.infer<typeof CreateOutcomeMeasureRequest>;

/** Every field optional; `target: null` clears the target. */
export const UpdateOutcomeMeasureRequest = z
  .strictObject({
    name: SingleLineText(300).optional(),
    unit: SingleLineText(50).optional(),
    direction: MeasureDirection.optional(),
    baseline: Baseline.partial().optional().describe('Only the baseline fields sent change.'),
    target: Target.nullable().optional().describe('Replaces the target; null clears it.'),
  })
  .meta({ id: 'UpdateOutcomeMeasureRequest' });
export type UpdateOutcomeMeasureRequest = z.infer<typeof UpdateOutcomeMeasureRequest>;

export const CreateMeasureReadingRequest = z
  .strictObject({
    value: z.number(),
    readingDate: CalendarDate.describe(
      'The date the figure is for; not after today in Europe/London.',
    ),
    note: MultiLineText(2000).optional(),
  })
  .meta({ id: 'CreateMeasureReadingRequest' });
export type CreateMeasureReadingRequest = z.infer<typeof CreateMeasureReadingRequest>;

export const OutcomeMeasureListQuery = PageQuery.extend({
  recommendationId: Uuid.optional(),
  inspectionId: Uuid.optional(),
});
export type OutcomeMeasureListQuery = z.infer<typeof OutcomeMeasureListQuery>;

export const OutcomeMeasurePage = pageOf(OutcomeMeasure).meta({ id: 'OutcomeMeasurePage' });
export type OutcomeMeasurePage = z.infer<typeof OutcomeMeasurePage>;
