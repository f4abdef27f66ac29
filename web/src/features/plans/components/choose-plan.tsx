import type { ActionPlan } from '@tracker/shared';
import { Link, Navigate } from 'react-router';

import { QueryState } from '../../../components/query-state';
import { Tag } from '../../../components/tag';
import { planStatusTags } from '../../../lib/labels';
import { usePageTitle } from '../../../lib/use-page-title';
import { useMe } from '../../../lib/queries/me';
import { usePlans } from '../../../lib/queries/plans';

/**
 * The navigation's "Action plan" and "Dashboard" lead here: with one plan in sight (a region's
 * people usually have one at a time) it opens straight away; with several, the person chooses.
 */
export function ChoosePlan({ title, to }: { title: string; to: (plan: ActionPlan) => string }) {
  const me = useMe();
  const plans = usePlans();
  usePageTitle(title);

  if (!plans.isSuccess || !me.isSuccess) {
    return <QueryState queries={[plans, me]} what="action plans" />;
  }

  const items = plans.data.items;
  const only = items.length === 1 ? items[0] : undefined;
  if (only) return <Navigate to={to(only)} replace />;

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">{title}</h1>
        {items.length === 0 ? (
          me.data?.role === 'inspector' ? (
            <>
              <p className="govuk-body">
                Inspectors do not see a region&rsquo;s live action plan while it is being written.
              </p>
              <p className="govuk-body">
                You will see a plan here once the region submits a version of it for review.
              </p>
            </>
          ) : (
            <p className="govuk-body">There are no action plans you can see yet.</p>
          )
        ) : (
          <ul className="govuk-list govuk-list--spaced">
            {items.map((plan) => (
              <li key={plan.id}>
                <Link className="govuk-link" to={to(plan)}>
                  {plan.region.name} action plan
                </Link>{' '}
                <Tag label={planStatusTags[plan.status]} />
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
