import type { ActionPlan, PlanVersionSummary } from '@tracker/shared';
import { Link, useParams } from 'react-router';

import { QueryState } from '../../../components/query-state';
import { Panel } from '../../../components/panel';
import { ProblemPanel } from '../../../components/problem-panel';
import { reviewerOf } from '../../../lib/labels';
import { paths } from '../../../lib/paths';
import { usePageTitle } from '../../../lib/use-page-title';
import { versionNotFound } from '../components/version-not-found';
import { usePlan, usePlanVersions } from '../../../lib/queries/plans';

const titles = {
  submission: 'Action plan submitted',
  progress_report: 'Progress report sent',
} as const;

export function SubmittedPage() {
  const { planId = '', versionNumber = '' } = useParams();
  const plan = usePlan(planId);
  const versions = usePlanVersions(planId);
  const version = versions.data?.find((item) => String(item.number) === versionNumber);
  usePageTitle(version ? titles[version.kind] : undefined);

  if (!plan.isSuccess || !versions.isSuccess) {
    return <QueryState queries={[plan, versions]} what="confirmation" />;
  }
  if (!version) return <ProblemPanel error={versionNotFound(versionNumber)} />;
  return <Confirmation version={version} plan={plan.data} />;
}

function Confirmation({ version, plan }: { version: PlanVersionSummary; plan: ActionPlan }) {
  const { planId, number } = version;
  const reviewer = reviewerOf(plan);
  const regionName = plan.region.name;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Panel title={titles[version.kind]}>
          {regionName} action plan
          <br />
          <strong>Version {number}</strong>
        </Panel>
        <h2 className="govuk-heading-m">What happens next</h2>
        {version.kind === 'submission' ? (
          <>
            <p className="govuk-body">
              {plan.reviewer ? plan.reviewer.name : 'HM Inspectorate of Probation'} has been told
              that version {number} is ready to review. Until they decide, the plan cannot be
              submitted again.
            </p>
            <p className="govuk-body">
              The reviewer gives a verdict on each recommendation, and then accepts the plan or
              returns it with reasons. You will get a notification either way. If it is returned,
              you can answer each comment, change the plan and submit it again.
            </p>
          </>
        ) : (
          <p className="govuk-body">
            {plan.reviewer ? plan.reviewer.name : 'The inspectorate'} can read the progress report
            now, and may comment on it. Keep the actions up to date: your next progress report will
            show what changed since this one.
          </p>
        )}
        <ul className="govuk-list">
          <li>
            <Link className="govuk-link" to={paths.planVersion(planId, number)}>
              Read version {number} as {reviewer} sees it
            </Link>
          </li>
          <li>
            <Link className="govuk-link" to={paths.planVersions(planId)}>
              See the plan&rsquo;s version history
            </Link>
          </li>
          <li>
            <Link className="govuk-link" to={paths.plan(planId)}>
              Go back to the action plan
            </Link>
          </li>
        </ul>
      </div>
    </div>
  );
}
