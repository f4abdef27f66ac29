import { and, asc, eq, isNotNull, isNull, lte, notInArray } from 'drizzle-orm';

import { daysBetween, finishedStatuses, londonDateOf } from '../actions/rag';
import type { Db } from '../db/client';
import { actions } from '../db/schema/actions';
import { scheduledJobs } from '../db/schema/emails';
import { users } from '../db/schema/users';
import { formatCalendarDate, oneLine } from './messages';
import { queueEmail } from './outbox';

export interface DigestSettings {
  /** The amber window: actions due within this many days are "due soon". */
  dueSoonDays: number;
  /** ISO weekday (1 = Monday) and hour, London time, from which the week's digest goes. */
  weekday: number;
  hour: number;
}

const londonClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  weekday: 'short',
  hour: 'numeric',
  hourCycle: 'h23',
});
const isoWeekdays = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** The weekday (1 = Monday) and hour in London at a moment. */
export function londonWeekdayAndHour(moment: Date): { weekday: number; hour: number } {
  const parts = londonClock.formatToParts(moment);
  const value = (type: string) => parts.find((part) => part.type === type)?.value ?? '';
  return { weekday: isoWeekdays.indexOf(value('weekday')) + 1, hour: Number(value('hour')) };
}

/** "2026-W06": the ISO 8601 week of a calendar date (weeks start on Monday; week 1 holds 4 January). */
export function isoWeekOf(isoDate: string): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  // The Thursday of the date's week decides which year the week belongs to.
  date.setUTCDate(date.getUTCDate() + 4 - (date.getUTCDay() || 7));
  const year = date.getUTCFullYear();
  const week = Math.ceil((daysBetween(`${year}-01-01`, date.toISOString().slice(0, 10)) + 1) / 7);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000)
    .toISOString()
    .slice(0, 10);
}

/** Unfinished actions with a due date on or before `lastDay`, of one owner or of everyone. */
const dueBy = (lastDay: string, ownerId?: string) =>
  and(
    ownerId ? eq(actions.ownerId, ownerId) : isNotNull(actions.ownerId),
    isNotNull(actions.dueDate),
    lte(actions.dueDate, lastDay),
    notInArray(actions.status, [...finishedStatuses]),
  );

/** Active people who own an unfinished action that is overdue or due within the window. */
async function ownersWithDueActions(db: Db, lastDay: string) {
  return db
    .selectDistinct({ id: users.id, email: users.email, name: users.name })
    .from(actions)
    .innerJoin(users, eq(users.id, actions.ownerId))
    .where(and(dueBy(lastDay), isNull(users.disabledAt)));
}

type Owner = Awaited<ReturnType<typeof ownersWithDueActions>>[number];

/**
 * Queues this week's digest for every owner of something due soon or overdue, once per person
 * and week whichever server gets there first, on the configured weekday from the configured
 * hour (London). Answers how many digests this run queued.
 */
export async function queueWeeklyDigests(
  db: Db,
  settings: DigestSettings,
  now: Date,
): Promise<number> {
  const clock = londonWeekdayAndHour(now);
  if (clock.weekday !== settings.weekday || clock.hour < settings.hour) return 0;
  const today = londonDateOf(now);
  const lastDay = addDays(today, settings.dueSoonDays);
  const period = { week: isoWeekOf(today), today, lastDay };
  let queued = 0;
  for (const owner of await ownersWithDueActions(db, lastDay)) {
    if (await queueDigestOnce(db, owner, period, now)) queued += 1;
  }
  return queued;
}

/**
 * Claims a job by its kind and key inside the caller's transaction: true for the one caller that
 * inserts the row, false for everyone after (see `queueDigestOnce` for why this is enough).
 */
export async function claimJob(tx: Db, kind: string, key: string, now: Date): Promise<boolean> {
  const [job] = await tx
    .insert(scheduledJobs)
    .values({ kind, key, createdAt: now, updatedAt: now })
    .onConflictDoNothing()
    .returning({ id: scheduledJobs.id });
  return job !== undefined;
}

/**
 * The job row and the email commit together. On PostgreSQL a second server inserting the same
 * key waits for the first to commit and then inserts nothing; if the first rolls back, the
 * second does the work. (An advisory lock would prove nothing on PGlite's one connection.)
 */
async function queueDigestOnce(
  db: Db,
  owner: Owner,
  period: { week: string; today: string; lastDay: string },
  now: Date,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    if (!(await claimJob(tx, 'weekly_digest', `${owner.id}:${period.week}`, now))) return false;
    const due = await tx
      .select({ title: actions.title, dueDate: actions.dueDate })
      .from(actions)
      .where(dueBy(period.lastDay, owner.id))
      .orderBy(asc(actions.dueDate), asc(actions.title));
    if (due.length === 0) return false;
    await queueEmail(tx, digestEmail(owner, due, period), { now });
    return true;
  });
}

function digestEmail(
  owner: Owner,
  due: { title: string; dueDate: string | null }[],
  period: { today: string; lastDay: string },
) {
  const line = (action: (typeof due)[number]) =>
    `- ${oneLine(action.title)}: due ${formatCalendarDate(action.dueDate!)}`;
  const overdue = due.filter((action) => action.dueDate! < period.today);
  const soon = due.filter((action) => action.dueDate! >= period.today);
  const sections = [
    overdue.length > 0 ? `Overdue (${overdue.length}):\n${overdue.map(line).join('\n')}` : null,
    soon.length > 0
      ? `Due by ${formatCalendarDate(period.lastDay)} (${soon.length}):\n${soon.map(line).join('\n')}`
      : null,
  ].filter((section): section is string => section !== null);
  return {
    kind: 'weekly_digest' as const,
    to: owner.email,
    recipientId: owner.id,
    subject: `Your actions this week: ${overdue.length} overdue, ${soon.length} due soon`,
    body: [
      `Hello ${oneLine(owner.name)},`,
      `These are your actions that are overdue or due in the next few days, as of ${formatCalendarDate(period.today)}.`,
      ...sections,
      'See all your actions:',
    ].join('\n\n'),
    link: '/my-actions',
  };
}
