import type { ReactNode } from 'react';

export interface SummaryListRow {
  key: string;
  value: ReactNode;
}

/** A GOV.UK summary list without row actions. */
export function SummaryList({ rows, className }: { rows: SummaryListRow[]; className?: string }) {
  return (
    <dl className={['govuk-summary-list', className].filter(Boolean).join(' ')}>
      {rows.map((row) => (
        <div className="govuk-summary-list__row" key={row.key}>
          <dt className="govuk-summary-list__key">{row.key}</dt>
          <dd className="govuk-summary-list__value">{row.value}</dd>
        </div>
      ))}
    </dl>
  );
}
