import { index, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';

import { createdAt, id, updatedAt } from './columns';
import { notificationKindEnum } from './enums';
import { users } from './users';

/** Something a person should know about, with where to look; read when they say so. */
export const notifications = pgTable(
  'notifications',
  {
    id: id(),
    recipientId: uuid('recipient_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: notificationKindEnum('kind').notNull(),
    message: text('message').notNull(),
    /** Where in the web app to look. */
    link: text('link').notNull(),
    /**
     * Makes a notification that may be raised again and again (an action due soon) appear once:
     * unique per recipient when set.
     */
    dedupeKey: text('dedupe_key'),
    readAt: timestamp('read_at', { withTimezone: true, mode: 'date', precision: 3 }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    unique('notifications_recipient_dedupe_key').on(table.recipientId, table.dedupeKey),
    index('notifications_recipient_created_idx').on(table.recipientId, table.createdAt, table.id),
  ],
);
