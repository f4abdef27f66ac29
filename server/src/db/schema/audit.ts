import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Append-only trail of every change. Actor and subject are plain ids, not foreign keys: the
 * trail must outlive what it describes.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    occurredAt: timestamp('occurred_at', { withTimezone: true, mode: 'date' })
      .notNull()
      .defaultNow(),
    actorUserId: uuid('actor_user_id'),
    actorApiClientId: uuid('actor_api_client_id'),
    /** Readable name of the actor at the time, e.g. "system (seed)". */
    actorLabel: text('actor_label').notNull(),
    /** What happened, e.g. "recommendation.response_set". */
    action: text('action').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: uuid('subject_id'),
    /** The region the subject belongs to, so a region lead can read their region's trail. */
    regionId: uuid('region_id'),
    requestId: text('request_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (table) => [
    index('audit_events_subject_idx').on(table.subjectType, table.subjectId, table.occurredAt),
    index('audit_events_actor_user_idx').on(table.actorUserId, table.occurredAt),
    index('audit_events_occurred_at_idx').on(table.occurredAt),
    index('audit_events_region_idx').on(table.regionId, table.occurredAt),
  ],
);
