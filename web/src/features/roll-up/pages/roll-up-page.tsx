import {
  type RecommendationStatus,
  type RollUp,
  type RollUpCounts,
  type RollUpGrouping,
  type RollUpKind,
  type RollUpRow,
  RecommendationStatus as RecommendationStatusSchema,
  RollUpGrouping as RollUpGroupingSchema,
  RollUpKind as RollUpKindSchema,
  recommendationStatuses,
} from '@tracker/shared';
import { useState, type FormEvent } from 'react';
import { Link, useLocation, useSearchParams } from 'react-router';

import { ErrorSummary } from '../../../components/error-summary';
import {
  Checkboxes,
  DateInput,
  Radios,
  Select,
  datePartsFrom,
  isoDateFrom,
  type DateParts,
} from '../../../components/form-fields';
import { QueryState } from '../../../components/query-state';
import { Table, type TableColumn } from '../../../components/table';
import { formatDate } from '../../../lib/dates';
import { summaryItems, type FieldErrors } from '../../../lib/form-errors';
import { inspectionKindNames, recommendationStatusTags } from '../../../lib/labels';
import { paths } from '../../../lib/paths';
import { usePageTitle } from '../../../lib/use-page-title';
import { rollUpExportHref, useRollUp, type RollUpFilters } from '../api';

const pageTitle = 'Roll-up';

const groupingNames: Record<RollUpGrouping, string> = {
  region: 'Region',
  pdu: 'PDU',
  theme: 'Theme',
  ownerLevel: 'Owner level',
  kind: 'Source',
};

/** The grouping inside a sentence ("Actions by PDU"). */
const groupingInCaption: Record<RollUpGrouping, string> = {
  region: 'region',
  pdu: 'PDU',
  theme: 'theme',
  ownerLevel: 'owner level',
  kind: 'source',
};

function filtersFrom(params: URLSearchParams): RollUpFilters {
  const parsed = <T,>(
    schema: { safeParse: (v: unknown) => { success: boolean; data?: T } },
    key: string,
  ) => {
    const result = schema.safeParse(params.get(key) ?? undefined);
    return result.success ? result.data : undefined;
  };
  const date = (key: string) => {
    const value = params.get(key);
    return value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined;
  };
  return {
    groupBy: parsed<RollUpGrouping>(RollUpGroupingSchema, 'groupBy'),
    kind: parsed<RollUpKind>(RollUpKindSchema, 'kind'),
    status: parsed<RecommendationStatus>(RecommendationStatusSchema, 'status'),
    overdue: params.get('overdue') === 'true' || undefined,
    from: date('from'),
    to: date('to'),
  };
}

export function RollUpPage() {
  const [searchParams] = useSearchParams();
  const filters = filtersFrom(searchParams);
  const rollUp = useRollUp(filters);
  const location = useLocation();
  return (
    <>
      {/* Drawn afresh with the address, and once the server says which grouping it chose. */}
      <FilterForm
        key={`${location.search} ${rollUp.data?.groupBy ?? ''}`}
        filters={filters}
        shownGroupBy={rollUp.data?.groupBy}
      />
      {rollUp.isSuccess ? (
        <Figures rollUp={rollUp.data} filters={filters} />
      ) : (
        <QueryState queries={[rollUp]} what="the roll-up" section />
      )}
    </>
  );
}

/** Where a row's figures come from: its plan when it has one, the plans otherwise. */
function drillDownOf(row: RollUpRow): string {
  return row.drillDown.planId ? paths.plan(row.drillDown.planId) : paths.plans;
}

interface Line {
  key: string;
  label: string;
  href: string | null;
  counts: RollUpCounts;
}

const counted = (header: string, value: (counts: RollUpCounts) => number): TableColumn<Line> => ({
  header,
  numeric: true,
  cell: (line) => value(line.counts).toLocaleString('en-GB'),
});

function Figures({ rollUp, filters }: { rollUp: RollUp; filters: RollUpFilters }) {
  const grouping = groupingNames[rollUp.groupBy];
  const lines: Line[] = [
    ...rollUp.rows.map((row) => ({
      key: row.key,
      label: row.label,
      href: drillDownOf(row),
      counts: row.counts,
    })),
    { key: 'total', label: 'Total', href: null, counts: rollUp.total },
  ];
  const labelColumn: TableColumn<Line> = {
    header: grouping,
    isRowHeader: true,
    cell: (line) =>
      line.href ? (
        <Link className="govuk-link" to={line.href}>
          {line.label}
        </Link>
      ) : (
        <strong>{line.label}</strong>
      ),
  };
  const tables: { caption: string; columns: TableColumn<Line>[] }[] = [
    {
      caption: 'Recommendations',
      columns: [
        labelColumn,
        counted('All', (c) => c.recommendations.total),
        ...recommendationStatuses.map((status) =>
          counted(recommendationStatusTags[status].text, (c) => c.recommendations[status]),
        ),
        counted('Without actions', (c) => c.recommendations.withoutActions),
      ],
    },
    {
      caption: 'Actions',
      columns: [
        labelColumn,
        counted('All', (c) => c.actions.total),
        counted('Red', (c) => c.actions.red),
        counted('Amber', (c) => c.actions.amber),
        counted('Green', (c) => c.actions.green),
        counted('Finished', (c) => c.actions.none),
        counted('Overdue', (c) => c.actions.overdue),
        counted('Due soon', (c) => c.actions.dueSoon),
        counted('Unowned', (c) => c.actions.unowned),
      ],
    },
    {
      caption: 'Plans',
      columns: [
        labelColumn,
        counted('Draft', (c) => c.plans.draft),
        counted('Submitted', (c) => c.plans.submitted),
        counted('Returned', (c) => c.plans.returned),
        counted('Accepted', (c) => c.plans.accepted),
        counted('Closed', (c) => c.plans.closed),
      ],
    },
  ];
  return (
    <>
      <p className="govuk-body">
        {rollUp.source === 'submitted'
          ? 'Figures from the latest submitted version of each plan, not the live plans. '
          : null}
        Overdue and due soon are reckoned as of {formatDate(rollUp.asOf)}; due soon is the next{' '}
        {rollUp.dueSoonDays} days.
      </p>
      {rollUp.groupBy === 'theme' ? (
        <div className="govuk-inset-text">
          A recommendation counts under every theme it has, so the rows add up to more than the
          total.
        </div>
      ) : null}
      <p className="govuk-body">
        <a className="govuk-link" href={rollUpExportHref(filters, 'csv')} download>
          Download CSV
        </a>
        {' · '}
        <a className="govuk-link" href={rollUpExportHref(filters, 'xlsx')} download>
          Download spreadsheet
        </a>
      </p>
      {rollUp.rows.length === 0 ? (
        <p className="govuk-body">No recommendations match these filters.</p>
      ) : (
        tables.map((table) => (
          <div className="app-table-scroll" key={table.caption}>
            <Table<Line>
              caption={`${table.caption} by ${groupingInCaption[rollUp.groupBy]}`}
              rows={lines}
              rowKey={(line) => line.key}
              columns={table.columns}
            />
          </div>
        ))
      )}
    </>
  );
}

const fieldOrder = [
  { name: 'from', href: '#from-day' },
  { name: 'to', href: '#to-day' },
];

function FilterForm({
  filters,
  shownGroupBy,
}: {
  filters: RollUpFilters;
  /** The grouping of the figures shown (the server's choice when the address has none). */
  shownGroupBy: RollUpGrouping | undefined;
}) {
  const [, setSearchParams] = useSearchParams();
  const [groupBy, setGroupBy] = useState<string>(filters.groupBy ?? shownGroupBy ?? 'region');
  const [kind, setKind] = useState<string>(filters.kind ?? '');
  const [status, setStatus] = useState<string>(filters.status ?? '');
  const [overdue, setOverdue] = useState<string[]>(filters.overdue ? ['true'] : []);
  const [from, setFrom] = useState<DateParts>(datePartsFrom(filters.from));
  const [to, setTo] = useState<DateParts>(datePartsFrom(filters.to));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [attempt, setAttempt] = useState(0);
  const items = summaryItems(errors, fieldOrder, []);
  usePageTitle(pageTitle, items.length > 0);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found: FieldErrors = {};
    const fromDate = isoDateFrom(from);
    const toDate = isoDateFrom(to);
    if (fromDate === null) found.from = 'Letters from must be a real date, like 27 3 2025';
    if (toDate === null) found.to = 'Letters to must be a real date, like 27 3 2025';
    if (fromDate && toDate && fromDate > toDate)
      found.to = 'Letters to must be the same as or after letters from';
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setAttempt((count) => count + 1);
      return;
    }
    const next: Record<string, string> = { groupBy };
    if (kind) next.kind = kind;
    if (status) next.status = status;
    if (overdue.length > 0) next.overdue = 'true';
    if (fromDate) next.from = fromDate;
    if (toDate) next.to = toDate;
    setSearchParams(next);
  };

  return (
    <>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          {items.length > 0 ? <ErrorSummary key={attempt} items={items} /> : null}
          <h1 className="govuk-heading-l">{pageTitle}</h1>
          <p className="govuk-body">
            Recommendations, actions and plans counted across every region you can see.
          </p>
        </div>
      </div>
      <form method="get" noValidate onSubmit={submit} aria-label="Group and filter the roll-up">
        <Radios
          name="groupBy"
          legend="Group by"
          legendSize="s"
          inline
          options={Object.entries(groupingNames).map(([value, text]) => ({ value, text }))}
          value={groupBy}
          onChange={setGroupBy}
        />
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-one-third">
            <Select
              id="kind"
              label="Source of recommendations"
              placeholder="Every source"
              options={Object.entries(inspectionKindNames).map(([value, text]) => ({
                value,
                text,
              }))}
              value={kind}
              onChange={setKind}
            />
          </div>
          <div className="govuk-grid-column-one-third">
            <Select
              id="status"
              label="Recommendation status"
              placeholder="Any status"
              options={recommendationStatuses.map((value) => ({
                value,
                text: recommendationStatusTags[value].text,
              }))}
              value={status}
              onChange={setStatus}
            />
          </div>
        </div>
        <Checkboxes
          name="overdue"
          legend="Overdue"
          options={[{ value: 'true', text: 'Only recommendations with overdue actions' }]}
          values={overdue}
          onChange={setOverdue}
          small
        />
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-one-half">
            <DateInput
              id="from"
              legend="Letters from"
              hint="The date of the letter, for example 14 3 2025"
              value={from}
              onChange={setFrom}
              error={errors.from}
            />
          </div>
          <div className="govuk-grid-column-one-half">
            <DateInput id="to" legend="Letters to" value={to} onChange={setTo} error={errors.to} />
          </div>
        </div>
        <button
          type="submit"
          className="govuk-button govuk-button--secondary"
          data-module="govuk-button"
        >
          Show figures
        </button>
      </form>
    </>
  );
}
