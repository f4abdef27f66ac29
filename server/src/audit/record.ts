import type { FastifyRequest } from 'fastify';

import { auditActor } from '../auth/actor';
import { statementBatches } from '../db/batches';
import type { Db } from '../db/client';
import { auditEvents } from '../db/schema/audit';

export interface AuditEvent {
  actorLabel: string;
  actorUserId?: string | null;
  actorApiClientId?: string | null;
  action: string;
  subjectType: string;
  subjectId?: string | null;
  regionId?: string | null;
  requestId?: string | null;
  before?: unknown;
  after?: unknown;
}

/** Writes one audit row; call it inside the transaction that makes the change. */
export async function recordAudit(tx: Db, event: AuditEvent): Promise<void> {
  await recordAudits(tx, [event]);
}

/** Writes many audit rows (an import's), in order, a thousand a statement. */
export async function recordAudits(tx: Db, events: AuditEvent[]): Promise<void> {
  for (const part of statementBatches(events)) {
    await tx.insert(auditEvents).values(
      part.map((event) => ({
        actorLabel: event.actorLabel,
        actorUserId: event.actorUserId ?? null,
        actorApiClientId: event.actorApiClientId ?? null,
        action: event.action,
        subjectType: event.subjectType,
        subjectId: event.subjectId ?? null,
        regionId: event.regionId ?? null,
        requestId: event.requestId ?? null,
        before: event.before ?? null,
        after: event.after ?? null,
      })),
    );
  }
}

/**
 * Records who took a copy of a shared document (an evidence file, a plan export). Written before
 * the bytes are sent, so a copy never leaves unrecorded: if this fails, the request fails. A
 * HEAD request (Fastify answers one for every GET) takes no copy.
 */
export async function recordDownload(
  db: Db,
  request: FastifyRequest,
  event: Pick<AuditEvent, 'action' | 'subjectType' | 'subjectId' | 'regionId' | 'after'>,
): Promise<void> {
  if (request.method === 'HEAD') return;
  await recordAudit(db, { ...auditActor(request.actor), requestId: request.id, ...event });
}
