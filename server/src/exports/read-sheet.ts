import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';

import { badRequest } from '../http/errors';
import { restore } from './cells';
import { type Column, columns } from './columns';

/** One row of an imported file: its number in the file and each known column's text. */
export interface SheetRow<C extends string = Column> {
  row: number;
  cells: Partial<Record<C, string>>;
}

/** The columns an import reads, found by heading; a file without a required heading is refused. */
export interface SheetLayout<C extends string> {
  columns: readonly C[];
  required: readonly C[];
  /** Names the layout in the refusal, e.g. "the export's layout". */
  name: string;
}

/** The actions import reads the export's own layout. */
export const actionsLayout: SheetLayout<Column> = {
  columns,
  required: ['Source PDU', 'Recommendation number', 'Action ID', 'Action'],
  name: "the export's layout",
};

const maxRows = 5000;

function isZip(content: Buffer): boolean {
  return content.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
}

/** A workbook cell as text: dates as YYYY-MM-DD, formulas refused by their neutralised text. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((run) => run.text).join('');
    if ('text' in value) return String(value.text);
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    return '';
  }
  return String(value);
}

async function workbookRows(content: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(content as unknown as ArrayBuffer);
  } catch {
    throw badRequest('The file is not a readable Excel workbook.', [
      { path: 'file', message: 'must be an .xlsx workbook or a CSV file' },
    ]);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, number) => {
    const values = row.values as ExcelJS.CellValue[];
    rows[number - 1] = values.slice(1).map(cellText);
  });
  return Array.from(rows, (row) => row ?? []);
}

function csvRows(content: Buffer): string[][] {
  try {
    return parse(content, { bom: true, relax_column_count: true, skip_empty_lines: false });
  } catch (error) {
    throw badRequest('The file is not readable CSV.', [
      { path: 'file', message: error instanceof Error ? error.message : 'cannot be parsed' },
    ]);
  }
}

/**
 * Reads an xlsx workbook (its first sheet) or a UTF-8 CSV in the layout given (the export's
 * when none is). Columns are found by their headings, so their order may change; blank rows
 * are left out, and cells neutralised against formulas are restored.
 */
export async function readSheet(content: Buffer): Promise<SheetRow[]>;
export async function readSheet<C extends string>(
  content: Buffer,
  layout: SheetLayout<C>,
): Promise<SheetRow<C>[]>;
export async function readSheet(
  content: Buffer,
  layout: SheetLayout<string> = actionsLayout,
): Promise<SheetRow<string>[]> {
  const [header = [], ...body] = isZip(content) ? await workbookRows(content) : csvRows(content);
  const positions = new Map(header.map((heading, index) => [heading.trim(), index]));
  const missing = layout.required.filter((column) => !positions.has(column));
  if (missing.length > 0) {
    throw badRequest(`The file is not in ${layout.name}.`, [
      { path: 'file', message: `has no column headed ${missing.map((m) => `"${m}"`).join(', ')}` },
    ]);
  }
  if (body.length > maxRows) {
    throw badRequest(`At most ${maxRows} rows can be imported at once.`, [
      { path: 'file', message: `has ${body.length} rows` },
    ]);
  }
  return body.flatMap((values, index) => {
    const cells: Record<string, string> = {};
    for (const column of layout.columns) {
      const position = positions.get(column);
      const text = position === undefined ? '' : restore((values[position] ?? '').trim());
      if (text !== '') cells[column] = text;
    }
    return Object.keys(cells).length === 0 ? [] : [{ row: index + 2, cells }];
  });
}
