import type { Notification, NotificationListQuery, NotificationPage } from '@tracker/shared';
import { and, count, eq, isNotNull, isNull, sql } from 'drizzle-orm';

import type { Db } from '../db/client';
import { notifications } from '../db/schema/notifications';
import { iso } from '../http/iso';
import { afterCursor, newestCreatedFirst, orderByKeyset, toPage } from '../http/pagination';

/** Newest first, on the (recipient, created, id) index. */
const newestFirst = newestCreatedFirst(notifications.createdAt, notifications.id);

const readFilter = (unread: boolean | undefined) =>
  unread === undefined
    ? undefined
    : unread
      ? isNull(notifications.readAt)
      : isNotNull(notifications.readAt);

export async function listNotifications(
  db: Db,
  recipientId: string,
  query: NotificationListQuery,
): Promise<NotificationPage> {
  const rows = await db
    .select()
    .from(notifications)
    .where(
      and(
        eq(notifications.recipientId, recipientId),
        readFilter(query.unread),
        afterCursor(newestFirst, query.cursor),
      ),
    )
    .orderBy(...orderByKeyset(newestFirst))
    .limit(query.limit + 1);
  const page = toPage(
    rows,
    query.limit,
    newestFirst,
    (row) => [iso(row.createdAt), row.id],
    toNotification,
  );
  return { ...page, unreadCount: await unreadCountOf(db, recipientId) };
}

async function unreadCountOf(db: Db, recipientId: string): Promise<number> {
  const [row] = await db
    .select({ unread: count() })
    .from(notifications)
    .where(and(eq(notifications.recipientId, recipientId), isNull(notifications.readAt)));
  return row!.unread;
}

/**
 * Marks one of the person's notifications read; one already read keeps the time it was first
 * read, so repeating the call changes nothing. Undefined when it is not theirs or not there.
 */
export async function markRead(
  db: Db,
  recipientId: string,
  id: string,
  now: Date,
): Promise<Notification | undefined> {
  const moment = sql`${now.toISOString()}::timestamptz`;
  const unread = isNull(notifications.readAt);
  const [row] = await db
    .update(notifications)
    .set({
      readAt: sql`case when ${unread} then ${moment} else ${notifications.readAt} end`,
      updatedAt: sql`case when ${unread} then ${moment} else ${notifications.updatedAt} end`,
    })
    .where(and(eq(notifications.id, id), eq(notifications.recipientId, recipientId)))
    .returning();
  return row && toNotification(row);
}

/** Marks every unread notification of the person read; answers how many there were. */
export async function markAllRead(db: Db, recipientId: string, now: Date): Promise<number> {
  const rows = await db
    .update(notifications)
    .set({ readAt: now, updatedAt: now })
    .where(and(eq(notifications.recipientId, recipientId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return rows.length;
}

function toNotification(row: typeof notifications.$inferSelect): Notification {
  return {
    id: row.id,
    kind: row.kind,
    message: row.message,
    link: row.link,
    createdAt: iso(row.createdAt),
    readAt: row.readAt ? iso(row.readAt) : null,
  };
}
