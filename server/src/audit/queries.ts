import type { AuditEvent, AuditEventListQuery, AuditEventPage } from '@tracker/shared';
import { and, eq, gte, ilike, inArray, lt, or } from 'drizzle-orm';
import { z } from 'zod';

import type { Db } from '../db/client';
import { apiClients } from '../db/schema/api-clients';
import { auditEvents } from '../db/schema/audit';
import { users } from '../db/schema/users';
import { iso } from '../http/iso';
import { type KeysetOrder, afterCursor, orderByKeyset, toPage } from '../http/pagination';

const newestFirst: KeysetOrder = {
  name: '-id',
  columns: [auditEvents.id],
  descending: true,
  cursorValues: z.tuple([z.number().int().positive()]),
};

/** The text as a LIKE pattern matching it anywhere, its own % and _ taken literally. */
const containing = (text: string) => `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;

/**
 * Changes by anyone whose name or email holds the text: the few matching people and clients
 * are found first, so the trail is read through its actor index, not its labels.
 */
function byActorNamed(db: Db, text: string) {
  const pattern = containing(text);
  return or(
    inArray(
      auditEvents.actorUserId,
      db
        .select({ id: users.id })
        .from(users)
        .where(or(ilike(users.name, pattern), ilike(users.email, pattern))),
    ),
    inArray(
      auditEvents.actorApiClientId,
      db.select({ id: apiClients.id }).from(apiClients).where(ilike(apiClients.name, pattern)),
    ),
  );
}

export async function listAuditEvents(
  db: Db,
  query: AuditEventListQuery,
  scope: { regionId: string | null },
): Promise<AuditEventPage> {
  const rows = await db
    .select()
    .from(auditEvents)
    .where(
      and(
        scope.regionId ? eq(auditEvents.regionId, scope.regionId) : undefined,
        query.subjectType ? eq(auditEvents.subjectType, query.subjectType) : undefined,
        query.subjectId ? eq(auditEvents.subjectId, query.subjectId) : undefined,
        query.actorId
          ? or(
              eq(auditEvents.actorUserId, query.actorId),
              eq(auditEvents.actorApiClientId, query.actorId),
            )
          : undefined,
        query.actor ? byActorNamed(db, query.actor) : undefined,
        query.from ? gte(auditEvents.occurredAt, new Date(query.from)) : undefined,
        query.to ? lt(auditEvents.occurredAt, new Date(query.to)) : undefined,
        afterCursor(newestFirst, query.cursor),
      ),
    )
    .orderBy(...orderByKeyset(newestFirst))
    .limit(query.limit + 1);
  return toPage(rows, query.limit, newestFirst, (row) => [row.id], toAuditEvent);
}

function toAuditEvent(row: typeof auditEvents.$inferSelect): AuditEvent {
  const actorType = row.actorUserId ? 'user' : row.actorApiClientId ? 'api_client' : 'system';
  return {
    id: String(row.id),
    occurredAt: iso(row.occurredAt),
    actor: { type: actorType, id: row.actorUserId ?? row.actorApiClientId, label: row.actorLabel },
    action: row.action,
    subject: { type: row.subjectType, id: row.subjectId },
    requestId: row.requestId,
    before: row.before,
    after: row.after,
  };
}
