import type { EvidenceMediaType } from '@tracker/shared';
import type { Entry, ZipFile } from 'yauzl';

import { inspectZip, zipLimits } from '../http/zip';

/**
 * What an evidence file is, decided by its bytes alone: the name the client gave and the type
 * it declared are never trusted (an .exe renamed .pdf is still an .exe). Anything we cannot
 * positively recognise is refused.
 */
export type Detection =
  { accepted: true; mediaType: EvidenceMediaType } | { accepted: false; reason: string };

const signatures: { bytes: number[]; mediaType: EvidenceMediaType }[] = [
  { bytes: [...Buffer.from('%PDF-')], mediaType: 'application/pdf' },
  { bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], mediaType: 'image/png' },
  { bytes: [0xff, 0xd8, 0xff], mediaType: 'image/jpeg' },
];
const zipSignature = [0x50, 0x4b, 0x03, 0x04];

const accept = (mediaType: EvidenceMediaType): Detection => ({ accepted: true, mediaType });
const refuse = (reason: string): Detection => ({ accepted: false, reason });

export async function detectEvidenceType(content: Buffer, fileName: string): Promise<Detection> {
  if (content.length === 0) return refuse('is empty');
  const signed = signatures.find((signature) => startsWith(content, signature.bytes));
  if (signed) return accept(signed.mediaType);
  if (startsWith(content, zipSignature)) return detectOfficeDocument(content);
  return detectText(content, fileName);
}

function startsWith(content: Buffer, bytes: number[]): boolean {
  return content.length >= bytes.length && bytes.every((byte, index) => content[index] === byte);
}

/** CSV and plain text only as strict UTF-8 without NUL bytes; CSV when the name says so. */
function detectText(content: Buffer, fileName: string): Detection {
  if (content.includes(0))
    return refuse('is not an accepted type, and has NUL bytes, so it is not text either');
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    return refuse('is not a PDF, PNG, JPEG, Word, Excel or OpenDocument file, nor UTF-8 text');
  }
  return accept(/\.csv$/i.test(fileName) ? 'text/csv' : 'text/plain');
}

const opendocumentTypes: EvidenceMediaType[] = [
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/vnd.oasis.opendocument.presentation',
];

/**
 * Word, Excel and OpenDocument files are zips holding known parts. Only the central directory
 * is read (and, for OpenDocument, the few bytes of `mimetype`): nothing is unpacked, so the
 * declared sizes are what a zip bomb would betray itself by.
 */
async function detectOfficeDocument(content: Buffer): Promise<Detection> {
  const inspection = await inspectZip(content, zipLimits, officeType);
  return inspection.refused === null ? inspection.result : refuse(inspection.refused);
}

async function officeType(zip: ZipFile, entries: Entry[]): Promise<Detection> {
  const names = new Set(entries.map((entry) => entry.fileName));
  const first = entries[0];
  if ([...names].some((name) => /(^|\/)vbaProject\.bin$/i.test(name))) {
    return refuse('contains macros');
  }
  const ooxml = names.has('[Content_Types].xml');
  const word = ooxml && names.has('word/document.xml');
  const excel = ooxml && names.has('xl/workbook.xml');
  if (word !== excel) {
    return accept(
      word
        ? 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
        : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
  }
  const opendocument = first?.fileName === 'mimetype' ? await readMimetype(zip, first) : null;
  if (opendocument) return accept(opendocument);
  return refuse('is a zip file, but not a Word, Excel or OpenDocument file');
}

/** OpenDocument's first entry, `mimetype`, holds the document's type and nothing else. */
async function readMimetype(zip: ZipFile, entry: Entry): Promise<EvidenceMediaType | null> {
  if (entry.uncompressedSize > 100) return null;
  const stream = await zip.openReadStreamPromise(entry);
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  const declared = Buffer.concat(chunks).toString('ascii');
  return opendocumentTypes.find((type) => type === declared) ?? null;
}
