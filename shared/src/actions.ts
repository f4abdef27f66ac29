import { z } from 'zod';

import {
  CalendarDate,
  MultiLineText,
  PageQuery,
  SingleLineText,
  Timestamp,
  UnitRef,
  Uuid,
  pageOf,
} from './common';
import { ActionAllowed } from './allowed';
import { ActionStatus, Rag } from './enums';

export const PersonRef = z.object({ id: Uuid, name: z.string() });
export type PersonRef = z.infer<typeof PersonRef>;

export const DueDateChange = z.object({
  fromDate: CalendarDate.nullable(),
  toDate: CalendarDate.nullable(),
  reason: z.string(),
  changedBy: PersonRef.nullable(),
  changedAt: Timestamp,
});
export type DueDateChange = z.infer<typeof DueDateChange>;

export const RagOverride = z.object({ rating: Rag, reason: z.string() });

export const Action = z
  .object({
    id: Uuid,
    recommendationId: Uuid,
    inspectionId: Uuid,
    title: z.string(),
    description: z.string().nullable(),
    owningUnit: UnitRef,
    owner: PersonRef.extend({
      disabled: z.boolean().describe('A disabled owner counts as no owner.'),
    })
      .nullable()
      .describe('The named owner.'),
    ownerRole: z.string().nullable(),
    startDate: CalendarDate.nullable(),
    dueDate: CalendarDate.nullable(),
    originalDueDate: CalendarDate.nullable().describe(
      'The first agreed due date, kept when it moves.',
    ),
    dueDateHistory: z.array(DueDateChange),
    successMeasure: z.string().nullable().describe('"How we will know."'),
    status: ActionStatus,
    cancelReason: z.string().nullable(),
    percentComplete: z.number().int().min(0).max(100),
    rag: Rag.nullable().describe(
      'Derived (see docs/decisions/004-rag.md) unless overridden; null once finished.',
    ),
    ragOverride: RagOverride.nullable(),
    waiting: z.boolean().describe('True while an action this one depends on is unfinished.'),
    dependsOn: z.array(Uuid),
    evidenceCount: z.number().int(),
    revision: z.number().int(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    allowed: ActionAllowed,
  })
  .meta({ id: 'Action' });
export type Action = z.infer<typeof Action>;

export const CreateActionRequest = z
  .strictObject({
    title: SingleLineText(300),
    description: MultiLineText(5000).optional(),
    owningUnitId: Uuid,
    ownerId: Uuid.optional(),
    ownerRole: SingleLineText(200).optional(),
    startDate: CalendarDate.optional(),
    dueDate: CalendarDate.optional(),
    successMeasure: MultiLineText(2000).optional(),
    dependsOn: z.array(Uuid).max(50).optional(),
  })
  .meta({ id: 'CreateActionRequest' });
export type CreateActionRequest = z.infer<typeof CreateActionRequest>;

/** Every field optional; null clears. A due-date change needs a reason once one was agreed. */
export const UpdateActionRequest = z
  .strictObject({
    title: SingleLineText(300).optional(),
    description: MultiLineText(5000).nullable().optional(),
    owningUnitId: Uuid.optional(),
    ownerId: Uuid.nullable().optional(),
    ownerRole: SingleLineText(200).nullable().optional(),
    startDate: CalendarDate.nullable().optional(),
    dueDate: CalendarDate.optional(),
    dueDateChangeReason: SingleLineText(1000).optional(),
    successMeasure: MultiLineText(2000).nullable().optional(),
    status: ActionStatus.optional(),
    statusReason: SingleLineText(1000)
      .optional()
      .describe('Required to cancel, or to reopen a closed action.'),
    percentComplete: z.number().int().min(0).max(100).optional(),
    ragOverride: RagOverride.extend({ reason: SingleLineText(1000) })
      .nullable()
      .optional(),
    dependsOn: z.array(Uuid).max(50).optional(),
  })
  .meta({ id: 'UpdateActionRequest' });
export type UpdateActionRequest = z.infer<typeof UpdateActionRequest>;

export const actionSorts = ['dueDate', '-dueDate', 'updatedAt', '-updatedAt'] as const;

export const ActionListQuery = PageQuery.extend({
  recommendationId: Uuid.optional(),
  inspectionId: Uuid.optional(),
  owningUnitId: Uuid.optional(),
  ownerId: Uuid.optional(),
  status: ActionStatus.optional(),
  sort: z.enum(actionSorts).default('dueDate').describe('Actions without a due date come last.'),
});
export type ActionListQuery = z.infer<typeof ActionListQuery>;

export const ActionPage = pageOf(Action).meta({ id: 'ActionPage' });
export type ActionPage = z.infer<typeof ActionPage>;

export const ProgressUpdate = z
  .object({
    id: Uuid,
    actionId: Uuid,
    narrative: z.string(),
    percentComplete: z.number().int().nullable(),
    statusChange: ActionStatus.nullable(),
    author: PersonRef.nullable(),
    recordedAt: Timestamp,
  })
  .meta({ id: 'ProgressUpdate' });
export type ProgressUpdate = z.infer<typeof ProgressUpdate>;

export const CreateProgressUpdateRequest = z
  .strictObject({
    narrative: MultiLineText(5000),
    percentComplete: z.number().int().min(0).max(100).optional(),
    status: ActionStatus.optional(),
    statusReason: SingleLineText(1000).optional(),
  })
  .meta({ id: 'CreateProgressUpdateRequest' });
export type CreateProgressUpdateRequest = z.infer<typeof CreateProgressUpdateRequest>;

export const ProgressUpdatePage = pageOf(ProgressUpdate).meta({ id: 'ProgressUpdatePage' });
export type ProgressUpdatePage = z.infer<typeof ProgressUpdatePage>;
