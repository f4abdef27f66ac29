import type { Evidence, EvidenceListQuery, EvidencePage } from '@tracker/shared';
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';

import type { Db } from '../db/client';
import { actions } from '../db/schema/actions';
import { evidence, evidenceFiles } from '../db/schema/evidence';
import { inspections } from '../db/schema/inspections';
import { recommendations } from '../db/schema/recommendations';
import { users } from '../db/schema/users';
import { iso } from '../http/iso';
import { type KeysetOrder, afterCursor, orderByKeyset, toPage } from '../http/pagination';

const addedBy = alias(users, 'added_by');
const removedBy = alias(users, 'removed_by');

/** Rows written outside the service may carry microseconds; the cursor holds milliseconds. */
const addedAtKey = sql`date_trunc('milliseconds', ${evidence.addedAt})`;

const newestFirst: KeysetOrder = {
  name: '-addedAt',
  columns: [addedAtKey, evidence.id],
  descending: true,
  cursorValues: z.tuple([z.iso.datetime({ offset: true }), z.uuid()]),
};

function selectEvidence(db: Db) {
  return db
    .select({
      evidence,
      addedBy: { id: addedBy.id, name: addedBy.name },
      removedBy: { id: removedBy.id, name: removedBy.name },
    })
    .from(evidence)
    .leftJoin(addedBy, eq(addedBy.id, evidence.addedById))
    .leftJoin(removedBy, eq(removedBy.id, evidence.removedById));
}

type EvidenceRow = Awaited<ReturnType<ReturnType<typeof selectEvidence>['execute']>>[number];

/** An action's evidence, newest first; removed evidence only when asked for. */
export async function listEvidence(
  db: Db,
  actionId: string,
  query: EvidenceListQuery,
): Promise<EvidencePage> {
  const rows = await selectEvidence(db)
    .where(
      and(
        eq(evidence.actionId, actionId),
        query.includeRemoved ? undefined : isNull(evidence.removedAt),
        afterCursor(newestFirst, query.cursor),
      ),
    )
    .orderBy(...orderByKeyset(newestFirst))
    .limit(query.limit + 1);
  return toPage(
    rows,
    query.limit,
    newestFirst,
    (row) => [iso(row.evidence.addedAt), row.evidence.id],
    toEvidence,
  );
}

export async function findEvidence(db: Db, id: string): Promise<Evidence | undefined> {
  const [row] = await selectEvidence(db).where(eq(evidence.id, id));
  return row && toEvidence(row);
}

/** An evidence item's metadata with the region of its action, for the policy. */
export async function findEvidenceSubject(db: Db, id: string) {
  const [row] = await db
    .select({
      id: evidence.id,
      actionId: evidence.actionId,
      kind: evidence.kind,
      fileId: evidence.fileId,
      fileName: evidence.fileName,
      mediaType: evidence.mediaType,
      sha256: evidence.sha256,
      removedAt: evidence.removedAt,
      regionId: inspections.regionId,
    })
    .from(evidence)
    .innerJoin(actions, eq(actions.id, evidence.actionId))
    .innerJoin(recommendations, eq(recommendations.id, actions.recommendationId))
    .innerJoin(inspections, eq(inspections.id, recommendations.inspectionId))
    .where(eq(evidence.id, id));
  return row;
}

/*
 * File bytes cross the driver as base64 text: PGlite converts bytea parameters and results
 * byte by byte (about 15 s for 20 MB), base64 takes about a second there and no longer than
 * bytea on PostgreSQL.
 */

export async function fileContent(db: Db, fileId: string): Promise<Buffer | undefined> {
  const [row] = await db
    .select({ content: sql<string>`encode(${evidenceFiles.content}, 'base64')` })
    .from(evidenceFiles)
    .where(eq(evidenceFiles.id, fileId));
  // PostgreSQL breaks base64 into lines; Node's decoder skips the line breaks.
  return row && Buffer.from(row.content, 'base64');
}

/** Evidence still counting towards an action (not removed). */
export async function liveEvidenceCount(db: Db, actionId: string): Promise<number> {
  return db.$count(evidence, and(eq(evidence.actionId, actionId), isNull(evidence.removedAt)));
}

function toEvidence({ evidence: item, addedBy, removedBy }: EvidenceRow): Evidence {
  return {
    id: item.id,
    actionId: item.actionId,
    kind: item.kind,
    title: item.title,
    fileName: item.fileName,
    mediaType: item.mediaType,
    sizeBytes: item.sizeBytes,
    sha256: item.sha256,
    url: item.url,
    note: item.note,
    periodStart: item.periodStart,
    periodEnd: item.periodEnd,
    addedBy: addedBy?.id ? { id: addedBy.id, name: addedBy.name } : null,
    addedAt: iso(item.addedAt),
    removedAt: item.removedAt && iso(item.removedAt),
    removedBy: removedBy?.id ? { id: removedBy.id, name: removedBy.name } : null,
    removedReason: item.removedReason,
    downloadUrl: item.kind === 'file' ? `/api/v1/evidence/${item.id}/content` : null,
  };
}

/** The evidence still standing on these actions, oldest first (a plan's whole evidence list). */
export async function listLiveEvidenceOf(db: Db, actionIds: string[]): Promise<Evidence[]> {
  if (actionIds.length === 0) return [];
  const rows = await selectEvidence(db)
    .where(and(inArray(evidence.actionId, actionIds), isNull(evidence.removedAt)))
    .orderBy(asc(evidence.addedAt), asc(evidence.id));
  return rows.map(toEvidence);
}
