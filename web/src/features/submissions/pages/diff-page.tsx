import type { ActionPlan, PlanDiff } from '@tracker/shared';
import { Link, useParams } from 'react-router';

import { BackLink } from '../../../components/back-link';
import { QueryState } from '../../../components/query-state';
import { ProblemPanel } from '../../../components/problem-panel';
import { plural } from '../../../lib/format';
import { paths } from '../../../lib/paths';
import { usePageTitle } from '../../../lib/use-page-title';
import { useDiff } from '../api';
import { RecommendationChanges, type DiffSide, type DiffSides } from '../components/diff-sections';
import { versionNotFound } from '../components/version-not-found';
import { usePlan } from '../../../lib/queries/plans';

type Target = number | 'live';

/** The address's version numbers, or null where one is not a version number. */
function parseSides(from: string, to: string): { from: number; to: Target } | null {
  const isNumber = (value: string) => /^[1-9]\d*$/.test(value);
  if (!isNumber(from) || (to !== 'live' && !isNumber(to))) return null;
  return { from: Number(from), to: to === 'live' ? 'live' : Number(to) };
}

function side(target: Target): DiffSide {
  return target === 'live'
    ? { column: 'Live plan', phrase: 'the live plan' }
    : { column: `Version ${target}`, phrase: `version ${target}` };
}

/** "Changes since last submitted" when the live plan is set against the latest version. */
function titleFor(plan: ActionPlan, from: number, to: Target): string {
  if (to === 'live') {
    return from === plan.latestVersion
      ? 'Changes since last submitted'
      : `Changes since version ${from}`;
  }
  return `Changes from version ${from} to version ${to}`;
}

export function DiffPage() {
  const params = useParams();
  const planId = params.planId ?? '';
  const sides = parseSides(params.from ?? '', params.to ?? '');
  const plan = usePlan(planId);
  usePageTitle(plan.data && sides ? titleFor(plan.data, sides.from, sides.to) : undefined);

  if (!sides) return <ProblemPanel error={versionNotFound(`${params.from} or ${params.to}`)} />;
  if (!plan.isSuccess) {
    return <QueryState queries={[plan]} what="changes" />;
  }
  return <Diff plan={plan.data} from={sides.from} to={sides.to} />;
}

function Diff({ plan, from, to }: { plan: ActionPlan; from: number; to: Target }) {
  const diff = useDiff(plan.id, from, to);
  const sides: DiffSides = { from: side(from), to: side(to) };
  const title = titleFor(plan, from, to);

  if (!diff.isSuccess) {
    return <QueryState queries={[diff]} what="changes" />;
  }
  return (
    <>
      <BackLink to={paths.planVersions(plan.id)}>Back to the version history</BackLink>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <span className="govuk-caption-l">{plan.region.name} action plan</span>
          <h1 className="govuk-heading-l">{title}</h1>
          <Introduction diff={diff.data} sides={sides} />
        </div>
      </div>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-full">
          {diff.data.recommendations.map((recommendation) => (
            <RecommendationChanges key={recommendation.id} diff={recommendation} sides={sides} />
          ))}
        </div>
      </div>
    </>
  );
}

function Introduction({ diff, sides }: { diff: PlanDiff; sides: DiffSides }) {
  const count = diff.recommendations.length;
  return (
    <>
      <p className="govuk-body">
        What changed from {sides.from.phrase} to {sides.to.phrase}, recommendation by
        recommendation.
      </p>
      {count === 0 ? (
        <p className="govuk-body govuk-!-font-weight-bold" data-testid="no-changes">
          No changes
        </p>
      ) : (
        <p className="govuk-body">{plural(count, 'recommendation')} changed.</p>
      )}
      <ul className="govuk-list">
        {/* The later version first: an inspector comes here before reviewing it. */}
        {diff.to !== 'live' ? (
          <li>
            <Link className="govuk-link" to={paths.planVersion(diff.planId, diff.to)}>
              Read {sides.to.phrase} in full
            </Link>
          </li>
        ) : null}
        <li>
          <Link className="govuk-link" to={paths.planVersion(diff.planId, diff.from)}>
            Read {sides.from.phrase} in full
          </Link>
        </li>
      </ul>
    </>
  );
}
