import { z } from 'zod';

import {
  CalendarDate,
  PageQuery,
  SingleLineText,
  Timestamp,
  UnitRef,
  Uuid,
  pageOf,
} from './common';
import { PersonRef } from './actions';
import { InspectionKind, RatingValue, isInspectorateKind } from './enums';

export const StandardRating = z.object({
  code: z.string().describe('The framework standard, e.g. "2.2".'),
  name: z.string(),
  rating: RatingValue.nullable().describe('null where the letter gives no rating.'),
});

export const InspectedPdu = z.object({
  pdu: UnitRef,
  fieldworkStartMonth: z
    .string()
    .regex(/^\d{4}-\d{2}$/)
    .nullable()
    .describe('YYYY-MM; null where the letter does not give it.'),
  overallRating: RatingValue.nullable(),
  score: z.object({ achieved: z.number().int(), max: z.number().int() }).nullable(),
  standards: z.array(StandardRating),
});
export type InspectedPdu = z.infer<typeof InspectedPdu>;

export const Inspection = z
  .object({
    id: Uuid,
    title: z.string(),
    kind: InspectionKind,
    region: UnitRef,
    reviewer: PersonRef.nullable().describe(
      'Who reviews the submitted plan inside HMPPS; null for HM Inspectorate of Probation kinds, ' +
        'which the inspectorate reviews.',
    ),
    letterDate: CalendarDate,
    author: z.string(),
    addressee: z.string(),
    overallRating: RatingValue.nullable().describe(
      "The letter's overall rating; null where it gives none (HMPPS kinds never do).",
    ),
    publishedOn: CalendarDate.nullable().describe('When the report was published, if loaded.'),
    inspectedPdus: z.array(InspectedPdu),
    recommendationCount: z.number().int(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'Inspection' });
export type Inspection = z.infer<typeof Inspection>;

export const InspectionListQuery = PageQuery.extend({
  regionId: Uuid.optional(),
});
export type InspectionListQuery = z.infer<typeof InspectionListQuery>;

export const InspectionPage = pageOf(Inspection).meta({ id: 'InspectionPage' });
export type InspectionPage = z.infer<typeof InspectionPage>;

/**
 * A new inspection as an administrator loads it from the letter. Ratings and fieldwork months
 * are not asked for: the letter's recommendations are what the plan answers.
 */
export const CreateInspectionRequest = z
  .strictObject({
    title: SingleLineText(300),
    kind: InspectionKind,
    regionId: Uuid.describe('The region inspected; its draft action plan is created with it.'),
    letterDate: CalendarDate,
    author: SingleLineText(300).describe('Who wrote the letter, e.g. the Chief Inspector.'),
    addressee: SingleLineText(300).describe('To whom, e.g. the Regional Probation Director.'),
    reviewerId: Uuid.optional().describe(
      'For HMPPS kinds (SFO review, internal audit, policy review), required: the person who ' +
        "reviews the plan, a national lead or the region's lead for quality. Not given for " +
        'HM Inspectorate of Probation kinds.',
    ),
  })
  .superRefine(reviewerFitsKind)
  .meta({ id: 'CreateInspectionRequest' });
export type CreateInspectionRequest = z.infer<typeof CreateInspectionRequest>;

/** Names the reviewer of an HMPPS plan: a national lead or the region's lead for quality. */
export const SetReviewerRequest = z
  .strictObject({ reviewerId: Uuid })
  .meta({ id: 'SetReviewerRequest' });
export type SetReviewerRequest = z.infer<typeof SetReviewerRequest>;

function reviewerFitsKind(
  request: { kind: InspectionKind; reviewerId?: string | undefined },
  context: z.RefinementCtx,
): void {
  const inspectorate = isInspectorateKind(request.kind);
  if (inspectorate && request.reviewerId)
    context.addIssue({
      code: 'custom',
      path: ['reviewerId'],
      message: 'must not be given: HM Inspectorate of Probation reviews this kind',
    });
  if (!inspectorate && !request.reviewerId)
    context.addIssue({
      code: 'custom',
      path: ['reviewerId'],
      message: 'is required: name who reviews this plan inside HMPPS',
    });
}
