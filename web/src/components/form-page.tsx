import type { ReactNode } from 'react';
import { Link } from 'react-router';

import type { ErrorItem } from '../lib/form-errors';
import { BackLink } from './back-link';
import { ErrorSummary } from './error-summary';

export interface FormPageProps {
  /** Where the back link above the page leads, and what it says. */
  back?: { to: string; text: string };
  /** The error summary's lines (none: no summary) and the failed attempt they come from. */
  errors: { items: ErrorItem[]; attempt: number };
  children: ReactNode;
}

/** A page with a form: the back link, then the error summary above the page in two thirds. */
export function FormPage({ back, errors, children }: FormPageProps) {
  return (
    <>
      {back ? <BackLink to={back.to}>{back.text}</BackLink> : null}
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          {errors.items.length > 0 ? (
            <ErrorSummary key={errors.attempt} items={errors.items} />
          ) : null}
          {children}
        </div>
      </div>
    </>
  );
}

/** The form's submit button and a "Cancel" link back to where the person came from. */
export function FormButtons({
  submit,
  cancelTo,
  warning = false,
  busy,
}: {
  submit: string;
  cancelTo: string;
  /** A red button, for a form that takes something away. */
  warning?: boolean;
  /** Turns the button off while the form is being sent. */
  busy?: boolean;
}) {
  return (
    <div className="govuk-button-group">
      <button
        type="submit"
        className={warning ? 'govuk-button govuk-button--warning' : 'govuk-button'}
        data-module="govuk-button"
        disabled={busy}
        aria-disabled={busy || undefined}
      >
        {submit}
      </button>
      <Link className="govuk-link" to={cancelTo}>
        Cancel
      </Link>
    </div>
  );
}
