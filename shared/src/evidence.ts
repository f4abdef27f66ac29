import { z } from 'zod';

import { PersonRef } from './actions';
import {
  CalendarDate,
  MultiLineText,
  PageQuery,
  SingleLineText,
  Timestamp,
  Uuid,
  pageOf,
} from './common';

export const evidenceKinds = ['file', 'link', 'note'] as const;
export const EvidenceKind = z.enum(evidenceKinds);
export type EvidenceKind = z.infer<typeof EvidenceKind>;

/** The only types an evidence file can be; the server decides by the content, never the name. */
export const evidenceMediaTypes = [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/vnd.oasis.opendocument.presentation',
  'text/csv',
  'text/plain',
] as const;
export type EvidenceMediaType = (typeof evidenceMediaTypes)[number];

/**
 * The extensions a file of each type is stored under: a name ending otherwise gets the first,
 * so the name a download is saved under never claims another type than the content.
 */
export const evidenceExtensions: Record<EvidenceMediaType, readonly string[]> = {
  'application/pdf': ['.pdf'],
  'image/png': ['.png'],
  'image/jpeg': ['.jpg', '.jpeg'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['.docx'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['.xlsx'],
  'application/vnd.oasis.opendocument.text': ['.odt'],
  'application/vnd.oasis.opendocument.spreadsheet': ['.ods'],
  'application/vnd.oasis.opendocument.presentation': ['.odp'],
  'text/csv': ['.csv'],
  'text/plain': ['.txt'],
};

/** For a file input's `accept`: a hint to the browser only; the server checks the content. */
export const evidenceFileAccept = Object.values(evidenceExtensions).flat().join(',');

/** Links are only ever shown, never fetched; http(s) only, so no javascript: or data: links. */
const WebAddress = z
  .string()
  .trim()
  .max(2000, 'must be at most 2000 characters')
  .pipe(z.url({ protocol: /^https?$/, error: 'must be an http or https address' }))
  .refine((url) => !/^https?:\/\/[^/?#]*@/i.test(url), {
    error: 'must not contain a user name or password',
  });

const period = {
  periodStart: CalendarDate.optional().describe('First day the evidence covers.'),
  periodEnd: CalendarDate.optional().describe('Last day the evidence covers.'),
};

function periodInOrder(value: { periodStart?: string; periodEnd?: string }): boolean {
  return !value.periodStart || !value.periodEnd || value.periodEnd >= value.periodStart;
}
const periodOutOfOrder = { path: ['periodEnd'], error: 'must not be before periodStart' };

const LinkEvidenceRequest = z.strictObject({
  kind: z.literal('link'),
  title: SingleLineText(300),
  url: WebAddress,
  ...period,
});
const NoteEvidenceRequest = z.strictObject({
  kind: z.literal('note'),
  title: SingleLineText(300),
  note: MultiLineText(10_000),
  ...period,
});
const FileEvidenceFields = z
  .strictObject({
    kind: z.literal('file'),
    title: SingleLineText(300),
    ...period,
    file: z
      .string()
      .meta({ format: 'binary' })
      .optional()
      .describe('The file itself: a multipart part, never a JSON value.'),
  })
  .describe(
    'Only as multipart/form-data: a part named `file` and the text fields `title`, ' +
      '`periodStart` and `periodEnd` (`kind` may be left out).',
  );

/** A link or a note, sent as JSON. */
export const CreateLinkOrNoteEvidenceRequest = z
  .discriminatedUnion('kind', [LinkEvidenceRequest, NoteEvidenceRequest])
  .refine(periodInOrder, periodOutOfOrder)
  .meta({ id: 'CreateLinkOrNoteEvidenceRequest' });
export type CreateLinkOrNoteEvidenceRequest = z.infer<typeof CreateLinkOrNoteEvidenceRequest>;

/**
 * The body of `POST /actions/{id}/evidence`: JSON for a link or a note; a file comes as
 * multipart/form-data, whose text fields the server reads as kind `file`.
 */
export const CreateEvidenceRequest = z
  .discriminatedUnion('kind', [LinkEvidenceRequest, NoteEvidenceRequest, FileEvidenceFields])
  .refine(periodInOrder, periodOutOfOrder)
  .meta({
    id: 'CreateEvidenceRequest',
    description:
      'JSON for a link or a note. A file is sent as multipart/form-data: one part named `file` ' +
      'and the fields `title`, `periodStart`, `periodEnd`. Its type is decided by its content.',
  });
export type CreateEvidenceRequest = z.infer<typeof CreateEvidenceRequest>;

export const RemoveEvidenceRequest = z
  .strictObject({ reason: SingleLineText(1000) })
  .meta({ id: 'RemoveEvidenceRequest' });
export type RemoveEvidenceRequest = z.infer<typeof RemoveEvidenceRequest>;

export const Evidence = z
  .object({
    id: Uuid,
    actionId: Uuid,
    kind: EvidenceKind,
    title: z.string(),
    fileName: z
      .string()
      .nullable()
      .describe(
        'The name it is stored and downloaded under: the uploaded name without any path or ' +
          'hidden characters, ending with an extension of its detected type.',
      ),
    mediaType: z.string().nullable().describe('Detected from the content.'),
    sizeBytes: z.number().int().nullable(),
    sha256: z.string().nullable().describe('Of the stored bytes, in hex.'),
    url: z.string().nullable(),
    note: z.string().nullable(),
    periodStart: CalendarDate.nullable(),
    periodEnd: CalendarDate.nullable(),
    addedBy: PersonRef.nullable().describe('Null when an API client added it.'),
    addedAt: Timestamp,
    removedAt: Timestamp.nullable(),
    removedBy: PersonRef.nullable(),
    removedReason: z.string().nullable(),
    downloadUrl: z
      .string()
      .nullable()
      .describe('Where to download a file; null for links and notes.'),
  })
  .meta({ id: 'Evidence' });
export type Evidence = z.infer<typeof Evidence>;

/** The answer to adding evidence: the evidence, and what became of the file's name. */
export const AddedEvidence = Evidence.extend({
  fileNameNotice: z
    .string()
    .nullable()
    .describe(
      'Set when the stored fileName differs from the uploaded name (beyond dropping a path), ' +
        'saying why, for the uploader; null otherwise, and for links and notes.',
    ),
}).meta({ id: 'AddedEvidence' });
export type AddedEvidence = z.infer<typeof AddedEvidence>;

export const EvidenceListQuery = PageQuery.extend({
  includeRemoved: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true')
    .describe('Also list removed evidence (flagged by removedAt).'),
});
export type EvidenceListQuery = z.infer<typeof EvidenceListQuery>;

export const EvidencePage = pageOf(Evidence).meta({ id: 'EvidencePage' });
export type EvidencePage = z.infer<typeof EvidencePage>;
