import { createHash } from 'node:crypto';

import type { AddedEvidence, CreateLinkOrNoteEvidenceRequest, Evidence } from '@tracker/shared';
import { and, eq, isNull, sql } from 'drizzle-orm';

import { type ActionContext, actionForChange } from '../actions/service';
import { recordAudit } from '../audit/record';
import { auditActor } from '../auth/actor';
import type { Db } from '../db/client';
import { actions } from '../db/schema/actions';
import { evidence, evidenceFiles } from '../db/schema/evidence';
import { HttpProblem, notFound } from '../http/errors';
import { detectEvidenceType } from './content-type';
import { storedFileName, uploadedName } from './file-name';
import { findEvidence, findEvidenceSubject, liveEvidenceCount } from './queries';
import type { Upload } from '../http/upload';

export interface FileEvidence {
  title: string;
  periodStart?: string;
  periodEnd?: string;
  upload: Upload;
}

type NewEvidence = Omit<typeof evidence.$inferInsert, 'actionId' | 'addedById' | 'addedAt'>;

export async function addLinkOrNote(
  db: Db,
  actionId: string,
  input: CreateLinkOrNoteEvidenceRequest,
  context: ActionContext,
): Promise<AddedEvidence> {
  return db.transaction(async (tx) => {
    const row = await actionForChange(tx, actionId, context);
    return insertEvidence(tx, row.action.id, row.regionId, context, {
      kind: input.kind,
      title: input.title,
      url: input.kind === 'link' ? input.url : null,
      note: input.kind === 'note' ? input.note : null,
      periodStart: input.periodStart ?? null,
      periodEnd: input.periodEnd ?? null,
    });
  });
}

/**
 * Stores a file with its metadata and audit event in one transaction. Its type is decided
 * from the content, and its name made to match; a refused file (415) leaves nothing behind.
 */
export async function addFile(
  db: Db,
  actionId: string,
  input: FileEvidence,
  context: ActionContext,
): Promise<AddedEvidence> {
  const uploaded = uploadedName(input.upload.fileName);
  const { content } = input.upload;
  return db.transaction(async (tx) => {
    // Who may add comes first, so an outsider learns nothing about their file.
    const row = await actionForChange(tx, actionId, context);
    const detection = await detectEvidenceType(content, uploaded.name);
    if (!detection.accepted) throw unsupportedFile(detection.reason);
    const { fileName, notice } = storedFileName(uploaded, detection.mediaType);
    const fileId = await insertFileContent(tx, content, context.now);
    return insertEvidence(
      tx,
      row.action.id,
      row.regionId,
      context,
      {
        kind: 'file',
        title: input.title,
        fileId,
        fileName,
        mediaType: detection.mediaType,
        sizeBytes: content.length,
        sha256: createHash('sha256').update(content).digest('hex'),
        periodStart: input.periodStart ?? null,
        periodEnd: input.periodEnd ?? null,
      },
      notice,
    );
  });
}

function unsupportedFile(reason: string): HttpProblem {
  return new HttpProblem(
    415,
    'Unsupported file type',
    'Evidence files may be PDF, PNG, JPEG, Word (.docx), Excel (.xlsx), OpenDocument ' +
      `(.odt, .ods, .odp), CSV or plain text (UTF-8). This file ${reason}. Nothing was stored.`,
    [{ path: 'file', message: reason }],
  );
}

async function insertEvidence(
  tx: Db,
  actionId: string,
  regionId: string,
  context: ActionContext,
  values: NewEvidence,
  fileNameNotice: string | null = null,
): Promise<AddedEvidence> {
  const actor = context.actor;
  const [created] = await tx
    .insert(evidence)
    .values({
      ...values,
      actionId,
      addedById: actor.kind === 'user' ? actor.id : null,
      addedAt: context.now,
      createdAt: context.now,
      updatedAt: context.now,
    })
    .returning({ id: evidence.id });
  const item = { ...(await findEvidence(tx, created!.id))!, fileNameNotice };
  await recordAudit(tx, {
    ...auditActor(actor),
    action: 'evidence.added',
    subjectType: 'evidence',
    subjectId: item.id,
    regionId,
    requestId: context.requestId,
    after: item,
  });
  return item;
}

/** A soft delete with a reason: the file stays downloadable for submitted versions. */
export async function removeEvidence(
  db: Db,
  id: string,
  reason: string,
  context: ActionContext,
): Promise<Evidence> {
  return db.transaction(async (tx) => {
    const subject = await findEvidenceSubject(tx, id);
    if (!subject) throw notFound('Evidence', id);
    await actionForChange(tx, subject.actionId, context, { what: 'Evidence', id });
    if (subject.removedAt) {
      throw new HttpProblem(409, 'Already removed', 'This evidence has already been removed.');
    }
    await refuseRemovingLastEvidenceOfFinishedAction(tx, subject.actionId);
    const before = (await findEvidence(tx, id))!;
    const actor = context.actor;
    const removed = await tx
      .update(evidence)
      .set({
        removedAt: context.now,
        removedById: actor.kind === 'user' ? actor.id : null,
        removedReason: reason,
        updatedAt: context.now,
      })
      .where(and(eq(evidence.id, id), isNull(evidence.removedAt)))
      .returning({ id: evidence.id });
    if (removed.length === 0) {
      throw new HttpProblem(409, 'Already removed', 'This evidence has already been removed.');
    }
    const after = (await findEvidence(tx, id))!;
    await recordAudit(tx, {
      ...auditActor(actor),
      action: 'evidence.removed',
      subjectType: 'evidence',
      subjectId: id,
      regionId: subject.regionId,
      requestId: context.requestId,
      before,
      after,
    });
    return after;
  });
}

/**
 * "Complete" needs evidence, so the last evidence of a complete or closed action stays until
 * the action is reopened. The action row is locked so a concurrent status change waits.
 */
async function refuseRemovingLastEvidenceOfFinishedAction(tx: Db, actionId: string) {
  const [action] = await tx
    .select({ status: actions.status })
    .from(actions)
    .where(eq(actions.id, actionId))
    // The strength actionForChange takes: FOR UPDATE would block other actions' dependency
    // checks on this one (see findActionRow).
    .for('no key update');
  if (action?.status !== 'complete' && action?.status !== 'verified_closed') return;
  if ((await liveEvidenceCount(tx, actionId)) > 1) return;
  throw new HttpProblem(
    409,
    'Evidence still needed',
    'This is the last evidence of a completed action. Add other evidence, or reopen the ' +
      'action, before removing it.',
  );
}

/** Stores the bytes as base64 text, for the reason given beside fileContent in queries.ts. */
async function insertFileContent(db: Db, content: Buffer, now: Date): Promise<string> {
  const [file] = await db
    .insert(evidenceFiles)
    .values({
      content: sql`decode(${content.toString('base64')}, 'base64')`,
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: evidenceFiles.id });
  return file!.id;
}
