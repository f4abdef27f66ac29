import type { ReactNode } from 'react';
import { Link } from 'react-router';

import { SummaryList, type SummaryListRow } from './summary-list';

export interface CardAction {
  to: string;
  text: string;
  /** Hidden words that say which card the link belongs to (for screen reader users). */
  visuallyHiddenText: string;
}

/** The GOV.UK summary card: a titled box around a summary list, with links for the card. */
export function SummaryCard({
  title,
  headingLevel = 3,
  actions = [],
  rows,
  children,
  testId,
}: {
  title: ReactNode;
  headingLevel?: 2 | 3 | 4;
  actions?: CardAction[];
  rows: SummaryListRow[];
  children?: ReactNode;
  testId?: string;
}) {
  const Heading = `h${headingLevel}` as const;
  return (
    <div className="govuk-summary-card" data-testid={testId}>
      <div className="govuk-summary-card__title-wrapper">
        <Heading className="govuk-summary-card__title">{title}</Heading>
        {actions.length > 0 ? (
          <ul className="govuk-summary-card__actions">
            {actions.map((action) => (
              <li className="govuk-summary-card__action" key={action.to}>
                <Link className="govuk-link" to={action.to}>
                  {action.text}
                  <span className="govuk-visually-hidden"> {action.visuallyHiddenText}</span>
                </Link>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      <div className="govuk-summary-card__content">
        <SummaryList rows={rows} />
        {children}
      </div>
    </div>
  );
}
