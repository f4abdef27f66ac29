import type { ReactNode } from 'react';

export interface TableColumn<Row> {
  header: string;
  cell: (row: Row) => ReactNode;
  /** The first column usually names the row: it becomes a row header for screen readers. */
  isRowHeader?: boolean;
  numeric?: boolean;
  /** The header is read by screen readers only (for example a column of "Revoke" links). */
  headerHidden?: boolean;
}

interface TableProps<Row> {
  caption: string;
  captionSize?: 's' | 'm' | 'l';
  columns: TableColumn<Row>[];
  rows: Row[];
  rowKey: (row: Row) => string;
  className?: string;
}

/** A GOV.UK table with a caption, column headers and (optionally) row headers. */
export function Table<Row>({
  caption,
  captionSize = 'm',
  columns,
  rows,
  rowKey,
  className,
}: TableProps<Row>) {
  return (
    <table className={className ? `govuk-table ${className}` : 'govuk-table'}>
      <caption className={`govuk-table__caption govuk-table__caption--${captionSize}`}>
        {caption}
      </caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          {columns.map((column) => (
            <th
              scope="col"
              key={column.header}
              className={
                column.numeric
                  ? 'govuk-table__header govuk-table__header--numeric'
                  : 'govuk-table__header'
              }
            >
              {column.headerHidden ? (
                <span className="govuk-visually-hidden">{column.header}</span>
              ) : (
                column.header
              )}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {rows.map((row) => (
          <tr className="govuk-table__row" key={rowKey(row)}>
            {columns.map((column) => {
              const numeric = column.numeric ? ' govuk-table__cell--numeric' : '';
              return column.isRowHeader ? (
                <th scope="row" className="govuk-table__header" key={column.header}>
                  {column.cell(row)}
                </th>
              ) : (
                <td className={`govuk-table__cell${numeric}`} key={column.header}>
                  {column.cell(row)}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
