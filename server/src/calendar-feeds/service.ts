import type { CalendarFeed, CreateCalendarFeedRequest } from '@tracker/shared';
import { and, eq, isNull } from 'drizzle-orm';

import { recordAudit } from '../audit/record';
import { type Actor, auditActor } from '../auth/actor';
import { hidden } from '../auth/hidden';
import { canSeeLivePlanData } from '../auth/policy';
import type { RequestContext } from '../auth/context';
import { hashToken, newToken } from '../auth/tokens';
import type { Db } from '../db/client';
import { actionPlans } from '../db/schema/action-plans';
import { calendarFeeds } from '../db/schema/calendar-feeds';
import { notFound } from '../http/errors';
import { findFeed } from './queries';

/** A recognisable prefix lets secret scanners spot a leaked feed address. */
const tokenPrefix = 'iapc_';

export interface FeedContext extends RequestContext {
  actor: Actor;
  /** Where people reach the service; the feed's address is built on it. */
  publicUrl: string;
}

/** The address a calendar program subscribes to; the token is its only credential. */
export function feedUrl(publicUrl: string, feedId: string, token: string): string {
  return `${publicUrl}/api/v1/calendar-feeds/${feedId}/calendar.ics?token=${token}`;
}

/**
 * Makes a feed of the caller's own actions, or of a plan whose live data they may see (a plan
 * they may not see is hidden: the route answers 404). The token is in this answer only.
 */
export async function createFeed(
  db: Db,
  input: CreateCalendarFeedRequest,
  context: FeedContext,
): Promise<CalendarFeed> {
  const { actor } = context;
  return db.transaction(async (tx) => {
    const regionId = input.planId ? await visiblePlanRegion(tx, actor, input.planId) : null;
    const token = newToken(tokenPrefix);
    const [row] = await tx
      .insert(calendarFeeds)
      .values({
        tokenHash: hashToken(token),
        createdById: actor.id,
        personId: input.planId ? null : actor.id,
        planId: input.planId ?? null,
        createdAt: context.now,
        updatedAt: context.now,
      })
      .returning({ id: calendarFeeds.id });
    const { feed } = (await findFeed(tx, row!.id))!;
    await recordAudit(tx, {
      ...auditActor(actor),
      action: 'calendar_feed.created',
      subjectType: 'calendar_feed',
      subjectId: feed.id,
      regionId: regionId ?? actor.regionId,
      requestId: context.requestId,
      // Never the token or the address: the trail is read by more people than the feed's owner.
      after: { subject: { kind: feed.subject.kind, id: feed.subject.id } },
    });
    return { ...feed, url: feedUrl(context.publicUrl, feed.id, token) };
  });
}

async function visiblePlanRegion(tx: Db, actor: Actor, planId: string): Promise<string> {
  const [plan] = await tx
    .select({ regionId: actionPlans.regionId })
    .from(actionPlans)
    .where(eq(actionPlans.id, planId));
  if (!plan) throw notFound('Action plan', planId);
  if (!canSeeLivePlanData(actor, plan.regionId)) throw hidden('Action plan', planId);
  return plan.regionId;
}

/**
 * Revokes one of the caller's own feeds; someone else's is hidden (the route answers 404).
 * Revoking again changes nothing and writes no second audit row.
 */
export async function revokeFeed(db: Db, id: string, context: FeedContext): Promise<CalendarFeed> {
  return db.transaction(async (tx) => {
    const before = await findFeed(tx, id);
    if (!before) throw notFound('Calendar feed', id);
    if (before.createdById !== context.actor.id) throw hidden('Calendar feed', id);
    const revoked = await tx
      .update(calendarFeeds)
      .set({ revokedAt: context.now, updatedAt: context.now })
      .where(and(eq(calendarFeeds.id, id), isNull(calendarFeeds.revokedAt)))
      .returning({ id: calendarFeeds.id });
    if (revoked.length > 0) {
      await recordAudit(tx, {
        ...auditActor(context.actor),
        action: 'calendar_feed.revoked',
        subjectType: 'calendar_feed',
        subjectId: id,
        regionId: before.planRegionId ?? context.actor.regionId,
        requestId: context.requestId,
      });
    }
    return (await findFeed(tx, id))!.feed;
  });
}
