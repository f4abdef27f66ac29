import type { Readable } from 'node:stream';

import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';

import { HttpProblem, badRequest } from '../http/errors';
import { workGate } from '../http/work-gate';
import { type ZipLimits, inspectZip, zipLimits } from '../http/zip';
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
/** The export has about twenty columns; a cell far to the right would make every row huge. */
const maxColumns = 100;
/** Longer than any field an import fills (5,000 characters at most), so those name the field. */
const maxCellLength = 10_000;
/** A plan's workbook unpacks to a few megabytes: this bounds what is held while it is read. */
const workbookZipLimits: ZipLimits = { ...zipLimits, maxUnpackedBytes: 30 * 1024 * 1024 };
/**
 * Imports (of actions and of recommendations) running at once in this server process: each
 * holds its file, its parsed rows and a transaction, and parsing takes the event loop.
 */
export const runImport = workGate(
  2,
  'Two imports are already running on this server. Try again in a few seconds; nothing was changed.',
);
/** How much of a cell a report quotes back. */
const excerptLength = 200;

/** A cell as a report quotes it: the start of a long one, never all of it. */
export function excerpt(text: string): string {
  return text.length > excerptLength ? `${text.slice(0, excerptLength)}…` : text;
}

function isZip(content: Buffer): boolean {
  return content.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
}

const tooManyRows = () =>
  badRequest(`At most ${maxRows} rows can be imported at once.`, [
    { path: 'file', message: `has more than ${maxRows} rows` },
  ]);

/** What a sheet's XML says of its size, read as it unpacks: rows (by count or number) and columns. */
interface SheetExtent {
  rows: number;
  columns: number;
}

function columnNumber(letters: string): number {
  return [...letters].reduce((sum, letter) => sum * 26 + letter.charCodeAt(0) - 64, 0);
}

/**
 * Scans a sheet's XML as it unpacks, and stops as soon as it has more rows or columns than an
 * import takes: a sheet of a million rows is refused after its first few thousand.
 */
async function measureSheet(stream: Readable): Promise<SheetExtent> {
  const extent = { rows: 0, columns: 0 };
  let rowTags = 0;
  let carry = '';
  for await (const chunk of stream) {
    const text = carry + (chunk as Buffer).toString('utf8');
    const open = text.lastIndexOf('<');
    const complete = text.indexOf('>', open) === -1 ? open : text.length;
    carry = text.slice(complete);
    for (const [, tag, attributes] of text.slice(0, complete).matchAll(/<(row|c)\b([^>]*)>/g)) {
      if (tag === 'row') {
        rowTags += 1;
        const number = /\br="(\d+)"/.exec(attributes!)?.[1];
        extent.rows = Math.max(extent.rows, rowTags, Number(number ?? 0));
      } else {
        const letters = /\br="([A-Z]+)\d*"/.exec(attributes!)?.[1];
        if (letters) extent.columns = Math.max(extent.columns, columnNumber(letters));
      }
    }
    if (extent.rows > maxRows + 1 || extent.columns > maxColumns) {
      stream.destroy();
      break;
    }
  }
  return extent;
}

async function drain(stream: Readable): Promise<void> {
  for await (const chunk of stream) void chunk;
}

/**
 * Checks a workbook before ExcelJS loads it whole: the zip limits of evidence uploads with a
 * smaller unpacked size, each part unpacked (so no part unpacks to more than it declared), and
 * every sheet measured. Refusals come in well under a second and change nothing.
 */
async function checkWorkbook(content: Buffer): Promise<void> {
  const inspection = await inspectZip(content, workbookZipLimits, async (zip, entries) => {
    const extent = { rows: 0, columns: 0 };
    for (const entry of entries) {
      if (entry.fileName.endsWith('/')) continue;
      const stream = await zip.openReadStreamPromise(entry);
      if (!/^xl\/worksheets\/[^/]+\.xml$/.test(entry.fileName)) {
        await drain(stream);
        continue;
      }
      const sheet = await measureSheet(stream);
      extent.rows = Math.max(extent.rows, sheet.rows);
      extent.columns = Math.max(extent.columns, sheet.columns);
      if (extent.rows > maxRows + 1 || extent.columns > maxColumns) break;
    }
    return extent;
  });
  if (inspection.refused !== null) {
    throw new HttpProblem(413, 'File too large', `The workbook ${inspection.refused}.`, [
      { path: 'file', message: inspection.refused },
    ]);
  }
  if (inspection.result.rows > maxRows + 1) throw tooManyRows();
  if (inspection.result.columns > maxColumns)
    throw badRequest(`At most ${maxColumns} columns can be imported.`, [
      { path: 'file', message: `has cells beyond column ${maxColumns}` },
    ]);
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

async function loadWorkbook(content: Buffer, expected: string): Promise<ExcelJS.Workbook> {
  await checkWorkbook(content);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(content as unknown as ArrayBuffer);
  } catch {
    throw badRequest('The file is not a readable Excel workbook.', [
      { path: 'file', message: expected },
    ]);
  }
  return workbook;
}

async function workbookRows(content: Buffer): Promise<string[][]> {
  const workbook = await loadWorkbook(content, 'must be an .xlsx workbook or a CSV file');
  const sheet = workbook.worksheets[0];
  return sheet ? sheetRows(sheet) : [];
}

function sheetRows(sheet: ExcelJS.Worksheet): string[][] {
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, number) => {
    const values = row.values as ExcelJS.CellValue[];
    rows[number - 1] = values.slice(1).map(cellText);
  });
  return Array.from(rows, (row) => row ?? []);
}

function csvRows(content: Buffer): string[][] {
  try {
    // One record past the header and the limit is enough to refuse the file: the rest is not read.
    return parse(content, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: false,
      to: maxRows + 2,
    });
  } catch (error) {
    throw badRequest('The file is not readable CSV.', [
      { path: 'file', message: error instanceof Error ? error.message : 'cannot be parsed' },
    ]);
  }
}

/** A cell longer than any field takes is refused whole, naming where it is. */
function checkCellLengths(rows: string[][]) {
  for (const [index, values] of rows.entries()) {
    // A workbook row is sparse where cells are empty.
    const position = values.findIndex((value) => (value ?? '').length > maxCellLength);
    if (position === -1) continue;
    const heading = rows[0]?.[position]?.trim();
    const column = index > 0 && heading ? `"${excerpt(heading)}"` : `number ${position + 1}`;
    throw badRequest(`A cell is longer than the ${maxCellLength} characters an import takes.`, [
      { path: 'file', message: `row ${index + 1}, column ${column}: too long` },
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
  const rows = isZip(content) ? await workbookRows(content) : csvRows(content);
  return rowsIn(rows, layout, 'The file');
}

/**
 * Reads the named sheets of an xlsx workbook, each in its layout, for an import that spans
 * several sheets (a letter's ratings and measures). A sheet left out is absent from the answer;
 * one present must have its layout's required headings. CSV holds one sheet, so is refused.
 */
export async function readWorkbookSheets<Layouts extends Record<string, SheetLayout<string>>>(
  content: Buffer,
  layouts: Layouts,
): Promise<{ [Name in keyof Layouts]?: SheetRow<Layouts[Name]['columns'][number]>[] }> {
  if (!isZip(content))
    throw badRequest('The file is not an Excel workbook.', [
      {
        path: 'file',
        message: 'must be an .xlsx workbook with named sheets (CSV holds one sheet)',
      },
    ]);
  const workbook = await loadWorkbook(content, 'must be an .xlsx workbook with named sheets');
  const found: Record<string, SheetRow<string>[]> = {};
  for (const [name, layout] of Object.entries(layouts)) {
    const sheet = workbook.worksheets.find(
      (w) => w.name.trim().toLowerCase() === name.toLowerCase(),
    );
    if (sheet) found[name] = rowsIn(sheetRows(sheet), layout, `The sheet "${name}"`);
  }
  return found as { [Name in keyof Layouts]?: SheetRow<Layouts[Name]['columns'][number]>[] };
}

function rowsIn(rows: string[][], layout: SheetLayout<string>, what: string): SheetRow<string>[] {
  const [header = [], ...body] = rows;
  const positions = new Map(header.map((heading, index) => [heading.trim(), index]));
  const missing = layout.required.filter((column) => !positions.has(column));
  if (missing.length > 0) {
    throw badRequest(`${what} is not in ${layout.name}.`, [
      { path: 'file', message: `has no column headed ${missing.map((m) => `"${m}"`).join(', ')}` },
    ]);
  }
  if (body.length > maxRows) throw tooManyRows();
  checkCellLengths(rows);
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
