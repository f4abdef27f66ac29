import { z } from 'zod';

import { Action, PersonRef } from './actions';
import { VersionAllowed } from './allowed';
import { CalendarDate, MultiLineText, PageQuery, Timestamp, Uuid, pageOf } from './common';
import { ReviewDecision } from './enums';
import { Evidence } from './evidence';
import { OutcomeMeasure } from './outcome-measures';
import { Recommendation, RecommendationResponse } from './recommendations';

/** What a readiness problem is about; the web links to it, integrations follow `href`. */
export const SubjectRef = z.object({
  kind: z.enum(['recommendation', 'action']),
  id: Uuid,
  label: z.string().describe('How people name it, e.g. "Tameside 3" or an action\'s title.'),
  href: z.string().describe('The API address of the subject.'),
});
export type SubjectRef = z.infer<typeof SubjectRef>;

export const readinessProblemCodes = [
  'no_response',
  'no_rationale',
  'no_actions',
  'action_no_owner',
  'action_owner_disabled',
  'action_no_due_date',
  'action_no_success_measure',
] as const;

export const ReadinessProblem = z
  .object({
    code: z.enum(readinessProblemCodes),
    message: z.string(),
    subject: SubjectRef,
    recommendationId: Uuid.describe('The recommendation the problem sits under.'),
    mustAct: z
      .enum(['region_lead', 'national_lead'])
      .describe(
        'Who must put it right: the region lead, or the HMPPS national lead for HMPPS-owned work.',
      ),
  })
  .meta({ id: 'ReadinessProblem' });
export type ReadinessProblem = z.infer<typeof ReadinessProblem>;

export const recommendationReadinessStates = [
  'needs_response',
  'needs_rationale',
  'needs_action',
  'action_details_needed',
  'ready',
] as const;
export const RecommendationReadinessState = z.enum(recommendationReadinessStates);
export type RecommendationReadinessState = z.infer<typeof RecommendationReadinessState>;

export const RecommendationReadiness = z
  .object({
    recommendationId: Uuid,
    state: RecommendationReadinessState.describe(
      'What the recommendation needs before the plan can be submitted: a response (no_response), ' +
        'a rationale (not agreed without one: no_rationale), an action (agreed or partly agreed ' +
        'with no live action: no_actions), details of an action (an owner, a due date or a ' +
        'success measure: the action_ problems), or nothing (ready).',
    ),
    mustAct: ReadinessProblem.shape.mustAct
      .nullable()
      .describe(
        "Who must act on it next; null when ready. Where both leads have something to put right, the region lead's part comes first.",
      ),
  })
  .meta({ id: 'RecommendationReadiness' });
export type RecommendationReadiness = z.infer<typeof RecommendationReadiness>;

export const Readiness = z
  .object({
    planId: Uuid,
    ready: z.boolean(),
    problems: z.array(ReadinessProblem).describe('In the order of the letter.'),
    recommendations: z
      .array(RecommendationReadiness)
      .describe(
        'Every recommendation of the plan, in the order of the letter, with its state drawn from the problems.',
      ),
  })
  .meta({ id: 'Readiness' });
export type Readiness = z.infer<typeof Readiness>;

export const SubmitPlanRequest = z
  .strictObject({
    declaration: z
      .literal(true, { error: 'confirm the plan is complete and accurate' })
      .describe('The region lead confirms the plan is complete and accurate.'),
    note: MultiLineText(5000).optional().describe('A covering note to the inspectorate.'),
  })
  .meta({ id: 'SubmitPlanRequest' });
export type SubmitPlanRequest = z.infer<typeof SubmitPlanRequest>;

export const versionKinds = ['submission', 'progress_report'] as const;
export const VersionKind = z.enum(versionKinds);
export type VersionKind = z.infer<typeof VersionKind>;

/** In the form HMI Probation's published action plans use. */
export const VersionHeader = z.object({
  title: z.string().describe('"Action plan: Greater Manchester"'),
  subtitle: z
    .string()
    .describe(
      '"A response to HM Inspectorate of Probation\'s regional review letter of 25 May 2023"',
    ),
  submittedOn: CalendarDate,
  submittedBy: z.string(),
});
export type VersionHeader = z.infer<typeof VersionHeader>;

export const VersionEvidence = Evidence.omit({
  actionId: true,
  removedAt: true,
  removedBy: true,
  removedReason: true,
}).describe(
  'downloadUrl downloads the file through this version, even once removed from the plan.',
);
export type VersionEvidence = z.infer<typeof VersionEvidence>;

export const VersionAction = Action.omit({
  recommendationId: true,
  inspectionId: true,
  evidenceCount: true,
  revision: true,
  allowed: true,
}).extend({ evidence: z.array(VersionEvidence) });
export type VersionAction = z.infer<typeof VersionAction>;

export const VersionMeasure = OutcomeMeasure.omit({
  revision: true,
  recommendationId: true,
}).extend({
  // Versions sent before it was recorded do not have it.
  targetHeldSince: OutcomeMeasure.shape.targetHeldSince.optional(),
  monthsToHoldTarget: OutcomeMeasure.shape.monthsToHoldTarget.optional(),
});
export type VersionMeasure = z.infer<typeof VersionMeasure>;

/**
 * Fields added since versions were first kept are optional here: a version is read back as it
 * was stored, and one sent before them has none.
 */
const VersionResponse = RecommendationResponse.extend({
  addressedBy: RecommendationResponse.shape.addressedBy.optional(),
});

export const VersionRecommendation = Recommendation.omit({
  inspectionId: true,
  allowed: true,
}).extend({
  response: VersionResponse.nullable(),
  nationalLinks: Recommendation.shape.nationalLinks.optional(),
  actions: z.array(VersionAction),
  outcomeMeasures: z.array(VersionMeasure),
  // Versions sent before it was recorded do not have it.
  unmetMeasuresReason: Recommendation.shape.unmetMeasuresReason.optional(),
});
export type VersionRecommendation = z.infer<typeof VersionRecommendation>;

/** The frozen content of a version: the whole plan as it stood when sent. */
export const PlanVersionDocument = z.object({
  header: VersionHeader,
  recommendations: z.array(VersionRecommendation).describe('In the order of the letter.'),
});
export type PlanVersionDocument = z.infer<typeof PlanVersionDocument>;

export const VersionReview = z.object({
  decision: ReviewDecision,
  reasons: z.string().nullable().describe('Why it was returned.'),
  reviewedBy: PersonRef.nullable(),
  reviewedAt: Timestamp,
});
export type VersionReview = z.infer<typeof VersionReview>;

export const PlanVersionSummary = z
  .object({
    planId: Uuid,
    number: z.number().int().min(1),
    kind: VersionKind.describe('A submission, or a progress report on an accepted plan.'),
    header: VersionHeader,
    note: z.string().nullable(),
    submittedBy: PersonRef.nullable().describe('Null when an API client submitted it.'),
    submittedAt: Timestamp,
    review: VersionReview.nullable().describe('Null while it awaits review.'),
  })
  .meta({ id: 'PlanVersionSummary' });
export type PlanVersionSummary = z.infer<typeof PlanVersionSummary>;

export const PlanVersion = PlanVersionSummary.extend({
  recommendations: PlanVersionDocument.shape.recommendations,
  allowed: VersionAllowed,
}).meta({ id: 'PlanVersion' });
export type PlanVersion = z.infer<typeof PlanVersion>;

export const PlanVersionPage = pageOf(PlanVersionSummary).meta({ id: 'PlanVersionPage' });
export type PlanVersionPage = z.infer<typeof PlanVersionPage>;

export const VersionListQuery = PageQuery;
export type VersionListQuery = z.infer<typeof VersionListQuery>;

export const FieldChange = z.object({
  field: z
    .string()
    .describe('The field\'s name in the API, e.g. "dueDate" or "response.rationale".'),
  from: z.unknown(),
  to: z.unknown(),
});
export type FieldChange = z.infer<typeof FieldChange>;

export const changeKinds = ['added', 'removed', 'changed'] as const;
export const ChangeKind = z.enum(changeKinds);
export type ChangeKind = z.infer<typeof ChangeKind>;

export const DueDateMove = z.object({
  from: CalendarDate.nullable(),
  to: CalendarDate.nullable(),
  reason: z.string(),
  changedAt: Timestamp,
});
export type DueDateMove = z.infer<typeof DueDateMove>;

const Titled = z.object({ id: Uuid, title: z.string() });

export const ActionDiff = z.object({
  id: Uuid,
  title: z.string(),
  change: ChangeKind,
  fields: z.array(FieldChange),
  dueDateMoves: z
    .array(DueDateMove)
    .describe('Each move of the due date between the two, with its reason.'),
  evidenceAdded: z.array(Titled),
  evidenceRemoved: z.array(Titled),
});
export type ActionDiff = z.infer<typeof ActionDiff>;

export const MeasureDiff = z.object({
  id: Uuid,
  name: z.string(),
  change: ChangeKind,
  fields: z.array(FieldChange),
});
export type MeasureDiff = z.infer<typeof MeasureDiff>;

export const RecommendationDiff = z.object({
  id: Uuid,
  label: z.string().describe('"Tameside 3"'),
  change: ChangeKind,
  fields: z.array(FieldChange),
  actions: z.array(ActionDiff),
  outcomeMeasures: z.array(MeasureDiff),
});
export type RecommendationDiff = z.infer<typeof RecommendationDiff>;

export const PlanDiff = z
  .object({
    planId: Uuid,
    from: z.number().int(),
    to: z.union([z.number().int(), z.literal('live')]),
    recommendations: z
      .array(RecommendationDiff)
      .describe('Only recommendations where something changed, in the order of the letter.'),
  })
  .meta({ id: 'PlanDiff' });
export type PlanDiff = z.infer<typeof PlanDiff>;

export const planEventKinds = [
  'submitted',
  'progress_reported',
  'accepted',
  'returned',
  'closed',
  'reopened',
] as const;
export const PlanEventKind = z.enum(planEventKinds);
export type PlanEventKind = z.infer<typeof PlanEventKind>;

export const PlanEvent = z
  .object({
    id: Uuid,
    kind: PlanEventKind,
    versionNumber: z.number().int().nullable(),
    actor: z.string().describe('Who did it.'),
    detail: z.string().nullable().describe('Reasons for a return, or a note.'),
    at: Timestamp,
  })
  .meta({ id: 'PlanEvent' });
export type PlanEvent = z.infer<typeof PlanEvent>;

export const PlanEventPage = pageOf(PlanEvent).meta({ id: 'PlanEventPage' });
export type PlanEventPage = z.infer<typeof PlanEventPage>;
