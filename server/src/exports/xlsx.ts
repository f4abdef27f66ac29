import ExcelJS from 'exceljs';

import { neutralise } from './cells';
import { type ExportRow, columns, dateColumns } from './columns';

/** A calendar date as the workbook's date at midnight UTC, which Excel shows as that day. */
function asDate(value: string): Date {
  return new Date(`${value}T00:00:00Z`);
}

function cellValue(column: (typeof columns)[number], value: string | number | null) {
  if (value === null) return null;
  if (typeof value === 'number') return value;
  return dateColumns.includes(column) ? asDate(value) : neutralise(value);
}

/** One sheet: a frozen header row with filters, one row per action, dates as real dates. */
export async function planXlsx(rows: ExportRow[], title: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.title = title;
  const sheet = workbook.addWorksheet('Actions', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((column) => ({
    header: column,
    key: column,
    width: column === 'Recommendation' || column === 'Description' ? 60 : 18,
    style: dateColumns.includes(column) ? { numFmt: 'dd/mm/yyyy' } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) {
    sheet.addRow(columns.map((column) => cellValue(column, row[column])));
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
