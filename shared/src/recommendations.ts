import { z } from 'zod';

import { MultiLineText, PageQuery, Timestamp, UnitRef, Uuid, pageOf } from './common';
import { RecommendationAllowed } from './allowed';
import { OwnerLevel, RecommendationStatus, ResponseDecision, Theme } from './enums';

export const RecommendationResponse = z.object({
  decision: ResponseDecision,
  rationale: z.string().nullable(),
  acceptedPart: z.string().nullable().describe('Set when, and only when, partly agreed.'),
  respondedAt: Timestamp,
  respondedById: Uuid.nullable(),
});
export type RecommendationResponse = z.infer<typeof RecommendationResponse>;

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
    closedAt: Timestamp.nullable().describe('Always null to inspectors, as `response`.'),
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
 * agreed, and for "partly agreed" also which part.
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
  .strictObject({ closingNote: MultiLineText(5000) })
  .meta({ id: 'CloseRecommendationRequest' });
export type CloseRecommendationRequest = z.infer<typeof CloseRecommendationRequest>;

export const ReopenRecommendationRequest = z
  .strictObject({ reason: MultiLineText(5000) })
  .meta({ id: 'ReopenRecommendationRequest' });
export type ReopenRecommendationRequest = z.infer<typeof ReopenRecommendationRequest>;
