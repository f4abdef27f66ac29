import { z } from 'zod';

import { MultiLineText, PageQuery, Timestamp, UnitRef, Uuid, pageOf } from './common';
import { RecommendationAllowed } from './allowed';
import { OwnerLevel, RecommendationStatus, ResponseDecision, Theme } from './enums';

export const RecommendationResponse = z.object({
  decision: ResponseDecision,
  rationale: z.string().nullable(),
  acceptedPart: z.string().nullable().describe('Set when, and only when, partly agreed.'),
  addressedBy: z
    .object({ id: Uuid, label: z.string().describe('e.g. "Wigan 8"') })
    .nullable()
    .describe(
      'Set when, and only when, addressed by another recommendation: the one whose actions ' +
        'answer this one.',
    ),
  respondedAt: Timestamp,
  respondedById: Uuid.nullable(),
});
export type RecommendationResponse = z.infer<typeof RecommendationResponse>;

/** An HMPPS-owned recommendation this one repeats or is addressed by, with its live status. */
export const NationalLink = z.object({
  relation: z.enum(['repeats', 'addressed_by']),
  id: Uuid,
  label: z.string().describe('e.g. "Wigan 8"'),
  status: RecommendationStatus,
});
export type NationalLink = z.infer<typeof NationalLink>;

export const Recommendation = z
  .object({
    id: Uuid,
    inspectionId: Uuid,
    sourcePdu: UnitRef.describe('The PDU report the recommendation came from.'),
    number: z.number().int().describe('As numbered in the letter; numbers restart per PDU.'),
    // Defaults so versions frozen before it existed still read.
    numberedByPosition: z
      .boolean()
      .default(false)
      .describe(
        'True where the letter leaves the item unnumbered: `number` is then its place in its ' +
          "PDU's list, and pages and exports say so.",
      ),
    text: z.string().describe('Verbatim from the letter.'),
    ownerLevel: OwnerLevel,
    owningUnit: UnitRef,
    themes: z.array(Theme),
    status: RecommendationStatus,
    response: RecommendationResponse.nullable().describe(
      'null until the region responds. Always null to inspectors: the response is live plan ' +
        'data, which they read in the submitted versions.',
    ),
    closingNote: z.string().nullable().describe('Always null to inspectors, as `response`.'),
    unmetMeasuresReason: z
      .string()
      .nullable()
      .describe(
        'Why it was closed although an outcome measure was not met; null otherwise. Always ' +
          'null to inspectors, as `response` (they read it in the submitted versions).',
      ),
    closedAt: Timestamp.nullable().describe('Always null to inspectors, as `response`.'),
    nationalLinks: z
      .array(NationalLink)
      .describe(
        'The HMPPS-owned recommendations this one repeats or is addressed by (links from it), ' +
          'with their live status: national work is tracked once, by the national lead, and ' +
          "followed from every region's plan that links to it.",
      ),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    allowed: RecommendationAllowed,
  })
  .meta({ id: 'Recommendation' });
export type Recommendation = z.infer<typeof Recommendation>;

export const recommendationSorts = ['letter', '-letter', 'updatedAt', '-updatedAt'] as const;

export const RecommendationListQuery = PageQuery.extend({
  inspectionId: Uuid.optional(),
  ownerLevel: OwnerLevel.optional(),
  owningUnitId: Uuid.optional(),
  sourcePduId: Uuid.optional(),
  theme: Theme.optional(),
  status: RecommendationStatus.optional(),
  sort: z
    .enum(recommendationSorts)
    .default('letter')
    .describe('"letter" is the order of the letter\'s Annexe one; "-" reverses.'),
});
export type RecommendationListQuery = z.infer<typeof RecommendationListQuery>;

export const RecommendationPage = pageOf(Recommendation).meta({ id: 'RecommendationPage' });
export type RecommendationPage = z.infer<typeof RecommendationPage>;

const ResponseText = MultiLineText(5000);

/**
 * One shape per decision, so the published schema says what each needs: a rationale unless
 * agreed, for "partly agreed" also which part, and for "addressed by" which recommendation.
 */
export const RecommendationResponseRequest = z
  .discriminatedUnion('decision', [
    z.strictObject({
      decision: z.literal('agreed'),
      rationale: ResponseText.optional(),
    }),
    z.strictObject({
      decision: z.literal('partly_agreed'),
      acceptedPart: ResponseText.describe('Which part of the recommendation is accepted.'),
      rationale: ResponseText.describe('Why the rest is not.'),
    }),
    z.strictObject({
      decision: z.literal('not_agreed'),
      rationale: ResponseText.describe('Why not.'),
    }),
    z.strictObject({
      decision: z.literal('addressed_by'),
      addressedById: Uuid.describe(
        'The recommendation whose actions answer this one: it must have an `addressed_by` link to it.',
      ),
      rationale: ResponseText.describe('How the other recommendation answers this one.'),
    }),
  ])
  .meta({ id: 'RecommendationResponseRequest' });
export type RecommendationResponseRequest = z.infer<typeof RecommendationResponseRequest>;

/** Corrections a lead or an administrator may make to how a recommendation was filed. */
export const UpdateRecommendationRequest = z
  .strictObject({
    themes: z.array(Theme).min(1).max(6).optional(),
    owningUnitId: Uuid.optional(),
  })
  .meta({ id: 'UpdateRecommendationRequest' });
export type UpdateRecommendationRequest = z.infer<typeof UpdateRecommendationRequest>;

export const CloseRecommendationRequest = z
  .strictObject({
    closingNote: MultiLineText(5000),
    unmetMeasuresReason: MultiLineText(5000)
      .optional()
      .describe(
        'Required while any of its outcome measures is not met: why it can close anyway. ' +
          'The reviewer reads it in the next version.',
      ),
  })
  .meta({ id: 'CloseRecommendationRequest' });
export type CloseRecommendationRequest = z.infer<typeof CloseRecommendationRequest>;

export const ReopenRecommendationRequest = z
  .strictObject({ reason: MultiLineText(5000) })
  .meta({ id: 'ReopenRecommendationRequest' });
export type ReopenRecommendationRequest = z.infer<typeof ReopenRecommendationRequest>;
