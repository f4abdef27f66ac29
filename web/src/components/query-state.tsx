import { isApiError } from '../lib/api-client';
import { ContentPage } from './content-page';
import { Loading } from './loading';
import { ProblemPanel, isNotFound } from './problem-panel';

/** What this needs of a TanStack Query result. */
export interface QueryLike {
  isError: boolean;
  isFetching: boolean;
  error: unknown;
  refetch: () => unknown;
}

/**
 * What a page (or a `section` of one) shows until its queries have all loaded: "Loading", or,
 * once one has failed, what went wrong and a "Try again" button that asks again for what
 * failed. A request that failed never leaves the page loading for ever. Render it only while
 * some query has not succeeded.
 */
export function QueryState({
  queries,
  what,
  section = false,
}: {
  queries: QueryLike[];
  what: string;
  section?: boolean;
}) {
  const failed = queries.filter((query) => query.isError);
  const retrying = failed.some((query) => query.isFetching);
  if (failed.length === 0 || retrying) return <Loading what={what} />;
  const { error } = failed[0]!;
  // Asking again cannot find what does not exist.
  if (isNotFound(error) && !section) return <ProblemPanel error={error} />;
  const retry = () => failed.forEach((query) => void query.refetch());
  const detail = isApiError(error) ? error.detail : undefined;
  const message = (
    <>
      <p className="govuk-error-message" role="alert">
        <span className="govuk-visually-hidden">Error:</span> The {what} could not be loaded.
        {detail ? ` The service said: ${detail}` : ''}
      </p>
      <button
        type="button"
        className="govuk-button govuk-button--secondary"
        data-module="govuk-button"
        onClick={retry}
      >
        Try again
      </button>
    </>
  );
  if (section) return <div>{message}</div>;
  return <ContentPage title="Sorry, there is a problem with the service">{message}</ContentPage>;
}
