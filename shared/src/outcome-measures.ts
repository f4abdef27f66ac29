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

/** The characteristics the Equality Act 2010 protects, as the HMPPS equality monitoring uses them. */
export const protectedCharacteristics = [
  'age',
  'disability',
  'gender_reassignment',
  'marriage_civil_partnership',
  'pregnancy_maternity',
  'race',
  'religion_belief',
  'sex',
  'sexual_orientation',
] as const;
export const ProtectedCharacteristic = z.enum(protectedCharacteristics);
export type ProtectedCharacteristic = z.infer<typeof ProtectedCharacteristic>;

/** One group's share of a reading, e.g. race "Black, Black British": 3 of 10 cases. */
export const ReadingGroup = z.object({
  characteristic: ProtectedCharacteristic,
  group: z.string().describe("The group within it, in the monitoring's words."),
  numerator: z.number().int(),
  denominator: z.number().int(),
  value: z.number().describe('numerator / denominator * 100, worked out by the server.'),
});
export type ReadingGroup = z.infer<typeof ReadingGroup>;

export const MeasureReading = z
  .object({
    id: Uuid,
    value: z.number(),
    numerator: z
      .number()
      .int()
      .nullable()
      .default(null)
      .describe('Where the reading is a proportion: the count; `value` is its per cent.'),
    denominator: z
      .number()
      .int()
      .nullable()
      .default(null)
      .describe('The whole the numerator is out of.'),
    readingDate: CalendarDate,
    note: z.string().nullable(),
    breakdown: z
      .array(ReadingGroup)
      .default([])
      .describe('The reading split by protected characteristic, where it was given.'),
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
      value: z.number().describe('Per cent where numerator and denominator are given.'),
      numerator: z
        .number()
        .int()
        .nullable()
        .default(null)
        .describe('Where a proportion ("five out of 15"): the count, 5.'),
      denominator: z
        .number()
        .int()
        .nullable()
        .default(null)
        .describe('The whole, 15; null when not a proportion.'),
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

const Count = z.number().int().min(0).max(100_000_000);

export const CreateMeasureReadingRequest = z
  .strictObject({
    value: z
      .number()
      .optional()
      .describe(
        'Required unless numerator and denominator are given; then the server works it out ' +
          '(numerator / denominator * 100) and refuses a value that disagrees.',
      ),
    numerator: Count.optional().describe('Where a proportion: the count ("five out of 15": 5).'),
    denominator: Count.min(1).optional().describe('The whole ("five out of 15": 15).'),
    readingDate: CalendarDate.describe(
      'The date the figure is for; not after today in Europe/London.',
    ),
    note: MultiLineText(2000).optional(),
    breakdown: z
      .array(
        z.strictObject({
          characteristic: ProtectedCharacteristic,
          group: SingleLineText(100),
          numerator: Count,
          denominator: Count.min(1),
        }),
      )
      .max(100)
      .optional()
      .describe(
        'The same reading split by protected characteristic (e.g. from the HMPPS performance ' +
          "equality monitoring tool): each group's count out of its whole; one entry per " +
          'characteristic and group.',
      ),
  })
  .superRefine(fractionFits)
  .superRefine(groupsFit)
  .meta({ id: 'CreateMeasureReadingRequest' });
export type CreateMeasureReadingRequest = z.infer<typeof CreateMeasureReadingRequest>;

export const OutcomeMeasureListQuery = PageQuery.extend({
  recommendationId: Uuid.optional(),
  inspectionId: Uuid.optional(),
});
export type OutcomeMeasureListQuery = z.infer<typeof OutcomeMeasureListQuery>;

export const OutcomeMeasurePage = pageOf(OutcomeMeasure).meta({ id: 'OutcomeMeasurePage' });
export type OutcomeMeasurePage = z.infer<typeof OutcomeMeasurePage>;

/** Per cent of a proportion, e.g. 5 of 15 is 33.33... */
export function percentOf(numerator: number, denominator: number): number {
  return (numerator / denominator) * 100;
}

/** A value given with a fraction agrees when it is the per cent rounded to one place or better. */
export function agreesWithFraction(value: number, numerator: number, denominator: number) {
  return Math.abs(value - percentOf(numerator, denominator)) <= 0.05 + 1e-9;
}

function fractionFits(
  request: {
    value?: number | undefined;
    numerator?: number | undefined;
    denominator?: number | undefined;
  },
  context: z.RefinementCtx,
): void {
  const { value, numerator, denominator } = request;
  if ((numerator === undefined) !== (denominator === undefined)) {
    const missing = numerator === undefined ? 'numerator' : 'denominator';
    context.addIssue({ code: 'custom', path: [missing], message: 'is required with the other' });
    return;
  }
  if (numerator === undefined || denominator === undefined) {
    if (value === undefined)
      context.addIssue({ code: 'custom', path: ['value'], message: 'is required' });
    return;
  }
  if (numerator > denominator)
    context.addIssue({
      code: 'custom',
      path: ['numerator'],
      message: 'must not be more than the denominator',
    });
  else if (value !== undefined && !agreesWithFraction(value, numerator, denominator))
    context.addIssue({
      code: 'custom',
      path: ['value'],
      message: `disagrees with ${numerator} out of ${denominator} (${percentOf(numerator, denominator).toFixed(1)} per cent)`,
    });
}

function groupsFit(
  request: {
    breakdown?: { characteristic: string; group: string; numerator: number; denominator: number }[];
  },
  context: z.RefinementCtx,
): void {
  const seen = new Set<string>();
  (request.breakdown ?? []).forEach((entry, index) => {
    if (entry.numerator > entry.denominator)
      context.addIssue({
        code: 'custom',
        path: ['breakdown', index, 'numerator'],
        message: 'must not be more than the denominator',
      });
    const key = `${entry.characteristic}\u0000${entry.group.toLowerCase()}`;
    if (seen.has(key))
      context.addIssue({
        code: 'custom',
        path: ['breakdown', index, 'group'],
        message: 'is given twice for this characteristic',
      });
    seen.add(key);
  });
}
