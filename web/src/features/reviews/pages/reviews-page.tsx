import type { ActionPlan, PlanVersionSummary } from '@tracker/shared';
import { Link } from 'react-router';

import { QueryState } from '../../../components/query-state';
import { Table } from '../../../components/table';
import { Tag } from '../../../components/tag';
import { formatDate } from '../../../lib/dates';
import { planStatusTags } from '../../../lib/labels';
import { paths } from '../../../lib/paths';
import { usePageTitle } from '../../../lib/use-page-title';
import { useAwaitingReview } from '../api';
import { decisionTags, versionKindNames } from '../labels';
import { usePlans, usePlanVersionLists } from '../../../lib/queries/plans';

const pageTitle = 'Plans to review';

const planName = (plan: ActionPlan) => `${plan.region.name} action plan`;

/** A plan with the version the row is about, once its summaries have arrived. */
interface PlanRow {
  plan: ActionPlan;
  number: number;
  version: PlanVersionSummary | undefined;
}

export function ReviewsPage() {
  const awaiting = useAwaitingReview();
  const plans = usePlans();
  usePageTitle(pageTitle);
  const planIds = (plans.data?.items ?? []).map((plan) => plan.id);
  const versionLists = usePlanVersionLists(planIds);

  if (!awaiting.isSuccess || !plans.isSuccess) {
    return <QueryState queries={[awaiting, plans]} what="plans" />;
  }

  const versionOf = (plan: ActionPlan, number: number) => {
    const index = planIds.indexOf(plan.id);
    return versionLists[index]?.data?.find((version) => version.number === number);
  };
  const toReview: PlanRow[] = awaiting.data.items.flatMap((plan) =>
    plan.versionAwaitingReview === null
      ? []
      : [
          {
            plan,
            number: plan.versionAwaitingReview,
            version: versionOf(plan, plan.versionAwaitingReview),
          },
        ],
  );
  const waiting = new Set(toReview.map((row) => row.plan.id));
  const others: PlanRow[] = plans.data.items.flatMap((plan) =>
    waiting.has(plan.id) || plan.latestVersion === null
      ? []
      : [{ plan, number: plan.latestVersion, version: versionOf(plan, plan.latestVersion) }],
  );

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-full">
        <h1 className="govuk-heading-l">{pageTitle}</h1>
        <h2 className="govuk-heading-m">Awaiting your review</h2>
        {toReview.length === 0 ? (
          <p className="govuk-body">No plan has a version waiting for review.</p>
        ) : (
          <AwaitingTable rows={toReview} />
        )}
        <h2 className="govuk-heading-m">Other plans</h2>
        {others.length === 0 ? (
          <p className="govuk-body">There are no other submitted plans.</p>
        ) : (
          <OthersTable rows={others} />
        )}
      </div>
    </div>
  );
}

function VersionLink({ row }: { row: PlanRow }) {
  return (
    <Link className="govuk-link" to={paths.planVersion(row.plan.id, row.number)}>
      {planName(row.plan)}, version {row.number}
    </Link>
  );
}

/** One click from the list to what a resubmission changed, before reading it in full. */
function WhatChanged({ row }: { row: PlanRow }) {
  if (row.number === 1) return <>The first version</>;
  const previous = row.number - 1;
  return (
    <Link className="govuk-link" to={paths.planDiff(row.plan.id, previous, row.number)}>
      What changed since version {previous}
      <span className="govuk-visually-hidden">
        {' '}
        in version {row.number} of the {planName(row.plan)}
      </span>
    </Link>
  );
}

function AwaitingTable({ rows }: { rows: PlanRow[] }) {
  return (
    <Table<PlanRow>
      caption="Versions submitted and not yet reviewed"
      captionSize="s"
      rows={rows}
      rowKey={(row) => row.plan.id}
      columns={[
        { header: 'Plan', isRowHeader: true, cell: (row) => <VersionLink row={row} /> },
        { header: 'Kind', cell: (row) => (row.version ? versionKindNames[row.version.kind] : '') },
        {
          header: 'Submitted',
          cell: (row) => (row.version ? formatDate(row.version.header.submittedOn) : ''),
        },
        { header: 'Submitted by', cell: (row) => row.version?.header.submittedBy ?? '' },
        { header: 'Changes', cell: (row) => <WhatChanged row={row} /> },
      ]}
    />
  );
}

function OthersTable({ rows }: { rows: PlanRow[] }) {
  return (
    <Table<PlanRow>
      caption="Each plan’s latest version"
      captionSize="s"
      rows={rows}
      rowKey={(row) => row.plan.id}
      columns={[
        { header: 'Latest version', isRowHeader: true, cell: (row) => <VersionLink row={row} /> },
        { header: 'Plan status', cell: (row) => <Tag label={planStatusTags[row.plan.status]} /> },
        {
          header: 'Decision',
          cell: (row) =>
            row.version?.review ? <Tag label={decisionTags[row.version.review.decision]} /> : '',
        },
        {
          header: 'Submitted',
          cell: (row) => (row.version ? formatDate(row.version.header.submittedOn) : ''),
        },
      ]}
    />
  );
}
