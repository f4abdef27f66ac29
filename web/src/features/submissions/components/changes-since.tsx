import { Link } from 'react-router';

import { QueryState } from '../../../components/query-state';
import { plural } from '../../../lib/format';
import { paths } from '../../../lib/paths';
import { useDiff } from '../api';
import { diffCountLines, diffCounts } from '../diff-counts';
import { recommendationName } from './field-words';

/**
 * "What changed since version N-1" at the top of a later version: the counts, each changed
 * recommendation as a link to its place further down (`anchorOf`), and the full comparison.
 */
export function ChangesSince({
  planId,
  number,
  anchorOf,
}: {
  planId: string;
  number: number;
  anchorOf: (recommendationId: string) => string;
}) {
  const previous = number - 1;
  const diff = useDiff(planId, previous, number);
  const heading = `What changed since version ${previous}`;
  return (
    <section aria-labelledby="changes-since-heading" data-testid="changes-since">
      <h2 className="govuk-heading-m" id="changes-since-heading">
        {heading}
      </h2>
      {diff.isSuccess ? (
        <ChangeCounts
          planId={planId}
          number={number}
          diff={diff.data.recommendations}
          anchorOf={anchorOf}
        />
      ) : (
        <QueryState queries={[diff]} what="changes" section />
      )}
    </section>
  );
}

function ChangeCounts({
  planId,
  number,
  diff,
  anchorOf,
}: {
  planId: string;
  number: number;
  diff: Parameters<typeof diffCounts>[0];
  anchorOf: (recommendationId: string) => string;
}) {
  const previous = number - 1;
  if (diff.length === 0) {
    return <p className="govuk-body">Nothing changed since version {previous}.</p>;
  }
  const lines = diffCountLines(diffCounts(diff));
  return (
    <>
      <p className="govuk-body">
        {plural(diff.length, 'recommendation')} changed
        {lines.length > 0 ? ':' : '.'}
      </p>
      {lines.length > 0 ? (
        <ul className="govuk-list govuk-list--bullet">
          {lines.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      ) : null}
      <details className="govuk-details">
        <summary className="govuk-details__summary">
          <span className="govuk-details__summary-text">The recommendations that changed</span>
        </summary>
        <div className="govuk-details__text">
          <ul className="govuk-list">
            {diff.map((recommendation) => (
              <li key={recommendation.id}>
                {recommendation.change === 'removed' ? (
                  `${recommendationName(recommendation.label)} (removed)`
                ) : (
                  <a className="govuk-link" href={`#${anchorOf(recommendation.id)}`}>
                    {recommendationName(recommendation.label)}
                  </a>
                )}
              </li>
            ))}
          </ul>
        </div>
      </details>
      <p className="govuk-body">
        <Link className="govuk-link" to={paths.planDiff(planId, previous, number)}>
          See every change since version {previous}
        </Link>
      </p>
    </>
  );
}
