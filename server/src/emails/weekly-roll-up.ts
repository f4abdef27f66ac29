import type { NextStep, RollUp, RollUpCounts } from '@tracker/shared';
import { and, desc, eq, inArray, isNull } from 'drizzle-orm';

import { londonDateOf } from '../actions/rag';
import type { ReadScope } from '../auth/policy';
import type { Db } from '../db/client';
import { outboxEmails } from '../db/schema/emails';
import { users } from '../db/schema/users';
import {
  plansAwaitingNationalLead,
  plansToContinue,
  versionsToReview,
} from '../next-steps/queries';
import { rollUp } from '../roll-up/queries';
import { type DigestSettings, claimJob, isoWeekOf, londonWeekdayAndHour } from './digest';
import { formatCalendarDate, oneLine } from './messages';
import { queueEmail } from './outbox';

/** The figures a weekly roll-up reports, kept with the email to say next week what changed. */
export interface WeeklyFigures {
  overdue: number;
  dueSoon: number;
  unowned: number;
  withoutActions: number;
  openRecommendations: number;
}

type Lead = { id: string; email: string; name: string; role: string; unitId: string };

/**
 * Queues this week's roll-up for every region lead (their region, by PDU) and national lead
 * (every region): what is overdue and due soon, what changed since last week's email, and the
 * plans waiting on them. Once per person and week, on the digest's weekday and hour, whichever
 * instance gets there first. Answers how many this run queued.
 */
export async function queueWeeklyRollUps(
  db: Db,
  settings: DigestSettings,
  now: Date,
): Promise<number> {
  const clock = londonWeekdayAndHour(now);
  if (clock.weekday !== settings.weekday || clock.hour < settings.hour) return 0;
  const week = isoWeekOf(londonDateOf(now));
  const leads = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      unitId: users.unitId,
    })
    .from(users)
    .where(and(inArray(users.role, ['region_lead', 'national_lead']), isNull(users.disabledAt)));
  let queued = 0;
  for (const lead of leads) {
    if (await queueRollUpOnce(db, lead, { week, now, dueSoonDays: settings.dueSoonDays }))
      queued += 1;
  }
  return queued;
}

async function queueRollUpOnce(
  db: Db,
  lead: Lead,
  period: { week: string; now: Date; dueSoonDays: number },
): Promise<boolean> {
  return db.transaction(async (tx) => {
    if (!(await claimJob(tx, 'weekly_roll_up', `${lead.id}:${period.week}`, period.now)))
      return false;
    const national = lead.role === 'national_lead';
    const scope: ReadScope = {
      regionId: national ? null : lead.unitId,
      livePlan: true,
      kinds: null,
    };
    const figures = await rollUp(
      tx,
      { scope, query: { groupBy: national ? 'region' : 'pdu', overdue: false } },
      { now: period.now, dueSoonDays: period.dueSoonDays },
    );
    const waiting = [
      ...(await versionsToReview(tx, { personId: lead.id })),
      ...(national
        ? await plansAwaitingNationalLead(tx, lead.id)
        : await plansToContinue(tx, lead.unitId)),
    ];
    const thisWeek = weeklyFiguresOf(figures.total);
    const lastWeek = await lastWeeksFigures(tx, lead.id);
    await queueEmail(tx, rollUpEmail(lead, figures, thisWeek, lastWeek, waiting), {
      now: period.now,
    });
    return true;
  });
}

export function weeklyFiguresOf(counts: RollUpCounts): WeeklyFigures {
  return {
    overdue: counts.actions.overdue,
    dueSoon: counts.actions.dueSoon,
    unowned: counts.actions.unowned,
    withoutActions: counts.recommendations.withoutActions,
    openRecommendations: counts.recommendations.total - counts.recommendations.closed,
  };
}

/** The figures in the last roll-up this person was sent (or had queued), if any. */
async function lastWeeksFigures(tx: Db, recipientId: string): Promise<WeeklyFigures | null> {
  const [last] = await tx
    .select({ extra: outboxEmails.extra })
    .from(outboxEmails)
    .where(and(eq(outboxEmails.recipientId, recipientId), eq(outboxEmails.kind, 'weekly_roll_up')))
    .orderBy(desc(outboxEmails.createdAt))
    .limit(1);
  const figures = (last?.extra as { figures?: WeeklyFigures } | null)?.figures;
  return figures ?? null;
}

/** "12 (3 more than last week)". */
function withChange(now: number, before: number | undefined): string {
  if (before === undefined || before === now)
    return before === undefined ? `${now}` : `${now} (no change)`;
  const difference = now - before;
  return `${now} (${Math.abs(difference)} ${difference > 0 ? 'more' : 'fewer'} than last week)`;
}

function waitingLine(step: NextStep): string | null {
  switch (step.kind) {
    case 'review_version':
      return `- ${oneLine(step.plan.title)}: version ${step.versionNumber} awaits your review`;
    case 'answer_hmpps_items':
      return `- ${oneLine(step.plan.title)} (${step.plan.region.name}): ${step.awaiting} HMPPS recommendation${step.awaiting === 1 ? '' : 's'} to answer`;
    case 'continue_plan':
      return `- ${oneLine(step.plan.title)}: ${step.answered} of ${step.toAnswer} recommendations answered, ${step.problems} thing${step.problems === 1 ? '' : 's'} to put right before it can be sent`;
    case 'actions_due':
      return null;
  }
}

export function rollUpEmail(
  lead: Lead,
  figures: RollUp,
  thisWeek: WeeklyFigures,
  lastWeek: WeeklyFigures | null,
  waiting: NextStep[],
) {
  const where = lead.role === 'national_lead' ? 'every region' : 'your region';
  const line = (label: string, key: keyof WeeklyFigures) =>
    `- ${label}: ${withChange(thisWeek[key], lastWeek?.[key])}`;
  const behind = figures.rows
    .filter((row) => row.counts.actions.overdue + row.counts.actions.dueSoon > 0)
    .map(
      (row) =>
        `- ${oneLine(row.label)}: ${row.counts.actions.overdue} overdue, ${row.counts.actions.dueSoon} due soon`,
    );
  const waitingLines = waiting.map(waitingLine).filter((text): text is string => text !== null);
  return {
    kind: 'weekly_roll_up' as const,
    to: lead.email,
    recipientId: lead.id,
    subject: `Action plans this week: ${thisWeek.overdue} overdue, ${thisWeek.dueSoon} due soon`,
    body: [
      `Hello ${oneLine(lead.name)},`,
      `The action plans of ${where} as of ${formatCalendarDate(figures.asOf)}${lastWeek ? ', and how they changed since last week' : ''}:`,
      [
        line('Actions overdue', 'overdue'),
        line(`Actions due in the next ${figures.dueSoonDays} days`, 'dueSoon'),
        line('Open actions without an owner', 'unowned'),
        line('Recommendations without actions', 'withoutActions'),
        line('Recommendations not yet closed', 'openRecommendations'),
      ].join('\n'),
      behind.length > 0
        ? `Where actions are overdue or due soon:\n${behind.join('\n')}`
        : 'No action is overdue or due soon.',
      waitingLines.length > 0
        ? `Waiting on you:\n${waitingLines.join('\n')}`
        : 'No plan is waiting on you.',
      'See the roll-up:',
    ].join('\n\n'),
    link: '/roll-up',
    figures: thisWeek,
  };
}
