import type { ReactNode } from 'react';
import { Link } from 'react-router';

export interface SummaryListRow {
  key: string;
  value: ReactNode;
  /** A "Change" link; its hidden words say what it changes (for screen reader users). */
  action?: { to: string; text?: string; visuallyHiddenText: string };
}

/** A GOV.UK summary list; rows may carry a "Change" link. */
export function SummaryList({ rows, className }: { rows: SummaryListRow[]; className?: string }) {
  const anyActions = rows.some((row) => row.action);
  return (
    <dl className={['govuk-summary-list', className].filter(Boolean).join(' ')}>
      {rows.map((row) => (
        <div
          className={
            anyActions && !row.action
              ? 'govuk-summary-list__row govuk-summary-list__row--no-actions'
              : 'govuk-summary-list__row'
          }
          key={row.key}
        >
          <dt className="govuk-summary-list__key">{row.key}</dt>
          <dd className="govuk-summary-list__value">{row.value}</dd>
          {row.action ? (
            <dd className="govuk-summary-list__actions">
              <Link className="govuk-link" to={row.action.to}>
                {row.action.text ?? 'Change'}
                <span className="govuk-visually-hidden"> {row.action.visuallyHiddenText}</span>
              </Link>
            </dd>
          ) : null}
        </div>
      ))}
    </dl>
  );
}
