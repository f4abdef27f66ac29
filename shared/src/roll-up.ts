import { z } from 'zod';

import { CalendarDate, Uuid } from './common';
import { InspectionKind, OwnerLevel, RecommendationStatus, Theme } from './enums';

/*
 * The national roll-up: recommendations, actions and plans counted across every region the
 * caller can see, grouped one way at a time. Inspectors' figures come from the latest
 * submitted version of each plan, never from the live plan.
 */

/** The source of a letter (the inspection's kind). One name, so the rename to `kind` is one line. */
export const RollUpKind = InspectionKind;
export type RollUpKind = z.infer<typeof RollUpKind>;

export const rollUpGroupings = ['region', 'pdu', 'theme', 'ownerLevel', 'kind'] as const;
export const RollUpGrouping = z.enum(rollUpGroupings);
export type RollUpGrouping = z.infer<typeof RollUpGrouping>;

export const RollUpQuery = z.object({
  groupBy: RollUpGrouping.optional().describe(
    "region and pdu: the letter's region and source PDU; theme: a recommendation counts in " +
      'every theme it has, so theme rows add up to more than the total; ownerLevel: the ' +
      "recommendation's owner level; kind: the inspection's kind. When left out: pdu for " +
      'those who see one region (region leads, heads of operations), region for everyone else.',
  ),
  kind: RollUpKind.optional().describe('Only letters of this kind.'),
  status: RecommendationStatus.optional().describe('Only recommendations with this status.'),
  overdue: z
    .enum(['true', 'false'])
    .optional()
    .transform((value) => value === 'true')
    .describe('true: only recommendations with at least one overdue action.'),
  from: CalendarDate.optional().describe('Only letters dated on or after this day.'),
  to: CalendarDate.optional().describe('Only letters dated on or before this day.'),
});
export type RollUpQuery = z.infer<typeof RollUpQuery>;

const Count = z.number().int().min(0);

export const RollUpCounts = z
  .object({
    recommendations: z.object({
      total: Count,
      open: Count,
      in_progress: Count,
      actions_complete: Count,
      closed: Count,
      withoutActions: Count.describe(
        'Not declined (not "not agreed") and with no action other than cancelled ones.',
      ),
    }),
    actions: z.object({
      total: Count,
      red: Count,
      amber: Count,
      green: Count,
      none: Count.describe('Complete, verified closed or cancelled: no rating.'),
      overdue: Count.describe('Open (not started, in progress, blocked) and due before today.'),
      dueSoon: Count.describe('Open and due from today to today + dueSoonDays.'),
      unowned: Count.describe('Open with no owner or a disabled one.'),
    }),
    plans: z
      .object({
        draft: Count,
        submitted: Count,
        returned: Count,
        accepted: Count,
        closed: Count,
      })
      .describe('Plans by stage: each plan with at least one recommendation counted in the row.'),
  })
  .meta({ id: 'RollUpCounts' });
export type RollUpCounts = z.infer<typeof RollUpCounts>;

export const RollUpDrillDown = z
  .object({
    planId: Uuid.nullable().describe('The plan, when the row holds exactly one.'),
    regionId: Uuid.nullable(),
    sourcePduId: Uuid.nullable(),
    theme: Theme.nullable(),
    ownerLevel: OwnerLevel.nullable(),
    kind: RollUpKind.nullable(),
  })
  .describe(
    "Where the row's figures come from: the plan when there is one, and the filters of the " +
      'recommendations list (GET /recommendations) that select its recommendations.',
  );
export type RollUpDrillDown = z.infer<typeof RollUpDrillDown>;

export const RollUpRow = z.object({
  key: z.string().describe('The group: a unit id, a theme, an owner level or a kind.'),
  label: z.string(),
  counts: RollUpCounts,
  drillDown: RollUpDrillDown,
});
export type RollUpRow = z.infer<typeof RollUpRow>;

export const RollUp = z
  .object({
    groupBy: RollUpGrouping,
    asOf: CalendarDate.describe(
      'Today in Europe/London, from which overdue and due soon are reckoned.',
    ),
    dueSoonDays: z.number().int(),
    source: z
      .enum(['live', 'submitted'])
      .describe(
        'live: the plans as they are; submitted: the latest submitted version of each plan (inspectors).',
      ),
    rows: z.array(RollUpRow).describe('In the order of their labels.'),
    total: RollUpCounts.describe(
      'Every recommendation once (by theme, rows add up to more than this).',
    ),
  })
  .meta({ id: 'RollUp' });
export type RollUp = z.infer<typeof RollUp>;

export const RollUpExportQuery = RollUpQuery.extend({ format: z.enum(['csv', 'xlsx']) });
export type RollUpExportQuery = z.infer<typeof RollUpExportQuery>;
