import { z } from 'zod';

import { Timestamp, UnitRef, Uuid } from './common';
import { PlanStatus } from './enums';
import { SubjectRef, VersionKind } from './versions';

/** The plan a next step is about, named as people know it. */
export const PlanRef = z.object({
  id: Uuid,
  inspectionId: Uuid,
  title: z.string().describe("The inspection's title."),
  region: UnitRef,
  status: PlanStatus,
});
export type PlanRef = z.infer<typeof PlanRef>;

const count = z.number().int().nonnegative();

export const NextStep = z
  .discriminatedUnion('kind', [
    z.object({
      kind: z.literal('continue_plan'),
      plan: PlanRef,
      answered: count.describe('Recommendations the region answers that have a response.'),
      toAnswer: count.describe('Recommendations the region answers.'),
      problems: count.describe(
        'Readiness problems the region lead must put right before submitting (as the readiness check lists them), other than a recommendation without a response: `answered` of `toAnswer` counts those.',
      ),
      waitingOnNationalLead: count.describe(
        'Readiness problems only the HMPPS national lead can put right (HMPPS-owned work).',
      ),
    }),
    z.object({
      kind: z.literal('answer_hmpps_items'),
      plan: PlanRef,
      awaiting: count.describe('HMPPS-owned recommendations in the plan without a response.'),
      askedAt: Timestamp.nullable().describe('When the region lead last asked for them.'),
    }),
    z.object({
      kind: z.literal('actions_due'),
      unit: UnitRef.describe('Whose actions: a PDU, a region, or HMPPS.'),
      overdue: count,
      dueSoon: count,
    }),
    z.object({
      kind: z.literal('review_version'),
      plan: PlanRef,
      versionNumber: z.number().int().positive(),
      versionKind: VersionKind,
      submittedAt: Timestamp,
    }),
  ])
  .meta({ id: 'NextStep' });
export type NextStep = z.infer<typeof NextStep>;

export const maxNextStepsOfAKind = 100;

export const NextSteps = z
  .object({
    items: z
      .array(NextStep)
      .describe(
        `What needs the caller now, most pressing first; at most ${maxNextStepsOfAKind} of each kind.`,
      ),
  })
  .meta({ id: 'NextSteps' });
export type NextSteps = z.infer<typeof NextSteps>;

export const NationalLeadRequest = z
  .object({
    planId: Uuid,
    notified: count.describe('How many national leads were told.'),
    recommendations: z
      .array(SubjectRef)
      .describe('The HMPPS-owned recommendations the plan waits on, in the order of the letter.'),
  })
  .meta({ id: 'NationalLeadRequest' });
export type NationalLeadRequest = z.infer<typeof NationalLeadRequest>;
