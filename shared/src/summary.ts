import { z } from 'zod';

import { CalendarDate, UnitRef, Uuid } from './common';
import { ActionStatus, OwnerLevel, Theme } from './enums';

const RagCounts = z.object({
  red: z.number().int(),
  amber: z.number().int(),
  green: z.number().int(),
  /** Finished actions carry no rating. */
  none: z.number().int(),
});

const ActionBrief = z.object({
  id: Uuid,
  title: z.string(),
  recommendationId: Uuid,
  owningUnit: UnitRef,
  ownerName: z.string().nullable(),
  dueDate: CalendarDate.nullable(),
  status: ActionStatus,
});

const RecommendationBrief = z.object({
  id: Uuid,
  sourcePduName: z.string(),
  number: z.number().int(),
  text: z.string(),
});

/** One row of a progress table: how far a group's actions have got. */
const Progress = z.object({
  total: z.number().int(),
  finished: z.number().int().describe('Complete, verified closed or cancelled.'),
  averagePercentComplete: z.number(),
  rag: RagCounts,
});

export const PlanSummary = z
  .object({
    planId: Uuid,
    asOf: CalendarDate.describe(
      'Today in Europe/London, from which overdue and due soon are reckoned.',
    ),
    dueSoonDays: z.number().int(),
    actions: z.object({
      total: z.number().int(),
      byStatus: z.record(ActionStatus, z.number().int()),
      rag: RagCounts,
    }),
    overdue: z.array(ActionBrief).describe('Soonest due first, at most 50.'),
    dueSoon: z.array(ActionBrief).describe('Due within dueSoonDays, at most 50.'),
    unownedActions: z
      .array(ActionBrief)
      .describe('Open actions with no owner or a disabled one, at most 50.'),
    recommendationsWithoutActions: z.array(RecommendationBrief),
    byOwningUnit: z.array(Progress.extend({ unit: UnitRef })),
    byOwnerLevel: z.array(Progress.extend({ ownerLevel: OwnerLevel })),
    byTheme: z.array(Progress.extend({ theme: Theme })),
  })
  .meta({ id: 'PlanSummary' });
export type PlanSummary = z.infer<typeof PlanSummary>;
