import { evidenceMediaTypes } from '@tracker/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';

import { recordDownload } from '../audit/record';
import type { Db } from '../db/client';
import { HttpProblem } from '../http/errors';
import { attachmentDisposition } from './file-name';
import { fileContent, type findEvidenceSubject } from './queries';

/** Any of the accepted types, as stored; documented per type for the OpenAPI document. */
const FileBytes = z.instanceof(Buffer).meta({ type: 'string', format: 'binary' });
export const downloadContent = Object.fromEntries(
  evidenceMediaTypes.map((type) => [type, { schema: FileBytes }]),
);

type EvidenceSubject = NonNullable<Awaited<ReturnType<typeof findEvidenceSubject>>>;

/**
 * Sends an evidence file as an attachment, never to be rendered in the page or sniffed into
 * another type, and records who took it (through which version, if any). Links and notes have
 * no file: 404.
 */
export async function sendEvidenceFile(
  db: Db,
  request: FastifyRequest,
  reply: FastifyReply,
  subject: EvidenceSubject,
  versionNumber: number | null,
) {
  const content = subject.fileId ? await fileContent(db, subject.fileId) : undefined;
  if (!content || !subject.mediaType) {
    throw new HttpProblem(
      404,
      'Not found',
      `Evidence ${subject.id} is a ${subject.kind}, not a file.`,
    );
  }
  await recordDownload(db, request, {
    action: 'evidence.downloaded',
    subjectType: 'evidence',
    subjectId: subject.id,
    regionId: subject.regionId,
    after: {
      actionId: subject.actionId,
      versionNumber,
      fileName: subject.fileName,
      mediaType: subject.mediaType,
      sha256: subject.sha256,
    },
  });
  return reply
    .header('content-disposition', attachmentDisposition(subject.fileName ?? 'evidence'))
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'no-store')
    .type(
      subject.mediaType.startsWith('text/')
        ? `${subject.mediaType}; charset=utf-8`
        : subject.mediaType,
    )
    .send(content);
}
