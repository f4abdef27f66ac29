import { Link } from 'react-router';

import { isApiError } from '../lib/api-client';
import { ContentPage } from './content-page';

/**
 * What the user sees when a page cannot load its data: "Page not found" for a 404, the
 * GOV.UK "Sorry, there is a problem with the service" page for anything else.
 */
/**
 * A 404, or a 400 that only faults the id taken from the page's address (a mistyped link):
 * to the user both mean the page does not exist.
 */
export function isNotFound(error: unknown): boolean {
  if (!isApiError(error)) return false;
  if (error.status === 404) return true;
  return (
    error.status === 400 &&
    error.errors.length > 0 &&
    error.errors.every((fieldError) => fieldError.path === 'id')
  );
}

export function ProblemPanel({ error }: { error: unknown }) {
  const notFound = isNotFound(error);
  if (notFound) {
    return (
      <ContentPage title="Page not found">
        <p className="govuk-body">
          What you are looking for does not exist, or you do not have access to it.
        </p>
        <p className="govuk-body">
          <Link className="govuk-link" to="/">
            Go to the list of inspections
          </Link>
        </p>
      </ContentPage>
    );
  }

  const detail = isApiError(error) ? error.detail : undefined;
  return (
    <ContentPage title="Sorry, there is a problem with the service">
      <p className="govuk-body">Try again later.</p>
      {detail ? <p className="govuk-body">The service said: {detail}</p> : null}
      <p className="govuk-body">
        <Link className="govuk-link" to="/">
          Go to the list of inspections
        </Link>
      </p>
    </ContentPage>
  );
}
