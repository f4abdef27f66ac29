import { index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import type { PlanVersionDocument } from '@tracker/shared';

import { actionPlans } from './action-plans';
import { createdAt, id, updatedAt } from './columns';
import {
  planEventKindEnum,
  reviewDecisionEnum,
  reviewSubjectKindEnum,
  reviewVerdictEnum,
  roleEnum,
  versionKindEnum,
} from './enums';
import { users } from './users';

/**
 * A submitted version: the whole plan frozen as JSON when it was sent. Never updated, except to
 * record the inspector's decision on it.
 */
export const planVersions = pgTable(
  'plan_versions',
  {
    id: id(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => actionPlans.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    kind: versionKindEnum('kind').notNull(),
    note: text('note'),
    document: jsonb('document').$type<PlanVersionDocument>().notNull(),
    submittedById: uuid('submitted_by_id').references(() => users.id, { onDelete: 'set null' }),
    submittedByLabel: text('submitted_by_label').notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true, mode: 'date', precision: 3 })
      .notNull()
      .defaultNow(),
    decision: reviewDecisionEnum('decision'),
    decisionReasons: text('decision_reasons'),
    reviewedById: uuid('reviewed_by_id').references(() => users.id, { onDelete: 'set null' }),
    reviewedByLabel: text('reviewed_by_label'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true, mode: 'date', precision: 3 }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    unique('plan_versions_plan_number_key').on(table.planId, table.number),
    index('plan_versions_decision_idx').on(table.decision),
  ],
);

/**
 * An inspector's verdict on one recommendation or action of a version, and the conversation
 * about it: the inspector's comment first, then replies from either side.
 */
export const reviewThreads = pgTable(
  'review_threads',
  {
    id: id(),
    /** Gives the order of things written in the same millisecond (or the same transaction). */
    sequence: integer('sequence').generatedAlwaysAsIdentity(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => actionPlans.id, { onDelete: 'cascade' }),
    versionId: uuid('version_id')
      .notNull()
      .references(() => planVersions.id, { onDelete: 'cascade' }),
    subjectKind: reviewSubjectKindEnum('subject_kind').notNull(),
    /** A recommendation or action id; no foreign key, as the version outlives live rows. */
    subjectId: uuid('subject_id').notNull(),
    subjectLabel: text('subject_label').notNull(),
    verdict: reviewVerdictEnum('verdict').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    unique('review_threads_version_subject_key').on(table.versionId, table.subjectId),
    index('review_threads_plan_subject_idx').on(table.planId, table.subjectId),
    index('review_threads_plan_sequence_idx').on(table.planId, table.sequence),
  ],
);

export const reviewMessages = pgTable(
  'review_messages',
  {
    id: id(),
    /** Gives the order of things written in the same millisecond (or the same transaction). */
    sequence: integer('sequence').generatedAlwaysAsIdentity(),
    threadId: uuid('thread_id')
      .notNull()
      .references(() => reviewThreads.id, { onDelete: 'cascade' }),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    authorLabel: text('author_label').notNull(),
    authorRole: roleEnum('author_role').notNull(),
    body: text('body').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [index('review_messages_thread_idx').on(table.threadId, table.sequence)],
);

/** The plan's timeline: submissions, decisions, closure and reopening. Append-only. */
export const planEvents = pgTable(
  'plan_events',
  {
    id: id(),
    /** Gives the order of things written in the same millisecond (or the same transaction). */
    sequence: integer('sequence').generatedAlwaysAsIdentity(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => actionPlans.id, { onDelete: 'cascade' }),
    kind: planEventKindEnum('kind').notNull(),
    versionNumber: integer('version_number'),
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    actorLabel: text('actor_label').notNull(),
    detail: text('detail'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [index('plan_events_plan_idx').on(table.planId, table.sequence)],
);

/**
 * The first answer to a request sent with an Idempotency-Key, kept so a repeat gets the same
 * answer and changes nothing. The scope names the operation, the subject and the caller.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    id: id(),
    scope: text('scope').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    responseStatus: integer('response_status').notNull(),
    responseBody: jsonb('response_body').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [unique('idempotency_keys_scope_key_key').on(table.scope, table.key)],
);
