import { stringify } from 'csv-stringify/sync';

import { neutralise } from './cells';
import { type ExportRow, columns } from './columns';

/** UTF-8 with a byte-order mark, so spreadsheet programs read the accents and symbols right. */
export function planCsv(rows: ExportRow[]): Buffer {
  const text = stringify(
    rows.map((row) =>
      columns.map((column) => {
        const value = row[column];
        return typeof value === 'string' ? neutralise(value) : (value ?? '');
      }),
    ),
    { header: true, columns: [...columns], record_delimiter: 'windows' },
  );
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
}
