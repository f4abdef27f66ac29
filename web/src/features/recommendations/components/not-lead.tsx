import type { Recommendation } from '@tracker/shared';
import { Link } from 'react-router';

import { paths } from '../../../lib/paths';
import { usePageTitle } from '../../../lib/use-page-title';

/** For a page only a recommendation's lead may use, opened by someone else. */
export function NotLead({
  recommendation,
  what = 'respond to this recommendation',
}: {
  recommendation: Recommendation;
  what?: string;
}) {
  const title = 'You cannot change this recommendation';
  usePageTitle(title);
  const lead =
    recommendation.ownerLevel === 'hmpps'
      ? 'the HMPPS national lead'
      : 'the regional lead (the Regional Probation Director)';
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">{title}</h1>
        <p className="govuk-body">
          Only {lead} can {what}.
        </p>
        <p className="govuk-body">
          <Link className="govuk-link" to={paths.recommendation(recommendation.id)}>
            Back to the recommendation
          </Link>
        </p>
      </div>
    </div>
  );
}
