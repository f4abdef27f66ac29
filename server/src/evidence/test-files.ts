/** Small real files (or real headers) for the evidence tests. */
export const samples = {
  pdf: Buffer.from(
    '%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n' +
      '2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\n' +
      'trailer <</Root 1 0 R>>\n%%EOF\n',
  ),
  /** A 1x1 transparent PNG. */
  png: Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6' +
      'kgAAAABJRU5ErkJggg==',
    'base64',
  ),
  /** A JFIF header and end-of-image marker. */
  jpeg: Buffer.from([
    0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01,
    0x00, 0x01, 0x00, 0x00, 0xff, 0xd9,
  ]),
  csv: Buffer.from('month,vacancy rate\n2023-01,24\n2024-01,17\n'),
  /** The start of a Windows executable: "MZ", then the DOS header with its NUL bytes. */
  executable: Buffer.concat([
    Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00]),
    Buffer.from('This program cannot be run in DOS mode.'),
    Buffer.alloc(64),
  ]),
};
