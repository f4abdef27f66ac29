import type { ActionPlan } from '@tracker/shared';
import { Link } from 'react-router';

import { NotificationBanner } from '../../../components/notification-banner';
import { paths } from '../../../lib/paths';
import { canBeSent, sendsProgressReport } from '../rules';
import { formatDayOf } from './field-words';
import { usePlanVersions } from '../../../lib/queries/plans';

/**
 * On a returned plan: why the inspectorate sent it back, and where its comments are. Drawn
 * above the page's heading, as GOV.UK places notification banners.
 */
export function ReturnedBanner({ plan }: { plan: ActionPlan }) {
  const versions = usePlanVersions(plan.id, plan.status === 'returned');
  if (plan.status !== 'returned') return null;
  const returned = versions.data?.find((version) => version.review?.decision === 'returned');
  if (!returned?.review) return null;
  return (
    <NotificationBanner
      heading={`The inspectorate returned version ${returned.number} on ${formatDayOf(returned.review.reviewedAt)}`}
    >
      {returned.review.reasons ? (
        <>
          <p className="govuk-body govuk-!-margin-bottom-1">Their reasons:</p>
          <p className="govuk-body app-preserve-lines" data-testid="returned-reasons">
            {returned.review.reasons}
          </p>
        </>
      ) : null}
      <p className="govuk-body">
        <Link
          className="govuk-notification-banner__link"
          to={paths.planVersion(plan.id, returned.number)}
        >
          Read the inspector&rsquo;s comments on version {returned.number}
        </Link>
      </p>
    </NotificationBanner>
  );
}

/**
 * The way to send the plan (for its lead, while it can be sent) and to what was sent before:
 * the version history and what has changed since the last version.
 */
export function SubmissionLinks({ plan }: { plan: ActionPlan }) {
  const lead = plan.allowed.submit && canBeSent(plan);
  const latest = plan.latestVersion;
  return (
    <>
      {plan.status === 'submitted' && latest !== null ? (
        <div className="govuk-inset-text">
          Version {latest} is with the inspectorate, awaiting review.
        </div>
      ) : null}
      {lead ? (
        <Link
          to={paths.submitPlan(plan.id)}
          role="button"
          draggable="false"
          className="govuk-button"
          data-module="govuk-button"
        >
          {sendsProgressReport(plan) ? 'Send a progress report' : 'Check your answers and submit'}
        </Link>
      ) : null}
      {latest !== null ? (
        <ul className="govuk-list">
          <li>
            <Link className="govuk-link" to={paths.planVersions(plan.id)}>
              Version history
            </Link>
          </li>
          <li>
            <Link className="govuk-link" to={paths.planDiff(plan.id, latest, 'live')}>
              Changes since last submitted
            </Link>
          </li>
        </ul>
      ) : null}
    </>
  );
}
