import { check, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

import { actionPlans } from './action-plans';
import { createdAt, id, updatedAt } from './columns';
import { users } from './users';

/**
 * A calendar feed's own read-only token (calendar programs cannot send headers): one feed of
 * due dates, for one person's actions or one plan's, revocable. Only the token's hash is kept.
 */
export const calendarFeeds = pgTable(
  'calendar_feeds',
  {
    id: id(),
    tokenHash: text('token_hash').notNull().unique(),
    /** Who made the feed; it shows only what they may see. */
    createdById: uuid('created_by_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** A person's actions, or a plan's. */
    personId: uuid('person_id').references(() => users.id, { onDelete: 'cascade' }),
    planId: uuid('plan_id').references(() => actionPlans.id, { onDelete: 'cascade' }),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date', precision: 3 }),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true, mode: 'date', precision: 3 }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    check(
      'calendar_feeds_one_subject',
      sql`(${table.personId} is null) <> (${table.planId} is null)`,
    ),
    index('calendar_feeds_created_by_idx').on(table.createdById),
  ],
);
