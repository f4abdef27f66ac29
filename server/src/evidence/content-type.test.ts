import type { EvidenceMediaType } from '@tracker/shared';
import { describe, expect, it } from 'vitest';

import { detectEvidenceType } from './content-type';
import { attachmentDisposition, storedFileName, uploadedName } from './file-name';
import { samples } from './test-files';
import { crc32, makeDocx, makeOpenDocument, makeXlsx, makeZip } from './test-zip';

const excelType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const typeOf = async (content: Buffer, fileName = 'upload') => {
  const detection = await detectEvidenceType(content, fileName);
  return detection.accepted ? detection.mediaType : `refused: ${detection.reason}`;
};

describe('deciding a file type by content', () => {
  it('recognises PDF, PNG and JPEG by their signatures, whatever the name', async () => {
    expect(await typeOf(samples.pdf, 'photo.png')).toBe('application/pdf');
    expect(await typeOf(samples.png, 'report.pdf')).toBe('image/png');
    expect(await typeOf(samples.jpeg)).toBe('image/jpeg');
  });

  it('recognises Word, Excel and OpenDocument files by the parts their zips hold', async () => {
    expect(await typeOf(makeDocx(), 'notes.txt')).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(await typeOf(makeXlsx())).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(await typeOf(makeOpenDocument('text'))).toBe('application/vnd.oasis.opendocument.text');
    expect(await typeOf(makeOpenDocument('spreadsheet'))).toBe(
      'application/vnd.oasis.opendocument.spreadsheet',
    );
    expect(await typeOf(makeOpenDocument('presentation'))).toBe(
      'application/vnd.oasis.opendocument.presentation',
    );
  });

  it('takes UTF-8 text as CSV when named .csv, otherwise as plain text', async () => {
    expect(await typeOf(samples.csv, 'readings.CSV')).toBe('text/csv');
    expect(await typeOf(samples.csv, 'readings.txt')).toBe('text/plain');
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Café, 1\n')]);
    expect(await typeOf(withBom, 'bom.csv')).toBe('text/csv');
  });

  it('refuses an empty file, an executable renamed .pdf, NUL bytes and invalid UTF-8', async () => {
    expect(await typeOf(Buffer.alloc(0), 'empty.pdf')).toBe('refused: is empty');
    expect(await typeOf(samples.executable, 'report.pdf')).toMatch(/^refused: /);
    expect(await typeOf(Buffer.from('a,b\n1,\u0000\n'), 'data.csv')).toMatch(/NUL/);
    expect(await typeOf(Buffer.from([0x68, 0x69, 0xc3, 0x28]), 'notes.txt')).toMatch(/UTF-8/);
    expect(await typeOf(Buffer.from([0xed, 0xa0, 0x80]), 'surrogate.txt')).toMatch(/UTF-8/);
  });

  it('refuses zips that are not office files, or not readable', async () => {
    const plain = makeZip([{ name: 'readme.txt', content: 'hello' }]);
    expect(await typeOf(plain, 'report.docx')).toMatch(/not a Word, Excel or OpenDocument/);
    const noContentTypes = makeZip([{ name: 'word/document.xml', content: '<w:document/>' }]);
    expect(await typeOf(noContentTypes, 'report.docx')).toMatch(/^refused/);
    const both = makeZip([
      { name: '[Content_Types].xml', content: '<Types/>' },
      { name: 'word/document.xml', content: '<w:document/>' },
      { name: 'xl/workbook.xml', content: '<workbook/>' },
    ]);
    expect(await typeOf(both)).toMatch(/^refused/);
    expect(await typeOf(makeDocx().subarray(0, 60))).toBe('refused: is not a readable zip file');
    const lyingStored = makeZip([{ name: 'mimetype', content: 'x', declaredSize: 5 }]);
    expect(await typeOf(lyingStored)).toBe('refused: is not a readable zip file');
  });

  it('refuses OpenDocument look-alikes: another mimetype, or mimetype not first', async () => {
    const wrongType = makeZip([
      { name: 'mimetype', content: 'application/vnd.oasis.opendocument.graphics-template' },
      { name: 'content.xml', content: '<x/>' },
    ]);
    expect(await typeOf(wrongType)).toMatch(/^refused/);
    const notFirst = makeZip([
      { name: 'content.xml', content: '<x/>' },
      { name: 'mimetype', content: 'application/vnd.oasis.opendocument.text' },
    ]);
    expect(await typeOf(notFirst)).toMatch(/^refused/);
  });

  it('refuses office files carrying macros', async () => {
    const macroWorkbook = makeZip([
      { name: '[Content_Types].xml', content: '<Types/>' },
      { name: 'xl/workbook.xml', content: '<workbook/>' },
      { name: 'xl/vbaProject.bin', content: Buffer.from([1, 2, 3]) },
    ]);
    expect(await typeOf(macroWorkbook)).toBe('refused: contains macros');
  });

  it('refuses zip bombs by what the central directory declares, unpacking nothing', async () => {
    const declaredHuge = makeZip([
      { name: '[Content_Types].xml', content: '<Types/>' },
      {
        name: 'word/document.xml',
        content: '<w:document/>',
        deflate: true,
        declaredSize: 200 * 1024 * 1024,
      },
    ]);
    expect(await typeOf(declaredHuge)).toMatch(/would unpack to more than 100 MB/);
    const squeezed = makeZip([
      { name: '[Content_Types].xml', content: '<Types/>' },
      { name: 'word/document.xml', content: Buffer.alloc(5 * 1024 * 1024), deflate: true },
    ]);
    expect(await typeOf(squeezed)).toMatch(/more than 100 times its size/);
    const crowded = makeZip(
      Array.from({ length: 10_001 }, (_, index) => ({ name: `part-${index}.xml`, content: '' })),
    );
    expect(await typeOf(crowded)).toMatch(/more than 10000 entries/);
  });

  it('lets small, well-compressed parts through (real office XML compresses well)', async () => {
    const repetitive = makeZip([
      { name: '[Content_Types].xml', content: contentTypesOf(200), deflate: true },
      { name: 'xl/workbook.xml', content: '<workbook/>' },
    ]);
    expect(await typeOf(repetitive)).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
  });
});

function contentTypesOf(repeats: number): string {
  const entry = '<Default Extension="xml" ContentType="application/xml"/>';
  return `<Types>${entry.repeat(repeats)}</Types>`;
}

describe('the test zip writer', () => {
  it('computes the standard CRC-32', () => {
    expect(crc32(Buffer.from('123456789')).toString(16)).toBe('cbf43926');
  });
});

describe('file names', () => {
  const nameOf = (original: string | undefined) => uploadedName(original).name;
  const stored = (original: string | undefined, mediaType: EvidenceMediaType) =>
    storedFileName(uploadedName(original), mediaType);

  it('keeps only the last path segment, without control or direction characters', () => {
    expect(nameOf('C:\\Users\\me\\Desktop\\report.pdf')).toBe('report.pdf');
    expect(nameOf('../../etc/passwd')).toBe('passwd');
    expect(uploadedName('bad\r\nname\u0000.pdf')).toEqual({
      name: 'badname.pdf',
      hadHiddenCharacters: true,
    });
    expect(uploadedName('report\u202Efdp.exe')).toEqual({
      name: 'reportfdp.exe',
      hadHiddenCharacters: true,
    });
    expect(nameOf('run.bat. .')).toBe('run.bat');
    expect(nameOf('..')).toBe('');
    expect(uploadedName('minutes.pdf')).toEqual({
      name: 'minutes.pdf',
      hadHiddenCharacters: false,
    });
  });

  it('keeps a name whose extension matches the content, and says nothing', () => {
    expect(stored('minutes.pdf', 'application/pdf')).toEqual({
      fileName: 'minutes.pdf',
      notice: null,
    });
    expect(stored('PHOTO.JPEG', 'image/jpeg')).toEqual({ fileName: 'PHOTO.JPEG', notice: null });
    expect(stored('photo.jpg', 'image/jpeg').fileName).toBe('photo.jpg');
    expect(stored('C:\\Users\\me\\readings.csv', 'text/csv').notice).toBeNull();
  });

  it.each([
    ['update.hta', 'text/plain', 'update.txt'],
    ['run.bat', 'text/plain', 'run.txt'],
    ['fix.ps1', 'text/plain', 'fix.txt'],
    ['page.html', 'text/plain', 'page.txt'],
    ['run.bat.', 'text/plain', 'run.txt'],
    ['report.pdf', 'image/png', 'report.png'],
    ['.bashrc', 'text/plain', 'evidence.txt'],
  ] as const)('stores %s, found to be %s, as %s, and says why', (original, type, expected) => {
    const { fileName, notice } = stored(original, type);
    expect(fileName).toBe(expected);
    expect(notice?.startsWith(`Saved as "${expected}".`)).toBe(true);
    expect(notice).toContain(`it now ends "${expected.slice(expected.lastIndexOf('.'))}"`);
  });

  it('replaces the extension of a name disguised by direction characters, and says both', () => {
    const { fileName, notice } = stored('report\u202Efdp.exe', 'application/pdf');
    expect(fileName).toBe('reportfdp.pdf');
    expect(notice).toBe(
      'Saved as "reportfdp.pdf". The name ended ".exe"; it now ends ".pdf", to match the ' +
        'content (PDF). Invisible or text-direction characters, which can disguise a name, ' +
        'were removed from it.',
    );
    expect(stored('report\u202Efdp.exe', 'text/plain').fileName).toBe('reportfdp.txt');
  });

  it('adds the extension to a name without one, keeping dots that are no extension', () => {
    expect(stored('README', 'text/plain')).toEqual({
      fileName: 'README.txt',
      notice:
        'Saved as "README.txt". The name had no extension; it now ends ".txt", to match the ' +
        'content (Text).',
    });
    expect(stored('Minutes v1.2', 'application/pdf').fileName).toBe('Minutes v1.2.pdf');
    expect(stored(undefined, 'application/pdf')).toEqual({
      fileName: 'evidence.pdf',
      notice: 'Saved as "evidence.pdf". The file came without a name.',
    });
  });

  it('shortens long names to 200 characters, ending with the extension', () => {
    const { fileName, notice } = stored(`${'é'.repeat(300)}.xlsx`, excelType);
    expect(Array.from(fileName)).toHaveLength(200);
    expect(fileName.endsWith('é.xlsx')).toBe(true);
    expect(notice).toBe(`Saved as "${fileName}". The name was shortened to 200 characters.`);
  });

  it('says attachment, with a safe ASCII name and the exact name percent-encoded', () => {
    expect(attachmentDisposition('Plan "v2" 50%.pdf')).toBe(
      `attachment; filename="Plan _v2_ 50_.pdf"; filename*=UTF-8''Plan%20%22v2%22%2050%25.pdf`,
    );
    expect(attachmentDisposition("Café (draft)'s.csv")).toBe(
      `attachment; filename="Caf_ (draft)'s.csv"; filename*=UTF-8''Caf%C3%A9%20%28draft%29%27s.csv`,
    );
  });
});
