import type { PlanSummary } from '@tracker/shared';
import { type SQL, eq, sql } from 'drizzle-orm';

import { londonDateOf } from '../actions/rag';
import type { Db } from '../db/client';
import { preparedOnce } from '../db/prepared';
import { inspections } from '../db/schema/inspections';

/*
 * The dashboard in one statement over the figures the database keeps per recommendation and
 * owning unit (db/schema/action-figures.ts), so its cost follows the number of recommendations,
 * units and due dates, never the number of actions (docs/decisions/011-maintained-plan-figures.md).
 * What the date changes is summed as of today: red is the rated actions due in earlier months
 * plus this month's earlier days; amber those due within the window that are behind by then.
 * The lists read only the due dates that hold their first 50 actions. It is a named prepared
 * statement (placeholders `inspectionId`, `today`, `dueSoonDays`): planning it took as long as
 * running it.
 */

/** Written into the statement, not a parameter, so even a generic plan knows how few rows a list reads. */
const listLength = sql.raw('50');

interface Progress {
  total: number;
  finished: number;
  percentSum: number;
  red: number;
  amber: number;
  green: number;
}

interface SummaryRow {
  totals: Progress & Record<keyof PlanSummary['actions']['byStatus'], number>;
  by_unit: (Progress & { unit: PlanSummary['byOwningUnit'][number]['unit'] })[] | null;
  by_level: (Progress & { key: PlanSummary['byOwnerLevel'][number]['ownerLevel'] })[] | null;
  by_theme: (Progress & { key: PlanSummary['byTheme'][number]['theme'] })[] | null;
  overdue: PlanSummary['overdue'] | null;
  due_soon: PlanSummary['dueSoon'] | null;
  unowned: PlanSummary['unownedActions'] | null;
  without_actions: PlanSummary['recommendationsWithoutActions'] | null;
}

export async function planSummary(
  db: Db,
  plan: { id: string; inspectionId: string },
  settings: { now: Date; dueSoonDays: number },
): Promise<PlanSummary> {
  const today = londonDateOf(settings.now);
  const [found] = await preparedOnce(db, 'plan_summary', (db) =>
    summaryQuery(db).prepare('plan_summary'),
  ).execute({ inspectionId: plan.inspectionId, today, dueSoonDays: settings.dueSoonDays });
  const row = found!.summary;
  const { totals } = row;
  return {
    planId: plan.id,
    asOf: today,
    dueSoonDays: settings.dueSoonDays,
    actions: {
      total: totals.total,
      byStatus: {
        not_started: totals.not_started,
        in_progress: totals.in_progress,
        blocked: totals.blocked,
        complete: totals.complete,
        verified_closed: totals.verified_closed,
        cancelled: totals.cancelled,
      },
      rag: ragOf(totals),
    },
    overdue: row.overdue ?? [],
    dueSoon: row.due_soon ?? [],
    unownedActions: row.unowned ?? [],
    recommendationsWithoutActions: row.without_actions ?? [],
    byOwningUnit: (row.by_unit ?? []).map((unit) => ({ unit: unit.unit, ...toProgress(unit) })),
    byOwnerLevel: (row.by_level ?? []).map((level) => ({
      ownerLevel: level.key,
      ...toProgress(level),
    })),
    byTheme: (row.by_theme ?? []).map((theme) => ({ theme: theme.key, ...toProgress(theme) })),
  };
}

function ragOf(progress: Progress) {
  return {
    red: progress.red,
    amber: progress.amber,
    green: progress.green,
    none: progress.finished,
  };
}

function toProgress(progress: Progress) {
  return {
    total: progress.total,
    finished: progress.finished,
    averagePercentComplete:
      progress.total === 0 ? 0 : Math.round((progress.percentSum / progress.total) * 10) / 10,
    rag: ragOf(progress),
  };
}

// Every total is at most 100 x the number of actions, well inside an int.
const progressColumns = sql.raw(`sum(total)::int as "total", sum(finished)::int as "finished",
  sum(percent_sum)::int as "percentSum", sum(red)::int as "red", sum(amber)::int as "amber",
  sum(green)::int as "green"`);

/** The statuses of an open action, written out so the planner matches the partial indexes. */
const open = sql.raw(`status in ('not_started', 'in_progress', 'blocked')`);

function brief(alias: string) {
  return sql.raw(`json_build_object('id', ${alias}.id, 'title', ${alias}.title,
    'recommendationId', ${alias}.recommendation_id,
    'owningUnit', json_build_object('id', unit.id, 'name', unit.name, 'type', unit.type),
    'ownerName', owner.name, 'dueDate', ${alias}.due_date, 'status', ${alias}.status)`);
}

const briefColumns = sql.raw(
  'a.id, a.title, a.recommendation_id, a.owning_unit_id, a.owner_id, a.due_date, a.status',
);

/**
 * The due date of a list's 50th action (null: it has fewer): the list reads no later day. A
 * running count over the plan's days in index order, stopping at the first day that reaches 50.
 */
function listLastDay(column: 'open' | 'unowned', where: SQL) {
  const counted = sql.raw(column);
  return sql`(select due_date from (
      select due_date, sum(${counted}) over (order by due_date, recommendation_id rows unbounded preceding) as running
      from open_action_days where ${where} and ${counted} > 0
      order by due_date, recommendation_id
    ) days where running >= ${listLength} limit 1)`;
}

/**
 * A list's first 50 actions: at most 50 from each recommendation of the plan (through the partial
 * indexes on recommendation and due date), then the first 50 of those.
 */
function firstOfPlan(where: SQL, order = sql.raw('due_date, id')) {
  return sql`select b.* from recs cross join lateral (
      select ${briefColumns} from actions a
      where a.recommendation_id = recs.rec_id and a.${open} and ${where}
      order by ${order} limit ${listLength}) b
    order by ${order} limit ${listLength}`;
}

/**
 * One row for the inspection: its summary as one JSON value, so the statement can be built once
 * with drizzle's select (which prepares) around the whole query.
 */
function summaryQuery(db: Db) {
  const inspectionId = sql.placeholder('inspectionId');
  const day = sql`${sql.placeholder('today')}::date`;
  const monthStart = sql`date_trunc('month', ${day})::date`;
  const lastSoonDay = sql`(${day} + ${sql.placeholder('dueSoonDays')}::int)`;
  const inPlan = sql`inspection_id = ${inspectionId}::uuid`;
  return db
    .select({ summary: sql<SummaryRow>`(${summarySql(day, monthStart, lastSoonDay, inPlan)})` })
    .from(inspections)
    .where(eq(inspections.id, inspectionId));
}

function summarySql(day: SQL, monthStart: SQL, lastSoonDay: SQL, inPlan: SQL) {
  return sql`with
    recs as (select id as rec_id from recommendations where ${inPlan}),
    late as (
      select recommendation_id, owning_unit_id, sum(actions)::int as actions from (
        select recommendation_id, owning_unit_id, actions from action_due_months
        where ${inPlan} and due_month < ${monthStart}
        union all
        select recommendation_id, owning_unit_id, actions from action_due_days
        where ${inPlan} and due_date >= ${monthStart} and due_date < ${day}
      ) late group by recommendation_id, owning_unit_id),
    behind as (
      select recommendation_id, owning_unit_id, sum(actions)::int as actions from action_due_days
      where ${inPlan} and due_date between ${day} and ${lastSoonDay} and due_date - ${day} <= lead
      group by recommendation_id, owning_unit_id),
    figures as (
      select f.owning_unit_id, r.owner_level, r.themes,
        f.not_started, f.in_progress, f.blocked, f.complete, f.verified_closed, f.cancelled,
        f.not_started + f.in_progress + f.blocked + f.complete + f.verified_closed + f.cancelled as total,
        f.complete + f.verified_closed + f.cancelled as finished,
        f.percent_sum,
        f.red + coalesce(late.actions, 0) as red,
        f.amber + coalesce(behind.actions, 0) as amber,
        f.green + f.dated - coalesce(late.actions, 0) - coalesce(behind.actions, 0) as green
      from action_figures f
      join recommendations r on r.id = f.recommendation_id
      left join late on late.recommendation_id = f.recommendation_id
        and late.owning_unit_id = f.owning_unit_id
      left join behind on behind.recommendation_id = f.recommendation_id
        and behind.owning_unit_id = f.owning_unit_id
      where f.${inPlan}),
    overdue as (${firstOfPlan(
      sql`a.due_date < ${day} and a.due_date <= coalesce(
        ${listLastDay('open', sql`${inPlan} and due_date < ${day}`)}, ${day})`,
    )}),
    due_soon as (${firstOfPlan(
      sql`a.due_date between ${day} and coalesce(
        ${listLastDay('open', sql`${inPlan} and due_date between ${day} and ${lastSoonDay}`)},
        ${lastSoonDay})`,
    )}),
    unowned_last as (select ${listLastDay('unowned', inPlan)} as due_date),
    unowned as (
      select * from (
        (${firstOfPlan(sql`a.owner_id is null
           and a.due_date <= coalesce((select due_date from unowned_last), 'infinity')`)})
        union all
        (${firstOfPlan(
          sql`a.owner_id is null and a.due_date is null
           and coalesce((select due_date from unowned_last), 'infinity') = 'infinity'`,
          sql.raw('id'),
        )})
        union all
        (select b.* from users gone cross join lateral (
           select ${briefColumns} from actions a
           where a.owner_id = gone.id and a.${open}
             and a.recommendation_id in (select rec_id from recs)
           order by a.due_date nulls last, a.id limit ${listLength}) b
         where gone.disabled_at is not null
         order by b.due_date nulls last, b.id limit ${listLength})
      ) unowned order by due_date nulls last, id limit ${listLength})
    select json_build_object(
      'totals', (select json_build_object(
         'not_started', coalesce(sum(not_started), 0), 'in_progress', coalesce(sum(in_progress), 0),
         'blocked', coalesce(sum(blocked), 0), 'complete', coalesce(sum(complete), 0),
         'verified_closed', coalesce(sum(verified_closed), 0), 'cancelled', coalesce(sum(cancelled), 0),
         'total', coalesce(sum(total), 0), 'finished', coalesce(sum(finished), 0),
         'percentSum', coalesce(sum(percent_sum), 0), 'red', coalesce(sum(red), 0),
         'amber', coalesce(sum(amber), 0), 'green', coalesce(sum(green), 0))
       from figures),
      'by_unit', (select json_agg(by_unit order by (by_unit.unit->>'name')) from (
         select json_build_object('id', u.id, 'name', u.name, 'type', u.type) as unit, ${progressColumns}
         from figures f join org_units u on u.id = f.owning_unit_id group by u.id) by_unit),
      'by_level', (select json_agg(by_level order by by_level.key) from (
         select owner_level as key, ${progressColumns} from figures group by owner_level) by_level),
      'by_theme', (select json_agg(by_theme order by by_theme.key) from (
         select theme as key, ${progressColumns} from figures, unnest(themes) as theme
         group by theme) by_theme),
      'overdue', (select json_agg(${brief('b')} order by b.due_date, b.id) from overdue b
         join org_units unit on unit.id = b.owning_unit_id left join users owner on owner.id = b.owner_id),
      'due_soon', (select json_agg(${brief('b')} order by b.due_date, b.id) from due_soon b
         join org_units unit on unit.id = b.owning_unit_id left join users owner on owner.id = b.owner_id),
      'unowned', (select json_agg(${brief('b')} order by b.due_date nulls last, b.id) from unowned b
         join org_units unit on unit.id = b.owning_unit_id left join users owner on owner.id = b.owner_id),
      'without_actions', (select json_agg(json_build_object('id', r.id, 'sourcePduName', pdu.name, 'number', r.number,
                                         'text', r.text) order by r.position)
       from recommendations r join org_units pdu on pdu.id = r.source_pdu_id
       where r.${inPlan} and r.response_decision is distinct from 'not_agreed'
         and r.response_decision is distinct from 'addressed_by' and not exists (
         select 1 from action_figures f where f.${inPlan} and f.recommendation_id = r.id
           and f.not_started + f.in_progress + f.blocked + f.complete + f.verified_closed > 0)
      ))`;
}
