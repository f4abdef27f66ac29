import { and, eq, isNotNull, isNull, notInArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';

import type { Actor } from '../auth/actor';
import { canSeeLivePlanData, readScopeOf } from '../auth/policy';
import { userActor } from '../auth/sessions';
import { hashToken } from '../auth/tokens';
import { finishedStatuses } from '../actions/rag';
import type { Db } from '../db/client';
import { actionDueDateChanges, actions } from '../db/schema/actions';
import { actionPlans } from '../db/schema/action-plans';
import { calendarFeeds } from '../db/schema/calendar-feeds';
import { inspections } from '../db/schema/inspections';
import { orgUnits } from '../db/schema/org-units';
import { recommendations } from '../db/schema/recommendations';
import { users } from '../db/schema/users';
import { HttpProblem } from '../http/errors';

/** One dated, unfinished action as the feed shows it: titles and dates, nothing more. */
export interface FeedEntry {
  id: string;
  title: string;
  dueDate: string;
  /** The recommendation it answers, e.g. "Wigan 1". */
  recommendationLabel: string;
  /** How many times the due date has moved: the event's SEQUENCE. */
  moves: number;
  updatedAt: Date;
}

export interface FeedContents {
  name: string;
  entries: FeedEntry[];
}

/** Every failure answers the same, so the answer tells nothing about which feeds exist. */
export function feedRefused(): HttpProblem {
  return new HttpProblem(
    401,
    'Calendar feed not valid',
    'This calendar feed address is not valid, or it has been revoked. Make a new one on "My actions".',
  );
}

/** Writing last-used on every fetch would turn each read into a write: once a minute is enough. */
const touchIntervalMs = 60_000;

const creatorUnit = alias(orgUnits, 'creator_unit');

/**
 * Checks the token against the feed's stored hash, then re-checks its creator: a disabled
 * person's feeds stop at once, and a feed only ever shows what its creator may see today.
 */
export async function feedContents(
  db: Db,
  feedId: string,
  token: string,
  now: Date,
): Promise<FeedContents> {
  const [row] = await db
    .select({
      feed: calendarFeeds,
      creator: users,
      unit: {
        id: creatorUnit.id,
        name: creatorUnit.name,
        type: creatorUnit.type,
        parentId: creatorUnit.parentId,
      },
    })
    .from(calendarFeeds)
    .innerJoin(users, eq(users.id, calendarFeeds.createdById))
    .innerJoin(creatorUnit, eq(creatorUnit.id, users.unitId))
    .where(
      and(
        eq(calendarFeeds.id, feedId),
        eq(calendarFeeds.tokenHash, hashToken(token)),
        isNull(calendarFeeds.revokedAt),
        isNull(users.disabledAt),
      ),
    );
  if (!row) throw feedRefused();
  const creator = userActor(row.creator, row.unit, null);
  const contents = row.feed.planId
    ? await planContents(db, creator, row.feed.planId)
    : await personContents(db, creator);
  await touch(db, row.feed, now);
  return contents;
}

async function touch(db: Db, feed: { id: string; lastUsedAt: Date | null }, now: Date) {
  if (feed.lastUsedAt && now.getTime() - feed.lastUsedAt.getTime() < touchIntervalMs) return;
  await db.update(calendarFeeds).set({ lastUsedAt: now }).where(eq(calendarFeeds.id, feed.id));
}

/** The creator's own unfinished actions, within what their role lets them see now. */
async function personContents(db: Db, creator: Actor): Promise<FeedContents> {
  const scope = readScopeOf(creator);
  const entries = scope.livePlan
    ? await dueEntries(
        db,
        and(
          eq(actions.ownerId, creator.id),
          scope.regionId ? eq(inspections.regionId, scope.regionId) : undefined,
        ),
      )
    : [];
  return { name: 'My action due dates', entries };
}

/** A plan's unfinished actions, while its creator may still see the plan's live data. */
async function planContents(db: Db, creator: Actor, planId: string): Promise<FeedContents> {
  const [plan] = await db
    .select({
      inspectionId: actionPlans.inspectionId,
      regionId: actionPlans.regionId,
      title: inspections.title,
    })
    .from(actionPlans)
    .innerJoin(inspections, eq(inspections.id, actionPlans.inspectionId))
    .where(eq(actionPlans.id, planId));
  if (!plan || !canSeeLivePlanData(creator, plan.regionId)) throw feedRefused();
  const entries = await dueEntries(
    db,
    and(
      eq(recommendations.inspectionId, plan.inspectionId),
      eq(inspections.regionId, plan.regionId),
    ),
  );
  return { name: `Action due dates: ${plan.title}`, entries };
}

const sourcePdu = alias(orgUnits, 'source_pdu');

/** Dated, unfinished actions matching `filter`, soonest first, with how often each date moved. */
async function dueEntries(db: Db, filter: ReturnType<typeof and>): Promise<FeedEntry[]> {
  const rows = await db
    .select({
      id: actions.id,
      title: actions.title,
      dueDate: actions.dueDate,
      updatedAt: actions.updatedAt,
      pduName: sourcePdu.name,
      number: recommendations.number,
      // Correlated count, served by the changes' action_id index: no id list to pass around.
      moves: sql<number>`(select count(*)::int from ${actionDueDateChanges} where ${actionDueDateChanges.actionId} = ${actions.id})`,
    })
    .from(actions)
    .innerJoin(recommendations, eq(recommendations.id, actions.recommendationId))
    .innerJoin(inspections, eq(inspections.id, recommendations.inspectionId))
    .innerJoin(sourcePdu, eq(sourcePdu.id, recommendations.sourcePduId))
    .where(
      and(filter, isNotNull(actions.dueDate), notInArray(actions.status, [...finishedStatuses])),
    )
    .orderBy(actions.dueDate, actions.id);
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    dueDate: row.dueDate!,
    recommendationLabel: `${row.pduName} ${row.number}`,
    // node-postgres may hand an integer aggregate over as text.
    moves: Number(row.moves),
    updatedAt: row.updatedAt,
  }));
}
