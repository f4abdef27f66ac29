import type { Notification } from '@tracker/shared';
import { and, eq, isNull, sql } from 'drizzle-orm';

import type { Db } from '../db/client';
import { notifications } from '../db/schema/notifications';
import { toNotification } from './queries';

/*
 * A person's own reading marks: the only writes here. They change nothing anyone else sees and
 * are not audited (the notifications themselves are written by notify(tx, ...) inside the
 * transaction of the change they tell of).
 */

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
