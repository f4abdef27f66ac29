import { z } from 'zod';

import { PageQuery, Timestamp, UnitRef, Uuid, pageOf } from './common';
import { PlanAllowed } from './allowed';
import { PersonRef } from './actions';
import { InspectionKind, PlanStatus } from './enums';

export const ActionPlan = z
  .object({
    id: Uuid,
    inspectionId: Uuid,
    region: UnitRef,
    inspectionKind: InspectionKind.describe(
      'What the plan answers: where its recommendations come from.',
    ),
    reviewer: PersonRef.nullable().describe(
      'Who reviews its versions inside HMPPS; null where HM Inspectorate of Probation does.',
    ),
    status: PlanStatus,
    latestVersion: z.number().int().nullable().describe('The number of the last version sent.'),
    versionAwaitingReview: z
      .number()
      .int()
      .nullable()
      .describe('The oldest version the inspectorate has not yet decided on.'),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    allowed: PlanAllowed,
  })
  .meta({ id: 'ActionPlan' });
export type ActionPlan = z.infer<typeof ActionPlan>;

export const ActionPlanListQuery = PageQuery.extend({
  inspectionId: Uuid.optional(),
  status: PlanStatus.optional(),
  awaitingReview: z
    .enum(['true', 'false'])
    .optional()
    .transform((value) => (value === undefined ? undefined : value === 'true'))
    .describe('Only plans with (true) or without (false) a version awaiting review.'),
});
export type ActionPlanListQuery = z.infer<typeof ActionPlanListQuery>;

export const ActionPlanPage = pageOf(ActionPlan).meta({ id: 'ActionPlanPage' });
export type ActionPlanPage = z.infer<typeof ActionPlanPage>;
