import { index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';

import { createdAt, id, updatedAt } from './columns';
import { emailStatusEnum } from './enums';
import { users } from './users';

/**
 * Every email the service sends. Sent through GOV.UK Notify when a key is configured; without
 * one it is `held` here for an administrator to read. A failed send stays queued for a retry.
 */
export const outboxEmails = pgTable(
  'outbox_emails',
  {
    id: id(),
    kind: text('kind').notNull(),
    recipientEmail: text('recipient_email').notNull(),
    recipientId: uuid('recipient_id').references(() => users.id, { onDelete: 'set null' }),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    status: emailStatusEnum('status').notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    /** When a queued email may next be tried. */
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true, mode: 'date', precision: 3 })
      .notNull()
      .defaultNow(),
    /** A sender's claim on the email; another instance may take it over once this passes. */
    leaseUntil: timestamp('lease_until', { withTimezone: true, mode: 'date', precision: 3 }),
    sentAt: timestamp('sent_at', { withTimezone: true, mode: 'date', precision: 3 }),
    /** Notify's id for the message, once sent. */
    providerId: text('provider_id'),
    extra: jsonb('extra'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    index('outbox_emails_status_next_idx').on(table.status, table.nextAttemptAt),
    index('outbox_emails_created_idx').on(table.createdAt, table.id),
  ],
);

/**
 * Scheduled work done once per key, whichever instance gets there first: the unique key (kind,
 * person, period) decides who does it. Advisory locks would not work on PGlite.
 */
export const scheduledJobs = pgTable(
  'scheduled_jobs',
  {
    id: id(),
    kind: text('kind').notNull(),
    key: text('key').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [unique('scheduled_jobs_kind_key_key').on(table.kind, table.key)],
);
