import { z } from 'zod';

import { PageQuery, Timestamp, UnitRef, Uuid, pageOf } from './common';
import { PlanStatus } from './enums';

export const ActionPlan = z
  .object({
    id: Uuid,
    inspectionId: Uuid,
    region: UnitRef,
    status: PlanStatus,
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'ActionPlan' });
export type ActionPlan = z.infer<typeof ActionPlan>;

export const ActionPlanListQuery = PageQuery.extend({
  inspectionId: Uuid.optional(),
  status: PlanStatus.optional(),
});
export type ActionPlanListQuery = z.infer<typeof ActionPlanListQuery>;

export const ActionPlanPage = pageOf(ActionPlan).meta({ id: 'ActionPlanPage' });
export type ActionPlanPage = z.infer<typeof ActionPlanPage>;
