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
