import { z } from 'zod';

/** Values fixed by the public contract (docs: api-contract.md, "Values"). */

export const ownerLevels = ['pdu', 'region', 'hmpps'] as const;
export const OwnerLevel = z.enum(ownerLevels);
export type OwnerLevel = z.infer<typeof OwnerLevel>;

/** `addressed_by`: another recommendation's actions answer this one (it has such a link). */
export const responseDecisions = ['agreed', 'partly_agreed', 'not_agreed', 'addressed_by'] as const;
export const ResponseDecision = z.enum(responseDecisions);
export type ResponseDecision = z.infer<typeof ResponseDecision>;

export const actionStatuses = [
  'not_started',
  'in_progress',
  'blocked',
  'complete',
  'verified_closed',
  'cancelled',
] as const;
export const ActionStatus = z.enum(actionStatuses);
export type ActionStatus = z.infer<typeof ActionStatus>;

export const ragRatings = ['red', 'amber', 'green'] as const;
export const Rag = z.enum(ragRatings);
export type Rag = z.infer<typeof Rag>;

export const recommendationStatuses = [
  'open',
  'in_progress',
  'actions_complete',
  'closed',
] as const;
export const RecommendationStatus = z.enum(recommendationStatuses);
export type RecommendationStatus = z.infer<typeof RecommendationStatus>;

export const planStatuses = ['draft', 'submitted', 'returned', 'accepted', 'closed'] as const;
export const PlanStatus = z.enum(planStatuses);
export type PlanStatus = z.infer<typeof PlanStatus>;

export const reviewVerdicts = ['accepted', 'challenged', 'evidence_requested'] as const;
export const ReviewVerdict = z.enum(reviewVerdicts);
export type ReviewVerdict = z.infer<typeof ReviewVerdict>;

export const reviewDecisions = ['accepted', 'returned'] as const;
export const ReviewDecision = z.enum(reviewDecisions);
export type ReviewDecision = z.infer<typeof ReviewDecision>;

export const roles = [
  'admin',
  'region_lead',
  'head_of_operations',
  'national_lead',
  'inspector',
] as const;
export const Role = z.enum(roles);
export type Role = z.infer<typeof Role>;

export const themes = [
  'risk_of_harm',
  'staffing',
  'training',
  'diversity_and_inclusion',
  'victims',
  'domestic_abuse_and_safeguarding',
  'interventions_and_services',
  'management_oversight',
  'court_work',
  'resettlement',
  'engagement',
] as const;
export const Theme = z.enum(themes);
export type Theme = z.infer<typeof Theme>;

/** Project-defined values (not fixed by the contract). */

export const unitTypes = ['hmpps', 'region', 'pdu', 'inspectorate'] as const;
export const UnitType = z.enum(unitTypes);
export type UnitType = z.infer<typeof UnitType>;

/**
 * Where a set of recommendations comes from. The first three are HM Inspectorate of Probation's
 * and go to the inspectorate for review; the others are HMPPS's own and are reviewed inside HMPPS
 * by the reviewer an administrator names.
 */
export const inspectionKinds = [
  'regional_review',
  'pdu_inspection',
  'thematic_inspection',
  'sfo_review',
  'internal_audit',
  'policy_review',
] as const;
export const InspectionKind = z.enum(inspectionKinds);
export type InspectionKind = z.infer<typeof InspectionKind>;

export const inspectorateKinds = [
  'regional_review',
  'pdu_inspection',
  'thematic_inspection',
] as const satisfies readonly InspectionKind[];

/** Whether HM Inspectorate of Probation reviews plans of this kind (otherwise HMPPS does). */
export function isInspectorateKind(kind: InspectionKind): boolean {
  return (inspectorateKinds as readonly InspectionKind[]).includes(kind);
}

/** HMI Probation's four-point rating scale. */
export const ratingValues = ['outstanding', 'good', 'requires_improvement', 'inadequate'] as const;
export const RatingValue = z.enum(ratingValues);
export type RatingValue = z.infer<typeof RatingValue>;

export const measureDirections = ['higher_is_better', 'lower_is_better'] as const;
export const MeasureDirection = z.enum(measureDirections);
export type MeasureDirection = z.infer<typeof MeasureDirection>;

/** How one recommendation relates to another (recommendation links). */
export const linkRelations = ['repeats', 'overlaps', 'addressed_by'] as const;
