import { z } from 'zod';

import { MultiLineText, Timestamp, Uuid } from './common';
import {
  InspectionKind,
  OwnerLevel,
  RecommendationStatus,
  ResponseDecision,
  linkRelations,
} from './enums';

export const LinkRelation = z
  .enum(linkRelations)
  .describe(
    'How the recommendation (from) relates to the other (to): "repeats" (to is the earlier ' +
      'one it repeats), "overlaps" (the two cover common ground; shown from both ends), ' +
      '"addressed_by" (the actions of to answer from).',
  );
export type LinkRelation = z.infer<typeof LinkRelation>;

export const LinkAllowed = z
  .object({
    delete: z.boolean().describe('The caller may remove the link (the lead of its from end).'),
  })
  .meta({ id: 'LinkAllowed' });
export type LinkAllowed = z.infer<typeof LinkAllowed>;

/** The other end of a link, where the caller may see it (or it is HMPPS-owned: everyone's). */
export const LinkedRecommendationSummary = z
  .object({
    hidden: z.literal(false),
    id: Uuid,
    label: z.string().describe('How people name it, e.g. "Wigan 8".'),
    inspection: z.object({ id: Uuid, title: z.string(), kind: InspectionKind }),
    region: z.object({ id: Uuid, name: z.string() }),
    ownerLevel: OwnerLevel,
    status: RecommendationStatus.describe('Its live status.'),
    decision: ResponseDecision.nullable().describe(
      'Its response decision; null until answered, and always null to those who may not read ' +
        'its live plan (inspectors).',
    ),
    canOpen: z
      .boolean()
      .describe(
        'The caller may open it (it is in a region they see); an HMPPS-owned one in another ' +
          'region is shown, with its live status, but not opened.',
      ),
  })
  .meta({ id: 'LinkedRecommendationSummary' });
export type LinkedRecommendationSummary = z.infer<typeof LinkedRecommendationSummary>;

/** The other end, where the caller may not see it: only that it exists, in another region. */
export const HiddenLinkedRecommendation = z
  .object({
    hidden: z.literal(true),
    description: z.literal('A recommendation in another region'),
  })
  .meta({ id: 'HiddenLinkedRecommendation' });
export type HiddenLinkedRecommendation = z.infer<typeof HiddenLinkedRecommendation>;

export const RecommendationLink = z
  .object({
    id: Uuid,
    fromRecommendationId: Uuid,
    toRecommendationId: Uuid,
    relation: LinkRelation,
    note: z.string().nullable(),
    direction: z
      .enum(['outgoing', 'incoming'])
      .describe(
        '"outgoing": the recommendation asked about is the link\'s from end; "incoming": its to end.',
      ),
    other: z
      .discriminatedUnion('hidden', [LinkedRecommendationSummary, HiddenLinkedRecommendation])
      .describe('The end that is not the recommendation asked about.'),
    createdAt: Timestamp,
    allowed: LinkAllowed,
  })
  .meta({ id: 'RecommendationLink' });
export type RecommendationLink = z.infer<typeof RecommendationLink>;

export const RecommendationLinkList = z
  .object({ items: z.array(RecommendationLink) })
  .meta({ id: 'RecommendationLinkList' });
export type RecommendationLinkList = z.infer<typeof RecommendationLinkList>;

export const CreateRecommendationLinkRequest = z
  .strictObject({
    toRecommendationId: Uuid,
    relation: LinkRelation,
    note: MultiLineText(2000).optional(),
  })
  .meta({ id: 'CreateRecommendationLinkRequest' });
export type CreateRecommendationLinkRequest = z.infer<typeof CreateRecommendationLinkRequest>;

/** The words a link is shown with, read from the end asked about: "Repeats Wigan 8". */
export const linkRelationWords: Record<LinkRelation, { outgoing: string; incoming: string }> = {
  repeats: { outgoing: 'Repeats', incoming: 'Repeated by' },
  overlaps: { outgoing: 'Overlaps with', incoming: 'Overlaps with' },
  addressed_by: { outgoing: 'Addressed by', incoming: 'Addresses' },
};
