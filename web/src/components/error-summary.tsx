import { ErrorSummary as GovukErrorSummary } from 'govuk-frontend';
import { useRef } from 'react';

import type { ErrorItem } from '../lib/form-errors';
import { useGovukComponent } from '../lib/use-govuk-component';

/**
 * The GOV.UK error summary. govuk-frontend's script moves focus to it when it appears (so
 * it is announced) and makes its links focus the field at fault. Render it with a `key`
 * that changes on each failed attempt, so a second failure takes focus again.
 */
export function ErrorSummary({ items }: { items: ErrorItem[] }) {
  const ref = useRef<HTMLDivElement>(null);
  useGovukComponent(ref, GovukErrorSummary);
  return (
    <div className="govuk-error-summary" data-module="govuk-error-summary" ref={ref}>
      <div role="alert">
        <h2 className="govuk-error-summary__title">There is a problem</h2>
        <div className="govuk-error-summary__body">
          <ul className="govuk-list govuk-error-summary__list">
            {items.map((item) => (
              <li key={`${item.href ?? ''}${item.text}`}>
                {item.href ? <a href={item.href}>{item.text}</a> : item.text}
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}
