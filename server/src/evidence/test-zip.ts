import { deflateRawSync } from 'node:zlib';

/**
 * A minimal zip writer for tests, so office files and zip bombs can be built from a few bytes
 * without a zip library. Entries are stored, or deflated when asked; a declared size can be
 * set apart from the real one, as a zip bomb's central directory would.
 */
export interface TestZipEntry {
  name: string;
  content: string | Buffer;
  deflate?: boolean;
  /** Written into the headers instead of the real unpacked size. */
  declaredSize?: number;
}

const crcTable = Array.from({ length: 256 }, (_, index) => {
  let crc = index;
  for (let bit = 0; bit < 8; bit += 1) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
  return crc >>> 0;
});

export function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = crcTable[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

const utf8Flag = 0x0800;
const dosTime = 0;
const dosDate = ((2026 - 1980) << 9) | (1 << 5) | 1;

export function makeZip(entries: TestZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const raw = Buffer.isBuffer(entry.content) ? entry.content : Buffer.from(entry.content);
    const data = entry.deflate ? deflateRawSync(raw) : raw;
    const name = Buffer.from(entry.name);
    const fields = {
      method: entry.deflate ? 8 : 0,
      crc: crc32(raw),
      compressed: data.length,
      uncompressed: entry.declaredSize ?? raw.length,
    };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    writeCommon(local, 6, fields, name.length);
    locals.push(local, name, data);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    writeCommon(central, 8, fields, name.length);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** Flags to name length: the same fields, in the same order, in both kinds of header. */
function writeCommon(
  header: Buffer,
  at: number,
  fields: { method: number; crc: number; compressed: number; uncompressed: number },
  nameLength: number,
) {
  header.writeUInt16LE(utf8Flag, at);
  header.writeUInt16LE(fields.method, at + 2);
  header.writeUInt16LE(dosTime, at + 4);
  header.writeUInt16LE(dosDate, at + 6);
  header.writeUInt32LE(fields.crc, at + 8);
  header.writeUInt32LE(fields.compressed, at + 12);
  header.writeUInt32LE(fields.uncompressed, at + 16);
  header.writeUInt16LE(nameLength, at + 20);
}

const contentTypes =
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/' +
  'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>';

/** The parts that make a zip a Word document. */
export function makeDocx(): Buffer {
  return makeZip([
    { name: '[Content_Types].xml', content: contentTypes, deflate: true },
    { name: '_rels/.rels', content: '<Relationships/>' },
    {
      name: 'word/document.xml',
      content: '<w:document><w:body><w:p><w:r><w:t>Audit</w:t></w:r></w:p></w:body></w:document>',
      deflate: true,
    },
  ]);
}

export function makeXlsx(): Buffer {
  return makeZip([
    { name: '[Content_Types].xml', content: contentTypes },
    { name: 'xl/workbook.xml', content: '<workbook><sheets/></workbook>', deflate: true },
  ]);
}

/** OpenDocument: `mimetype` first, stored, holding the type. */
export function makeOpenDocument(kind: 'text' | 'spreadsheet' | 'presentation'): Buffer {
  return makeZip([
    { name: 'mimetype', content: `application/vnd.oasis.opendocument.${kind}` },
    { name: 'META-INF/manifest.xml', content: '<manifest:manifest/>', deflate: true },
    { name: 'content.xml', content: '<office:document-content/>', deflate: true },
  ]);
}

/** A workbook whose one sheet unpacks to about 30 MB, some 300 times what it weighs. */
export function makeWorkbookBomb(): Buffer {
  const row = `<row><c t="inlineStr"><is><t>${'A'.repeat(1000)}</t></is></c></row>`;
  return makeZip([
    { name: '[Content_Types].xml', content: '<Types/>' },
    { name: 'xl/workbook.xml', content: '<workbook/>' },
    {
      name: 'xl/worksheets/sheet1.xml',
      content: `<worksheet><sheetData>${row.repeat(30_000)}</sheetData></worksheet>`,
      deflate: true,
    },
  ]);
}
