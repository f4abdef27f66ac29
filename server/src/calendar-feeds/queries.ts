import type { CalendarFeed, CalendarFeedPage } from '@tracker/shared';
import { and, eq } from 'drizzle-orm';

import type { Db } from '../db/client';
import { actionPlans } from '../db/schema/action-plans';
import { calendarFeeds } from '../db/schema/calendar-feeds';
import { inspections } from '../db/schema/inspections';
import { users } from '../db/schema/users';
import { iso } from '../http/iso';
import { afterCursor, newestCreatedFirst, orderByKeyset, toPage } from '../http/pagination';

const newestFirst = newestCreatedFirst(calendarFeeds.createdAt, calendarFeeds.id);

/** A feed with what names its subject: the person's name or the plan's inspection. */
function selectFeeds(db: Db) {
  return db
    .select({
      feed: calendarFeeds,
      personName: users.name,
      planTitle: inspections.title,
      planRegionId: actionPlans.regionId,
    })
    .from(calendarFeeds)
    .leftJoin(users, eq(users.id, calendarFeeds.personId))
    .leftJoin(actionPlans, eq(actionPlans.id, calendarFeeds.planId))
    .leftJoin(inspections, eq(inspections.id, actionPlans.inspectionId));
}

type FeedRow = Awaited<ReturnType<ReturnType<typeof selectFeeds>['execute']>>[number];

/** The feeds a person made, newest first, revoked ones included so they can see what they did. */
export async function listFeedsOf(
  db: Db,
  creatorId: string,
  query: { limit: number; cursor?: string | undefined },
): Promise<CalendarFeedPage> {
  const rows = await selectFeeds(db)
    .where(and(eq(calendarFeeds.createdById, creatorId), afterCursor(newestFirst, query.cursor)))
    .orderBy(...orderByKeyset(newestFirst))
    .limit(query.limit + 1);
  return toPage(
    rows,
    query.limit,
    newestFirst,
    (row) => [iso(row.feed.createdAt), row.feed.id],
    toCalendarFeed,
  );
}

/** One feed, with who made it and, for a plan's feed, the plan's region (for the audit trail). */
export async function findFeed(db: Db, id: string) {
  const [row] = await selectFeeds(db).where(eq(calendarFeeds.id, id));
  return (
    row && {
      feed: toCalendarFeed(row),
      createdById: row.feed.createdById,
      planRegionId: row.planRegionId,
    }
  );
}

function toCalendarFeed({ feed, personName, planTitle }: FeedRow): CalendarFeed {
  const subject = feed.planId
    ? { kind: 'plan' as const, id: feed.planId, label: planTitle ?? 'Action plan' }
    : { kind: 'person' as const, id: feed.personId!, label: personName ?? 'Your actions' };
  return {
    id: feed.id,
    subject,
    createdAt: iso(feed.createdAt),
    revokedAt: feed.revokedAt ? iso(feed.revokedAt) : null,
    lastUsedAt: feed.lastUsedAt ? iso(feed.lastUsedAt) : null,
  };
}
