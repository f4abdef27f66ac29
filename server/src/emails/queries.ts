import type { OutboxEmail, OutboxEmailListQuery, OutboxEmailPage } from '@tracker/shared';
import { and, eq } from 'drizzle-orm';

import type { Db } from '../db/client';
import { outboxEmails } from '../db/schema/emails';
import { iso } from '../http/iso';
import { afterCursor, newestCreatedFirst, orderByKeyset, toPage } from '../http/pagination';
import { bodyForAdministrators } from './outbox';

const newestFirst = newestCreatedFirst(outboxEmails.createdAt, outboxEmails.id);

type EmailRow = typeof outboxEmails.$inferSelect;

/** The outbox, newest first, for administrators. */
export async function listOutboxEmails(
  db: Db,
  query: OutboxEmailListQuery,
  publicUrl: string,
): Promise<OutboxEmailPage> {
  const rows = await db
    .select()
    .from(outboxEmails)
    .where(
      and(
        query.status ? eq(outboxEmails.status, query.status) : undefined,
        afterCursor(newestFirst, query.cursor),
      ),
    )
    .orderBy(...orderByKeyset(newestFirst))
    .limit(query.limit + 1);
  return toPage(
    rows,
    query.limit,
    newestFirst,
    (row) => [iso(row.createdAt), row.id],
    (row) => toOutboxEmail(row, publicUrl),
  );
}

function toOutboxEmail(row: EmailRow, publicUrl: string): OutboxEmail {
  return {
    id: row.id,
    kind: row.kind as OutboxEmail['kind'],
    to: row.recipientEmail,
    recipientId: row.recipientId,
    subject: row.subject,
    body: bodyForAdministrators(row, publicUrl),
    status: row.status,
    attempts: row.attempts,
    lastError: row.lastError,
    nextAttemptAt: row.status === 'queued' ? iso(row.nextAttemptAt) : null,
    sentAt: row.sentAt ? iso(row.sentAt) : null,
    providerId: row.providerId,
    createdAt: iso(row.createdAt),
  };
}
