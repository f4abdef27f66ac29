import {
  type RollUp,
  type RollUpCounts,
  type RollUpGrouping,
  type RollUpKind,
  type RollUpQuery,
  type RollUpRow,
  ownerLevelNames,
  themeNames,
} from '@tracker/shared';
import { type SQL, sql } from 'drizzle-orm';

import { londonDateOf } from '../actions/rag';
import type { ReadScope } from '../auth/policy';
import type { Db } from '../db/client';
import { rowsOf } from '../db/migrate';

/*
 * The national roll-up in one statement. Live figures come from the tables the database keeps
 * per recommendation (action_figures, action_due_days/months, open_action_days: decision 011),
 * so the cost follows recommendations and due dates, never actions. Inspectors never see live
 * figures: theirs are counted from the latest submitted version of each plan they can see.
 *
 * Both sources produce one row per recommendation with its counts (`per_rec`), and one
 * aggregation groups them; a recommendation counts once in the total and, by theme, in each
 * of its themes.
 */

/** The inspection column naming its source. */
const kindColumn = sql.raw('i.kind');

/** As the web names them (web/src/lib/labels.ts), for the rows and the exports. */
export const kindNames: Record<RollUpKind, string> = {
  regional_review: 'Regional review (HMI Probation)',
  pdu_inspection: 'PDU inspection (HMI Probation)',
  thematic_inspection: 'Thematic inspection (HMI Probation)',
  sfo_review: 'Serious Further Offence review',
  internal_audit: 'Internal audit',
  policy_review: 'Policy review',
};

const openStatuses = sql.raw(`('not_started', 'in_progress', 'blocked')`);

interface Settings {
  now: Date;
  dueSoonDays: number;
}

interface Source {
  scope: ReadScope;
  query: RollUpQuery & { groupBy: RollUpGrouping };
}

/** The filters on letters and recommendations, over `i` (inspection) and a status expression. */
function letterFilters(query: Source['query'], scope: ReadScope, status: SQL): SQL {
  const conditions: SQL[] = [sql`true`];
  if (scope.regionId) conditions.push(sql`i.region_id = ${scope.regionId}`);
  // Inspectors see HM Inspectorate of Probation's kinds only, as everywhere else.
  if (scope.kinds)
    conditions.push(
      sql`${kindColumn}::text in (${sql.join(
        scope.kinds.map((kind) => sql`${kind}`),
        sql`, `,
      )})`,
    );
  if (query.kind) conditions.push(sql`${kindColumn} = ${query.kind}`);
  if (query.from) conditions.push(sql`i.letter_date >= ${query.from}::date`);
  if (query.to) conditions.push(sql`i.letter_date <= ${query.to}::date`);
  if (query.status) conditions.push(sql`${status} = ${query.status}`);
  return sql.join(conditions, sql` and `);
}

/** One row per recommendation of the live plans, counted from the maintained figures. */
function livePerRecommendation({ scope, query }: Source, today: string, dueSoonDays: number) {
  const day = sql`${today}::date`;
  const monthStart = sql`date_trunc('month', ${day})::date`;
  const lastSoonDay = sql`(${day} + ${dueSoonDays}::int)`;
  const inScope = sql`inspection_id in (select inspection_id from letters)`;
  return sql`
    recs as (
      select r.id, r.inspection_id, r.source_pdu_id, r.owner_level::text as owner_level,
        r.themes::text[] as themes, r.status::text as status, r.response_decision::text as response_decision,
        i.region_id, ${kindColumn}::text as kind, p.id as plan_id, p.status::text as plan_status
      from recommendations r
      join inspections i on i.id = r.inspection_id
      join action_plans p on p.inspection_id = i.id and p.region_id = i.region_id
      where ${letterFilters(query, scope, sql`r.status`)}),
    letters as (select distinct inspection_id from recs),
    late as (
      select recommendation_id, sum(actions)::int as actions from (
        select recommendation_id, actions from action_due_months
        where ${inScope} and due_month < ${monthStart}
        union all
        select recommendation_id, actions from action_due_days
        where ${inScope} and due_date >= ${monthStart} and due_date < ${day}
      ) late group by recommendation_id),
    behind as (
      select recommendation_id, sum(actions)::int as actions from action_due_days
      where ${inScope} and due_date between ${day} and ${lastSoonDay} and due_date - ${day} <= lead
      group by recommendation_id),
    figures as (
      select recommendation_id,
        sum(not_started + in_progress + blocked + complete + verified_closed + cancelled)::int as total,
        sum(not_started + in_progress + blocked + complete + verified_closed)::int as not_cancelled,
        sum(complete + verified_closed + cancelled)::int as finished,
        sum(red)::int as red, sum(amber)::int as amber, sum(green + dated)::int as green_or_dated
      from action_figures where ${inScope} group by recommendation_id),
    days as (
      select recommendation_id,
        coalesce(sum(open) filter (where due_date < ${day}), 0)::int as overdue,
        coalesce(sum(open) filter (where due_date between ${day} and ${lastSoonDay}), 0)::int as due_soon,
        sum(unowned)::int as unowned
      from open_action_days
      where ${inScope} and (due_date <= ${lastSoonDay} or unowned > 0)
      group by recommendation_id),
    gone as (
      select a.recommendation_id, count(*)::int as actions
      from users u join actions a on a.owner_id = u.id
      where u.disabled_at is not null and a.status in ${openStatuses}
      group by a.recommendation_id),
    per_rec as (
      select recs.*,
        coalesce(f.total, 0) as actions,
        coalesce(f.red, 0) + coalesce(late.actions, 0) as red,
        coalesce(f.amber, 0) + coalesce(behind.actions, 0) as amber,
        coalesce(f.green_or_dated, 0) - coalesce(late.actions, 0) - coalesce(behind.actions, 0) as green,
        coalesce(f.finished, 0) as finished,
        coalesce(d.overdue, 0) as overdue,
        coalesce(d.due_soon, 0) as due_soon,
        coalesce(d.unowned, 0) + coalesce(gone.actions, 0) as unowned,
        -- Declined and answered-elsewhere recommendations need no actions of their own.
        coalesce(f.not_cancelled, 0) = 0
          and coalesce(response_decision, '') not in ('not_agreed', 'addressed_by') as without_actions
      from recs
      left join figures f on f.recommendation_id = recs.id
      left join late on late.recommendation_id = recs.id
      left join behind on behind.recommendation_id = recs.id
      left join days d on d.recommendation_id = recs.id
      left join gone on gone.recommendation_id = recs.id)`;
}

/**
 * One row per recommendation of the latest submitted version of each plan an inspector may see
 * (not a draft), from the figures counted when the version was sent (roll-up/version-figures.ts):
 * RAG as the version recorded it, overdue and due soon reckoned from its due dates as of today.
 */
function submittedPerRecommendation({ scope, query }: Source, today: string, dueSoonDays: number) {
  const day = sql`${today}::date`;
  const lastSoonDay = sql`(${day} + ${dueSoonDays}::int)`;
  return sql`
    latest as (
      select distinct on (v.plan_id) v.id as version_id, v.plan_id
      from plan_versions v join action_plans p on p.id = v.plan_id
      where p.status <> 'draft' ${scope.regionId ? sql`and p.region_id = ${scope.regionId}` : sql``}
      order by v.plan_id, v.number desc),
    recs as (
      select f.recommendation_id as id, p.inspection_id, f.source_pdu_id,
        f.owner_level::text as owner_level, f.themes::text[] as themes, f.status::text as status,
        f.response_decision::text as response_decision,
        i.region_id, ${kindColumn}::text as kind, p.id as plan_id, p.status::text as plan_status,
        f.actions, f.red, f.amber, f.green, f.finished, f.unowned, f.without_actions
      from latest
      join version_recommendation_figures f on f.version_id = latest.version_id
      join action_plans p on p.id = latest.plan_id
      join inspections i on i.id = p.inspection_id
      where ${letterFilters(query, scope, sql`f.status::text`)}),
    days as (
      select recommendation_id,
        coalesce(sum(open) filter (where due_date < ${day}), 0)::int as overdue,
        coalesce(sum(open) filter (where due_date >= ${day}), 0)::int as due_soon
      from version_open_action_days
      where version_id in (select version_id from latest) and due_date <= ${lastSoonDay}
      group by recommendation_id),
    per_rec as (
      select recs.*, coalesce(d.overdue, 0) as overdue, coalesce(d.due_soon, 0) as due_soon
      from recs left join days d on d.recommendation_id = recs.id)`;
}

const groupKeys: Record<RollUpGrouping, SQL> = {
  region: sql.raw('region_id::text'),
  pdu: sql.raw('source_pdu_id::text'),
  theme: sql.raw('theme'),
  ownerLevel: sql.raw('owner_level'),
  kind: sql.raw('kind'),
};

/** The counts of a set of per_rec rows, as the response's JSON. */
const countsJson = sql.raw(`json_build_object(
  'recommendations', json_build_object(
    'total', count(*),
    'open', count(*) filter (where status = 'open'),
    'in_progress', count(*) filter (where status = 'in_progress'),
    'actions_complete', count(*) filter (where status = 'actions_complete'),
    'closed', count(*) filter (where status = 'closed'),
    'withoutActions', count(*) filter (where without_actions)),
  'actions', json_build_object(
    'total', coalesce(sum(actions), 0), 'red', coalesce(sum(red), 0),
    'amber', coalesce(sum(amber), 0), 'green', coalesce(sum(green), 0),
    'none', coalesce(sum(finished), 0), 'overdue', coalesce(sum(overdue), 0),
    'dueSoon', coalesce(sum(due_soon), 0), 'unowned', coalesce(sum(unowned), 0)),
  'plans', json_build_object(
    'draft', count(distinct plan_id) filter (where plan_status = 'draft'),
    'submitted', count(distinct plan_id) filter (where plan_status = 'submitted'),
    'returned', count(distinct plan_id) filter (where plan_status = 'returned'),
    'accepted', count(distinct plan_id) filter (where plan_status = 'accepted'),
    'closed', count(distinct plan_id) filter (where plan_status = 'closed')))`);

interface GroupRow {
  key: string;
  unit_name: string | null;
  plan_id: string | null;
  counts: RollUpCounts;
}

interface StatementRow {
  rows: GroupRow[] | null;
  total: RollUpCounts;
}

export function rollUpStatement(source: Source, today: string, dueSoonDays: number): SQL {
  const { query, scope } = source;
  const perRecommendation = scope.livePlan
    ? livePerRecommendation(source, today, dueSoonDays)
    : submittedPerRecommendation(source, today, dueSoonDays);
  const key = groupKeys[query.groupBy];
  const themes = query.groupBy === 'theme' ? sql`cross join unnest(themes) as theme` : sql``;
  const unitJoin =
    query.groupBy === 'region' || query.groupBy === 'pdu'
      ? sql`left join org_units u on u.id::text = g.key`
      : sql`left join (select null::text as id, null::text as name) u on false`;
  return sql`with ${perRecommendation},
    counted as (select * from per_rec ${query.overdue ? sql`where overdue > 0` : sql``}),
    groups as (
      select ${key} as key, ${countsJson} as counts,
        case when count(distinct plan_id) = 1 then min(plan_id::text) end as plan_id
      from counted ${themes} group by 1)
    select
      (select json_agg(json_build_object('key', g.key, 'unit_name', u.name, 'plan_id', g.plan_id,
         'counts', g.counts)) from groups g ${unitJoin}) as rows,
      (select ${countsJson} from counted) as total`;
}

function labelOf(groupBy: RollUpGrouping, row: GroupRow): string {
  switch (groupBy) {
    case 'region':
    case 'pdu':
      return row.unit_name ?? row.key;
    case 'theme':
      return themeNames[row.key as keyof typeof themeNames] ?? row.key;
    case 'ownerLevel':
      return ownerLevelNames[row.key as keyof typeof ownerLevelNames] ?? row.key;
    case 'kind':
      return kindNames[row.key as RollUpKind] ?? row.key;
  }
}

function drillDownOf(groupBy: RollUpGrouping, row: GroupRow): RollUpRow['drillDown'] {
  return {
    planId: row.plan_id,
    regionId: groupBy === 'region' ? row.key : null,
    sourcePduId: groupBy === 'pdu' ? row.key : null,
    theme: groupBy === 'theme' ? (row.key as RollUpRow['drillDown']['theme']) : null,
    ownerLevel: groupBy === 'ownerLevel' ? (row.key as RollUpRow['drillDown']['ownerLevel']) : null,
    kind: groupBy === 'kind' ? (row.key as RollUpKind) : null,
  };
}

export async function rollUp(db: Db, source: Source, settings: Settings): Promise<RollUp> {
  const today = londonDateOf(settings.now);
  const [row] = rowsOf<StatementRow>(
    await db.execute(rollUpStatement(source, today, settings.dueSoonDays)),
  );
  const groupBy = source.query.groupBy;
  const rows = (row!.rows ?? [])
    .map((group) => ({
      key: group.key,
      label: labelOf(groupBy, group),
      counts: group.counts,
      drillDown: drillDownOf(groupBy, group),
    }))
    .sort((a, b) => a.label.localeCompare(b.label, 'en-GB'));
  return {
    groupBy,
    asOf: today,
    dueSoonDays: settings.dueSoonDays,
    source: source.scope.livePlan ? 'live' : 'submitted',
    rows,
    total: row!.total,
  };
}
