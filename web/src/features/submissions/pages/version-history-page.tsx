import type { ActionPlan } from '@tracker/shared';
import { useParams } from 'react-router';

import { BackLink } from '../../../components/back-link';
import { QueryState } from '../../../components/query-state';
import { paths } from '../../../lib/paths';
import { usePageTitle } from '../../../lib/use-page-title';
import { useHistory } from '../api';
import { CompareForm } from '../components/compare-form';
import { PlanTimeline } from '../components/plan-timeline';
import { VersionsTable } from '../components/versions-table';
import { usePlan, usePlanVersions } from '../../../lib/queries/plans';

const pageTitle = 'Version history';

export function VersionHistoryPage() {
  const { planId = '' } = useParams();
  const plan = usePlan(planId);
  usePageTitle(plan.isError ? undefined : pageTitle);

  if (!plan.isSuccess) return <QueryState queries={[plan]} what="version history" />;
  return <VersionHistory plan={plan.data} />;
}

function VersionHistory({ plan }: { plan: ActionPlan }) {
  const versions = usePlanVersions(plan.id);
  const history = useHistory(plan.id);

  return (
    <>
      <BackLink to={paths.plan(plan.id)}>Back to the action plan</BackLink>
      <span className="govuk-caption-l">{plan.region.name} action plan</span>
      <h1 className="govuk-heading-l">{pageTitle}</h1>
      {!versions.isSuccess ? <QueryState queries={[versions]} what="versions" section /> : null}
      {versions.isSuccess && versions.data.length === 0 ? (
        <p className="govuk-body">The plan has not been sent to the inspectorate yet.</p>
      ) : null}
      {versions.isSuccess && versions.data.length > 0 ? (
        <>
          <VersionsTable versions={versions.data} />
          <div className="govuk-grid-row">
            <div className="govuk-grid-column-two-thirds">
              <CompareForm
                planId={plan.id}
                versions={versions.data}
                withLive={plan.allowed.readLivePlan}
              />
            </div>
          </div>
        </>
      ) : null}
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h2 className="govuk-heading-m">What has happened to the plan</h2>
          {!history.isSuccess ? <QueryState queries={[history]} what="history" section /> : null}
          {history.isSuccess ? <PlanTimeline events={history.data} /> : null}
        </div>
      </div>
    </>
  );
}
