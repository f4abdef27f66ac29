import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  customType,
  date,
  index,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

import { actions } from './actions';
import { createdAt, id, updatedAt } from './columns';
import { evidenceKindEnum } from './enums';
import { users } from './users';

const bytea = customType<{ data: Buffer; driverData: Buffer }>({
  dataType: () => 'bytea',
});

/** Stored file content, apart from its metadata so lists never read the bytes. */
export const evidenceFiles = pgTable('evidence_files', {
  id: id(),
  content: bytea('content').notNull(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** A file, a link or a note backing an action. Removal is soft, with a reason. */
export const evidence = pgTable(
  'evidence',
  {
    id: id(),
    actionId: uuid('action_id')
      .notNull()
      .references(() => actions.id, { onDelete: 'cascade' }),
    kind: evidenceKindEnum('kind').notNull(),
    title: text('title').notNull(),
    fileId: uuid('file_id').references(() => evidenceFiles.id, { onDelete: 'restrict' }),
    fileName: text('file_name'),
    mediaType: text('media_type'),
    sizeBytes: bigint('size_bytes', { mode: 'number' }),
    sha256: text('sha256'),
    url: text('url'),
    note: text('note'),
    periodStart: date('period_start', { mode: 'string' }),
    periodEnd: date('period_end', { mode: 'string' }),
    addedById: uuid('added_by_id').references(() => users.id, { onDelete: 'set null' }),
    addedAt: timestamp('added_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    removedAt: timestamp('removed_at', { withTimezone: true, mode: 'date' }),
    removedById: uuid('removed_by_id').references(() => users.id, { onDelete: 'set null' }),
    removedReason: text('removed_reason'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    check(
      'evidence_kind_fields',
      sql`(${table.kind} <> 'file' or ${table.fileId} is not null)
        and (${table.kind} <> 'link' or ${table.url} is not null)
        and (${table.kind} <> 'note' or ${table.note} is not null)`,
    ),
    index('evidence_action_id_idx').on(table.actionId),
  ],
);
