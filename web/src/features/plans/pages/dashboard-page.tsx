import type { PlanSummary } from '@tracker/shared';
import { actionStatuses } from '@tracker/shared';
import { Link, useParams } from 'react-router';

import { BackLink } from '../../../components/back-link';
import { BarChart } from '../../../components/bar-chart';
import { QueryState } from '../../../components/query-state';
import { SummaryList } from '../../../components/summary-list';
import { Table, type TableColumn } from '../../../components/table';
import { Tag } from '../../../components/tag';
import { formatDate } from '../../../lib/dates';
import { plural } from '../../../lib/format';
import {
  actionStatusTags,
  noRagTag,
  ownerLevelNames,
  ragTags,
  themeNames,
} from '../../../lib/labels';
import { paths } from '../../../lib/paths';
import { usePageTitle } from '../../../lib/use-page-title';
import { usePlanSummary } from '../api';
import { useMe } from '../../../lib/queries/me';
import { usePlan } from '../../../lib/queries/plans';

type Brief = PlanSummary['overdue'][number];
type Progress = PlanSummary['byOwningUnit'][number];
interface ProgressRow extends Omit<Progress, 'unit'> {
  name: string;
}

export function DashboardPage() {
  const { planId = '' } = useParams();
  const me = useMe();
  const plan = usePlan(planId);
  const summary = usePlanSummary(planId);
  const title = plan.data ? `${plan.data.region.name} dashboard` : 'Dashboard';
  usePageTitle(title);

  if (me.data?.role === 'inspector') {
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-l">Dashboard</h1>
          <p className="govuk-body">
            Inspectors do not see the live plan&rsquo;s figures while the region writes it.
          </p>
        </div>
      </div>
    );
  }
  if (!plan.isSuccess || !summary.isSuccess) {
    return <QueryState queries={[plan, summary]} what="dashboard" />;
  }

  const data = summary.data;
  return (
    <>
      <BackLink to={paths.plan(planId)}>Back to the action plan</BackLink>
      <span className="govuk-caption-l">Action plan figures as of {formatDate(data.asOf)}</span>
      <h1 className="govuk-heading-l">{title}</h1>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <AtAGlance summary={data} />
        </div>
      </div>
      <h2 className="govuk-heading-l">Red, amber and green</h2>
      <RagTable summary={data} />
      <StatusTable summary={data} />

      <h2 className="govuk-heading-l" id="overdue">
        Overdue
      </h2>
      <BriefTable
        caption="Overdue actions, soonest due first"
        rows={data.overdue}
        empty="No action is overdue."
      />
      <h2 className="govuk-heading-l" id="due-soon">
        Due soon
      </h2>
      <BriefTable
        caption={`Actions due within ${data.dueSoonDays} days`}
        rows={data.dueSoon}
        empty={`No action is due in the next ${data.dueSoonDays} days.`}
      />
      <h2 className="govuk-heading-l" id="unowned">
        No owner
      </h2>
      <BriefTable
        caption="Open actions with no owner, or an owner whose account is disabled"
        rows={data.unownedActions}
        empty="Every open action has an owner."
      />
      <h2 className="govuk-heading-l" id="without-actions">
        Recommendations with no actions
      </h2>
      {data.recommendationsWithoutActions.length === 0 ? (
        <p className="govuk-body">Every recommendation has at least one action.</p>
      ) : (
        <ul className="govuk-list govuk-list--bullet" data-testid="without-actions">
          {data.recommendationsWithoutActions.map((r) => (
            <li key={r.id}>
              <Link className="govuk-link" to={paths.recommendation(r.id)}>
                {r.sourcePduName} recommendation {r.number}
              </Link>
            </li>
          ))}
        </ul>
      )}

      <h2 className="govuk-heading-l">Progress</h2>
      <ProgressBlock
        id="by-unit"
        caption="Progress by owning unit"
        first="Unit"
        rows={data.byOwningUnit.map(({ unit, ...rest }) => ({ ...rest, name: unit.name }))}
      />
      <ProgressBlock
        id="by-owner-level"
        caption="Progress by owner level"
        first="Owner level"
        rows={data.byOwnerLevel.map(({ ownerLevel, ...rest }) => ({
          ...rest,
          name: ownerLevelNames[ownerLevel],
        }))}
      />
      <ProgressBlock
        id="by-theme"
        caption="Progress by theme"
        first="Theme"
        rows={data.byTheme.map(({ theme, ...rest }) => ({ ...rest, name: themeNames[theme] }))}
      />
    </>
  );
}

function AtAGlance({ summary }: { summary: PlanSummary }) {
  const finished =
    (summary.actions.byStatus.complete ?? 0) +
    (summary.actions.byStatus.verified_closed ?? 0) +
    (summary.actions.byStatus.cancelled ?? 0);
  const link = (href: string, text: string) => (
    <a className="govuk-link" href={href}>
      {text}
    </a>
  );
  return (
    <SummaryList
      rows={[
        { key: 'Actions', value: `${summary.actions.total} (${finished} finished)` },
        { key: 'Overdue', value: link('#overdue', plural(summary.overdue.length, 'action')) },
        {
          key: `Due in the next ${summary.dueSoonDays} days`,
          value: link('#due-soon', plural(summary.dueSoon.length, 'action')),
        },
        {
          key: 'No owner',
          value: link('#unowned', plural(summary.unownedActions.length, 'action')),
        },
        {
          key: 'Recommendations with no actions',
          value: link(
            '#without-actions',
            plural(summary.recommendationsWithoutActions.length, 'recommendation'),
          ),
        },
      ]}
    />
  );
}

function RagTable({ summary }: { summary: PlanSummary }) {
  const rows = [
    { label: ragTags.red, count: summary.actions.rag.red },
    { label: ragTags.amber, count: summary.actions.rag.amber },
    { label: ragTags.green, count: summary.actions.rag.green },
    { label: { ...noRagTag, text: 'No rating (finished)' }, count: summary.actions.rag.none },
  ];
  return (
    <Table
      caption="Actions by RAG rating"
      captionSize="m"
      rows={rows}
      rowKey={(row) => row.label.text}
      className="app-table--narrow"
      columns={[
        { header: 'Rating', isRowHeader: true, cell: (row) => <Tag label={row.label} /> },
        { header: 'Actions', numeric: true, cell: (row) => String(row.count) },
      ]}
    />
  );
}

function StatusTable({ summary }: { summary: PlanSummary }) {
  return (
    <Table
      caption="Actions by status"
      captionSize="m"
      rows={actionStatuses.map((status) => ({
        status,
        count: summary.actions.byStatus[status] ?? 0,
      }))}
      rowKey={(row) => row.status}
      className="app-table--narrow"
      columns={[
        {
          header: 'Status',
          isRowHeader: true,
          cell: (row) => <Tag label={actionStatusTags[row.status]} />,
        },
        { header: 'Actions', numeric: true, cell: (row) => String(row.count) },
      ]}
    />
  );
}

function BriefTable({ caption, rows, empty }: { caption: string; rows: Brief[]; empty: string }) {
  if (rows.length === 0) return <p className="govuk-body">{empty}</p>;
  const columns: TableColumn<Brief>[] = [
    {
      header: 'Action',
      isRowHeader: true,
      cell: (row) => (
        <Link className="govuk-link" to={paths.action(row.id)}>
          {row.title}
        </Link>
      ),
    },
    { header: 'Unit', cell: (row) => row.owningUnit.name },
    { header: 'Owner', cell: (row) => row.ownerName ?? 'No owner' },
    { header: 'Due date', cell: (row) => (row.dueDate ? formatDate(row.dueDate) : 'Not set') },
    { header: 'Status', cell: (row) => <Tag label={actionStatusTags[row.status]} /> },
  ];
  return (
    <Table
      caption={caption}
      captionSize="s"
      rows={rows}
      rowKey={(row) => row.id}
      columns={columns}
    />
  );
}

function ProgressBlock({
  id,
  caption,
  first,
  rows,
}: {
  id: string;
  caption: string;
  first: string;
  rows: ProgressRow[];
}) {
  return (
    <section aria-labelledby={id} data-testid={id}>
      <h3 className="govuk-heading-m" id={id}>
        {caption}
      </h3>
      {rows.length === 0 ? (
        <p className="govuk-body">No actions yet.</p>
      ) : (
        <>
          <BarChart
            bars={rows.map((row) => ({
              label: row.name,
              value: row.averagePercentComplete,
              valueText: `${Math.round(row.averagePercentComplete)}% (${row.finished} of ${row.total})`,
            }))}
          />
          <p className="govuk-body-s">
            The bars show average percent complete; the figures in brackets are finished actions out
            of all actions. The table below gives the same figures.
          </p>
          <Table<ProgressRow>
            caption={`${caption}: figures`}
            captionSize="s"
            rows={rows}
            rowKey={(row) => row.name}
            columns={[
              { header: first, isRowHeader: true, cell: (row) => row.name },
              { header: 'Actions', numeric: true, cell: (row) => String(row.total) },
              { header: 'Finished', numeric: true, cell: (row) => String(row.finished) },
              {
                header: 'Average complete',
                numeric: true,
                cell: (row) => `${Math.round(row.averagePercentComplete)}%`,
              },
              { header: 'Red', numeric: true, cell: (row) => String(row.rag.red) },
              { header: 'Amber', numeric: true, cell: (row) => String(row.rag.amber) },
              { header: 'Green', numeric: true, cell: (row) => String(row.rag.green) },
            ]}
          />
        </>
      )}
    </section>
  );
}
