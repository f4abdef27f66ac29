import { createHash } from 'node:crypto';

import type { FastifyRequest } from 'fastify';

import { HttpProblem, badRequest } from './errors';

/** A file as it arrived, held in memory: never more than the configured limit. */
export interface Upload {
  /** The name the client sent, unchecked. */
  fileName: string;
  content: Buffer;
}

export interface ReadForm {
  upload: Upload | null;
  fields: Record<string, string>;
}

/** What identifies an upload when a retry is compared with the first request: name and bytes. */
export function uploadDigest(upload: Upload) {
  return {
    fileName: upload.fileName,
    sha256: createHash('sha256').update(upload.content).digest('hex'),
  };
}

/** The form has one file and a few short text fields; anything more is refused, not read. */
export function multipartLimits(maxFileBytes: number) {
  return { fileSize: maxFileBytes, files: 1, fields: 6, parts: 7, fieldSize: 8192 };
}

export function tooLarge(maxFileBytes: number): HttpProblem {
  return new HttpProblem(
    413,
    'File too large',
    `The file is larger than the ${maxFileBytes} bytes allowed. Nothing was stored.`,
    [{ path: 'file', message: `must be at most ${maxFileBytes} bytes` }],
  );
}

/**
 * Reads a multipart/form-data form: one part named `file` and a few text fields. An
 * oversize file is still read to its end, so the client hears 413 rather than a reset, but
 * no more than `maxFileBytes` is ever held: the parser drops the rest.
 */
export async function readFileForm(
  request: FastifyRequest,
  maxFileBytes: number,
): Promise<ReadForm> {
  const form: ReadForm = { upload: null, fields: {} };
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file') {
          throw badRequest('Send the file in a part named "file".', [
            { path: part.fieldname, message: 'is not a field this request accepts' },
          ]);
        }
        const content = await part.toBuffer();
        if (part.file.truncated || content.length > maxFileBytes) throw tooLarge(maxFileBytes);
        form.upload = { fileName: part.filename, content };
      } else {
        addField(form, part.fieldname, part.value, part.valueTruncated);
      }
    }
  } catch (error) {
    throw asProblem(error, maxFileBytes);
  }
  return form;
}

function addField(form: ReadForm, name: string, value: unknown, truncated: boolean) {
  if (name === 'file') {
    throw badRequest('The file must be sent as a file part, with a file name.', [
      { path: 'file', message: 'must be a file' },
    ]);
  }
  if (truncated) {
    throw badRequest(`The field ${name} is too long.`, [{ path: name, message: 'is too long' }]);
  }
  if (typeof value !== 'string') {
    throw badRequest(`The field ${name} must be plain text.`, [
      { path: name, message: 'must be plain text' },
    ]);
  }
  if (Object.hasOwn(form.fields, name)) {
    throw badRequest(`The field ${name} was sent twice.`, [
      { path: name, message: 'must be sent once' },
    ]);
  }
  // A form sends an empty input as an empty string: that is a field left out.
  if (value !== '') form.fields[name] = value;
}

/** The multipart parser's own errors, said in the API's terms. */
function asProblem(error: unknown, maxFileBytes: number): unknown {
  if (error instanceof HttpProblem) return error;
  const { code, statusCode } = error as { code?: unknown; statusCode?: unknown };
  switch (code) {
    case 'FST_REQ_FILE_TOO_LARGE':
      return tooLarge(maxFileBytes);
    case 'FST_FILES_LIMIT':
      return badRequest('Send one file at a time.', [
        { path: 'file', message: 'must be a single file' },
      ]);
    case 'FST_FIELDS_LIMIT':
    case 'FST_PARTS_LIMIT':
      return badRequest('The form has more fields than this request accepts.', [
        { path: 'body', message: 'has too many fields' },
      ]);
  }
  if (statusCode === 400) return error;
  // Only parsing happens here, so anything else is a form that is not well formed.
  return badRequest('The multipart form could not be read.', [
    { path: 'body', message: 'is not well-formed multipart/form-data' },
  ]);
}
