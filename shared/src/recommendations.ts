import { z } from 'zod';

import { PageQuery, Timestamp, UnitRef, Uuid, pageOf } from './common';
import { OwnerLevel, RecommendationStatus, ResponseDecision, Theme } from './enums';

export const RecommendationResponse = z.object({
  decision: ResponseDecision,
  rationale: z.string().nullable(),
  acceptedPart: z.string().nullable(),
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
    text: z.string().describe('Verbatim from the letter.'),
    ownerLevel: OwnerLevel,
    owningUnit: UnitRef,
    themes: z.array(Theme),
    status: RecommendationStatus,
    response: RecommendationResponse.nullable(),
    closingNote: z.string().nullable(),
    closedAt: Timestamp.nullable(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
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

/** A rationale is required unless agreed; "partly agreed" also says which part. */
export const RecommendationResponseRequest = z
  .strictObject({
    decision: ResponseDecision,
    rationale: z.string().trim().min(1).max(5000).optional(),
    acceptedPart: z.string().trim().min(1).max(5000).optional(),
  })
  .superRefine((response, ctx) => {
    if (response.decision !== 'agreed' && !response.rationale) {
      ctx.addIssue({
        code: 'custom',
        path: ['rationale'],
        message: 'is required unless the recommendation is agreed',
      });
    }
    if (response.decision === 'partly_agreed' && !response.acceptedPart) {
      ctx.addIssue({
        code: 'custom',
        path: ['acceptedPart'],
        message: 'say which part is accepted',
      });
    }
  })
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
  .strictObject({ closingNote: z.string().trim().min(1).max(5000) })
  .meta({ id: 'CloseRecommendationRequest' });
export type CloseRecommendationRequest = z.infer<typeof CloseRecommendationRequest>;

export const ReopenRecommendationRequest = z
  .strictObject({ reason: z.string().trim().min(1).max(5000) })
  .meta({ id: 'ReopenRecommendationRequest' });
export type ReopenRecommendationRequest = z.infer<typeof ReopenRecommendationRequest>;
