import { integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * API requests per caller per minute, summed over every server instance on PostgreSQL
 * (http/rate-limit-store.ts). A key is the rate limit's own ("user:<id>", "ip:<address>"); a
 * window starts on a whole minute, so every instance counts into the same row.
 */
export const rateLimitHits = pgTable(
  'rate_limit_hits',
  {
    key: text('key').notNull(),
    windowStart: timestamp('window_start', { withTimezone: true, mode: 'date' }).notNull(),
    hits: integer('hits').notNull(),
  },
  (table) => [primaryKey({ columns: [table.key, table.windowStart] })],
);
