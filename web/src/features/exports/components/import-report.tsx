import type { CellError, ImportReport, ImportRowReport } from '@tracker/shared';
import { Link } from 'react-router';

import { SummaryList } from '../../../components/summary-list';
import { Tag } from '../../../components/tag';
import { formatDate } from '../../../lib/dates';
import type { ErrorItem } from '../../../lib/form-errors';
import type { TagLabel } from '../../../lib/labels';
import { paths } from '../../../lib/paths';

type Outcome = ImportRowReport['outcome'];
type Change = ImportRowReport['changes'][number];

export const outcomeTags: Record<Outcome, TagLabel> = {
  create: { text: 'New action', colour: 'green' },
  update: { text: 'Changes', colour: 'blue' },
  unchanged: { text: 'No change', colour: 'grey' },
  skipped: { text: 'No action', colour: 'grey' },
  error: { text: 'Error', colour: 'red' },
};

/** The table row a row's errors link to from the error summary. */
export const rowAnchor = (row: number) => `import-row-${row}`;

/** "Row 31, Due date: "2026-13-01" is not a date": the row and column, as the file has them. */
export const cellErrorText = (error: CellError) =>
  `Row ${error.row}, ${error.column}: ${error.message}`;

/** Every row and column error, in file order, each linking to its row of the table. */
export function reportErrorItems(report: ImportReport): ErrorItem[] {
  return report.errors.map((error) => ({
    text: cellErrorText(error),
    href: `#${rowAnchor(error.row)}`,
  }));
}

/** How many actions the file adds or changes. */
export const changeCount = (report: ImportReport) =>
  (report.counts.create ?? 0) + (report.counts.update ?? 0);

/** A cell's value in words (the report gives names and statuses as the file has them). */
function valueWords(column: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return 'blank';
  const text = String(value);
  switch (column) {
    case 'Start date':
    case 'Due date':
      return formatDate(text);
    case 'Status':
    case 'Percent complete':
      return `${text}%`;
    case 'Owner':
    case 'Owning unit':
      return text;
    default:
      return `“${text}”`;
  }
}

function ChangeList({ changes }: { changes: Change[] }) {
  return (
    <ul className="govuk-list govuk-!-margin-bottom-0">
      {changes.map((change) => (
        <li key={change.column}>
          <strong>{change.column}</strong>
          {`: from ${valueWords(change.column, change.from)} to ${valueWords(change.column, change.to)}`}
        </li>
      ))}
    </ul>
  );
}

function RowErrors({ errors }: { errors: CellError[] }) {
  return errors.map((error) => (
    <p className="govuk-error-message govuk-!-margin-bottom-1" key={cellErrorText(error)}>
      <span className="govuk-visually-hidden">Error: </span>
      {error.column}: {error.message}
    </p>
  ));
}

function RowEffect({ row }: { row: ImportRowReport }) {
  const changes = row.changes;
  return (
    <>
      {row.errors.length > 0 ? <RowErrors errors={row.errors} /> : null}
      {changes.length > 0 ? <ChangeList changes={changes} /> : null}
      {row.outcome === 'create' ? 'Adds this action to its recommendation' : null}
      {row.outcome === 'unchanged' ? 'Nothing to change' : null}
      {row.outcome === 'skipped' ? 'A recommendation with no action: nothing to import' : null}
    </>
  );
}

/** The action a row is about; a link where the action already exists (not one to create). */
function RowSubject({ row }: { row: ImportRowReport }) {
  const label = row.label ?? (row.outcome === 'skipped' ? 'None' : 'No action title');
  const exists = row.subjectId && (row.outcome === 'update' || row.outcome === 'unchanged');
  return exists ? (
    <Link className="govuk-link" to={paths.action(row.subjectId!)}>
      {label}
    </Link>
  ) : (
    label
  );
}

export function ReportTable({ caption, rows }: { caption: string; rows: ImportRowReport[] }) {
  return (
    <table className="govuk-table" data-testid="import-report">
      <caption className="govuk-table__caption govuk-table__caption--m">{caption}</caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          <th scope="col" className="govuk-table__header">
            Row
          </th>
          <th scope="col" className="govuk-table__header">
            Outcome
          </th>
          <th scope="col" className="govuk-table__header">
            Action
          </th>
          <th scope="col" className="govuk-table__header">
            What it does
          </th>
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {rows.map((row) => (
          <tr className="govuk-table__row" key={row.row}>
            {/* Focusable, so following an error summary link lands here. */}
            <th scope="row" className="govuk-table__header" id={rowAnchor(row.row)} tabIndex={-1}>
              {row.row}
            </th>
            <td className="govuk-table__cell">
              <Tag label={outcomeTags[row.outcome]} />
            </td>
            <td className="govuk-table__cell">
              <RowSubject row={row} />
            </td>
            <td className="govuk-table__cell">
              <RowEffect row={row} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The report's counts, every outcome named even when none. */
export function ReportCounts({ report }: { report: ImportReport }) {
  const count = (outcome: Outcome) => report.counts[outcome] ?? 0;
  return (
    <SummaryList
      rows={[
        { key: 'Actions to add', value: String(count('create')) },
        { key: 'Actions to change', value: String(count('update')) },
        { key: 'Actions unchanged', value: String(count('unchanged')) },
        { key: 'Rows without an action', value: String(count('skipped')) },
        { key: 'Rows with errors', value: String(count('error')) },
      ]}
    />
  );
}

/**
 * Every row of the report: those that add, change or fail in the table, the rest (the
 * unchanged and those without an action) folded away beneath it.
 */
export function ReportRows({ report }: { report: ImportReport }) {
  const quiet = (row: ImportRowReport) => row.outcome === 'unchanged' || row.outcome === 'skipped';
  const notable = report.rows.filter((row) => !quiet(row));
  const rest = report.rows.filter(quiet);
  return (
    <>
      {notable.length > 0 ? (
        <ReportTable
          caption={
            report.errors.length > 0 ? 'Rows with errors or changes' : 'Rows that add or change'
          }
          rows={notable}
        />
      ) : null}
      {rest.length > 0 ? (
        <details className="govuk-details">
          <summary className="govuk-details__summary">
            <span className="govuk-details__summary-text">
              {rest.length === 1
                ? 'The row that changes nothing'
                : `The ${rest.length} rows that change nothing`}
            </span>
          </summary>
          <div className="govuk-details__text">
            <ReportTable caption="Rows that change nothing" rows={rest} />
          </div>
        </details>
      ) : null}
    </>
  );
}
