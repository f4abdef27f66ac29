import type { Notification, NotificationListQuery, NotificationPage } from '@tracker/shared';
import { and, count, eq, isNotNull, isNull } from 'drizzle-orm';

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

/** A notification row as the API answers it. */
export function toNotification(row: typeof notifications.$inferSelect): Notification {
  return {
    id: row.id,
    kind: row.kind,
    message: row.message,
    link: row.link,
    createdAt: iso(row.createdAt),
    readAt: row.readAt ? iso(row.readAt) : null,
  };
}
