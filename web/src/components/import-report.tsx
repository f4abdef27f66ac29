import type { CellError, ImportReport, ImportRowReport } from '@tracker/shared';
import type { Ref } from 'react';

import type { ErrorItem } from '../lib/form-errors';
import type { TagLabel } from '../lib/labels';
import { Table, type TableColumn } from './table';
import { Tag } from './tag';

/** What the file's rows are, in words: "recommendation", and the column that describes one. */
export interface ImportedThing {
  one: string;
  many: string;
  /** The report's column whose new value describes the row (e.g. "Recommendation"). */
  detailColumn: string;
  /** The table's heading for the row's name and description; the detail column's name if left out. */
  header?: string;
}

type Outcome = ImportRowReport['outcome'];

/** What each row would do (or did), in words; the colour only repeats them. */
const outcomeTags = (applied: boolean): Record<Outcome, TagLabel> => ({
  create: { text: applied ? 'Added' : 'New', colour: 'green' },
  update: { text: applied ? 'Changed' : 'Change', colour: 'blue' },
  unchanged: { text: 'Already loaded', colour: 'grey' },
  skipped: { text: 'Skipped', colour: 'grey' },
  error: { text: 'Error', colour: 'red' },
});

/**
 * Each row's header cell carries this id, so the error summary can link to the row. A workbook
 * of several sheets (the letter) numbers rows per sheet, so the sheet is part of the id.
 */
export const rowAnchor = (row: number, sheet?: string) =>
  sheet
    ? `import-${sheet.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-row-${row}`
    : `import-row-${row}`;

/** "Row 3", or "PDU ratings, row 3" where the file has several sheets. */
const rowName = (row: number, sheet?: string) => (sheet ? `${sheet}, row ${row}` : `Row ${row}`);

/** "Owner level: must be one of PDU, Region, HMPPS": the column as the file heads it. */
const cellErrorText = (error: CellError) => `${error.column}: ${error.message}`;

/** Every error of the report for the GOV.UK error summary, each linking to its row. */
export function reportErrorItems(report: ImportReport): ErrorItem[] {
  return report.errors.map((error) => ({
    text: `${rowName(error.row, error.sheet)}, ${cellErrorText(error)}`,
    href: `#${rowAnchor(error.row, error.sheet)}`,
  }));
}

/** The row's description as the report gives it for a new row. */
function detailOf(row: ImportRowReport, column: string): string | null {
  const change = row.changes.find((c) => c.column === column);
  return typeof change?.to === 'string' ? change.to : null;
}

function columns(applied: boolean, thing: ImportedThing): TableColumn<ImportRowReport>[] {
  const tags = outcomeTags(applied);
  const textOf = (row: ImportRowReport) => detailOf(row, thing.detailColumn);
  return [
    {
      header: 'Row',
      isRowHeader: true,
      cell: (row) => (
        <span id={rowAnchor(row.row, row.sheet)} tabIndex={-1}>
          {row.sheet ? rowName(row.row, row.sheet) : row.row}
        </span>
      ),
    },
    { header: 'Outcome', cell: (row) => <Tag label={tags[row.outcome]} /> },
    {
      header: thing.header ?? thing.detailColumn,
      cell: (row) => (
        <>
          {row.label ? <span className="govuk-!-font-weight-bold">{row.label}</span> : null}
          {textOf(row) ? <p className="govuk-body-s govuk-!-margin-0">{textOf(row)}</p> : null}
        </>
      ),
    },
    {
      header: 'Errors',
      cell: (row) =>
        row.errors.length === 0 ? (
          'None'
        ) : (
          <ul className="govuk-list govuk-!-margin-0">
            {row.errors.map((error) => (
              <li key={`${error.column}${error.message}`}>{cellErrorText(error)}</li>
            ))}
          </ul>
        ),
    },
  ];
}

/** The import's report, row by row, as a GOV.UK table. */
export function ImportReportTable({
  report,
  thing,
  headingRef,
}: {
  report: ImportReport;
  thing: ImportedThing;
  headingRef?: Ref<HTMLHeadingElement>;
}) {
  return (
    <>
      <h2 className="govuk-heading-m" ref={headingRef} tabIndex={-1}>
        {report.applied ? 'What was imported' : 'What the import would do'}
      </h2>
      <ReportSummary report={report} thing={thing} />
      <Table
        caption={`${report.rows.length} rows in the file`}
        captionSize="s"
        columns={columns(report.applied, thing)}
        rows={report.rows}
        rowKey={(row) => `${row.sheet ?? ''} ${row.row}`}
      />
    </>
  );
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

function ReportSummary({ report, thing }: { report: ImportReport; thing: ImportedThing }) {
  const { counts } = report;
  const lines = [
    `${plural(counts.create ?? 0, thing.one, thing.many)} ${report.applied ? 'added' : 'to add'}`,
    `${plural(counts.unchanged ?? 0, thing.one, thing.many)} already loaded`,
  ];
  if (counts.update)
    lines.splice(
      1,
      0,
      `${plural(counts.update, thing.one, thing.many)} ${report.applied ? 'changed' : 'to change'}`,
    );
  if (counts.error) lines.push(`${plural(counts.error, 'row has', 'rows have')} errors`);
  return (
    <ul className="govuk-list govuk-list--bullet">
      {lines.map((line) => (
        <li key={line}>{line}</li>
      ))}
    </ul>
  );
}
