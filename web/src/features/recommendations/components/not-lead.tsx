import type { Recommendation } from '@tracker/shared';
import { Link } from 'react-router';

import { ContentPage } from '../../../components/content-page';
import { paths } from '../../../lib/paths';

/** For a page only a recommendation's lead may use, opened by someone else. */
export function NotLead({
  recommendation,
  what = 'respond to this recommendation',
}: {
  recommendation: Recommendation;
  what?: string;
}) {
  const lead =
    recommendation.ownerLevel === 'hmpps'
      ? 'the HMPPS national lead'
      : 'the regional lead (the Regional Probation Director)';
  return (
    <ContentPage title="You cannot change this recommendation">
      <p className="govuk-body">
        Only {lead} can {what}.
      </p>
      <p className="govuk-body">
        <Link className="govuk-link" to={paths.recommendation(recommendation.id)}>
          Back to the recommendation
        </Link>
      </p>
    </ContentPage>
  );
}
