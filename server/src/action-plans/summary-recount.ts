import type { PlanSummary } from '@tracker/shared';
import { type SQL, sql } from 'drizzle-orm';

import { finishedStatuses, londonDateOf } from '../actions/rag';
import type { Db } from '../db/client';
import { rowsOf } from '../db/migrate';

/*
 * The dashboard's figures counted afresh from the plan's actions: the reference the maintained
 * figures (summary.ts, db/schema/action-figures.ts) are held to by figures.test.ts. Its cost
 * grows with the plan, so the route never calls it.
 */

/** RAG in SQL by the same rules as actions/rag.ts; a test holds the two together. */
export function ragSql(today: string, dueSoonDays: number): SQL<string | null> {
  const start = sql`coalesce(a.start_date, (a.created_at at time zone 'Europe/London')::date)`;
  const todayDate = sql`${today}::date`;
  const expected = sql`case when a.due_date - ${start} <= 0 then 100
    else least(greatest(${todayDate} - ${start}, 0), a.due_date - ${start}) * 100.0 / (a.due_date - ${start}) end`;
  return sql<string | null>`case
    when a.status in ('complete', 'verified_closed', 'cancelled') then null
    when a.rag_override is not null then a.rag_override::text
    when a.status = 'blocked' then 'red'
    when a.due_date is null then 'green'
    when a.due_date < ${todayDate} then 'red'
    when a.due_date - ${todayDate} <= ${dueSoonDays} and a.percent_complete < ${expected} then 'amber'
    else 'green' end`;
}

const finishedList = sql.raw(finishedStatuses.map((status) => `'${status}'`).join(', '));

/**
 * Actions of the plan's inspection, with their RAG, owner and recommendation, gathered once
 * into a temporary table that the figure queries read (dropped when the transaction ends).
 */
function planActions(inspectionId: string, today: string, dueSoonDays: number): SQL {
  return sql`create temporary table plan_actions on commit drop as
    select a.id, a.title, a.recommendation_id, a.owning_unit_id, a.due_date, a.status, a.percent_complete,
           ${ragSql(today, dueSoonDays)} as rag,
           a.status in (${finishedList}) as finished,
           owner.name as owner_name, owner.disabled_at is null and owner.id is not null as owned,
           r.owner_level, r.themes
    from recommendations r
    join actions a on a.recommendation_id = r.id
    left join users owner on owner.id = a.owner_id
    where r.inspection_id = ${inspectionId}`;
}

interface BriefRow {
  id: string;
  title: string;
  recommendation_id: string;
  unit_id: string;
  unit_name: string;
  unit_type: 'hmpps' | 'region' | 'pdu' | 'inspectorate';
  owner_name: string | null;
  due_date: string | null;
  status: PlanSummary['overdue'][number]['status'];
}

interface ProgressRow {
  key: string;
  total: number;
  finished: number;
  average: number | string | null;
  red: number;
  amber: number;
  green: number;
  none: number;
}

const progressColumns = sql`count(*)::int as total, count(*) filter (where finished)::int as finished,
  coalesce(avg(percent_complete), 0)::float as average,
  count(*) filter (where rag = 'red')::int as red, count(*) filter (where rag = 'amber')::int as amber,
  count(*) filter (where rag = 'green')::int as green, count(*) filter (where rag is null)::int as none`;

export async function recountPlanSummary(
  db: Db,
  plan: { id: string; inspectionId: string },
  settings: { now: Date; dueSoonDays: number },
): Promise<PlanSummary> {
  // One transaction: one pooled connection for all the figures, and one snapshot, so they add up.
  return db.transaction((tx) => summarise(tx, plan, settings));
}

async function summarise(
  db: Db,
  plan: { id: string; inspectionId: string },
  settings: { now: Date; dueSoonDays: number },
): Promise<PlanSummary> {
  const today = londonDateOf(settings.now);
  await db.execute(planActions(plan.inspectionId, today, settings.dueSoonDays));
  const query = async <Row>(body: SQL) => rowsOf<Row>(await db.execute(body));

  const counts = await query<{ status: string; rag: string | null; total: number }>(
    sql`select status, rag, count(*)::int as total from plan_actions group by status, rag`,
  );
  const briefs = (where: SQL, order: SQL) =>
    query<BriefRow>(sql`select pa.id, pa.title, pa.recommendation_id, u.id as unit_id, u.name as unit_name,
        u.type as unit_type, pa.owner_name, pa.due_date::text as due_date, pa.status
      from plan_actions pa join org_units u on u.id = pa.owning_unit_id
      where ${where} order by ${order} limit 50`);
  const overdue = await briefs(
    sql`not pa.finished and pa.due_date < ${today}::date`,
    sql`pa.due_date, pa.id`,
  );
  const dueSoon = await briefs(
    sql`not pa.finished and pa.due_date between ${today}::date and ${today}::date + ${settings.dueSoonDays}::int`,
    sql`pa.due_date, pa.id`,
  );
  const unowned = await briefs(
    sql`not pa.finished and not pa.owned`,
    sql`pa.due_date nulls last, pa.id`,
  );
  const withoutActions = rowsOf<{ id: string; source: string; number: number; text: string }>(
    await db.execute(sql`select r.id, pdu.name as source, r.number, r.text from recommendations r
      join org_units pdu on pdu.id = r.source_pdu_id
      where r.inspection_id = ${plan.inspectionId}
        and r.response_decision is distinct from 'not_agreed'
        and r.response_decision is distinct from 'addressed_by'
        and not exists (select 1 from actions a where a.recommendation_id = r.id and a.status <> 'cancelled')
      order by r.position`),
  );
  const byUnit = await query<ProgressRow & { name: string; type: BriefRow['unit_type'] }>(
    sql`select u.id as key, u.name, u.type, ${progressColumns}
      from plan_actions join org_units u on u.id = plan_actions.owning_unit_id
      group by u.id, u.name, u.type order by u.name`,
  );
  const byLevel = await query<ProgressRow>(
    sql`select owner_level::text as key, ${progressColumns} from plan_actions group by owner_level order by owner_level`,
  );
  const byTheme = await query<ProgressRow>(
    sql`select theme::text as key, ${progressColumns} from plan_actions, unnest(themes) as theme
      group by theme order by theme`,
  );

  const byStatus = Object.fromEntries(
    ['not_started', 'in_progress', 'blocked', 'complete', 'verified_closed', 'cancelled'].map(
      (status) => [
        status,
        counts.filter((row) => row.status === status).reduce((sum, row) => sum + row.total, 0),
      ],
    ),
  ) as PlanSummary['actions']['byStatus'];
  const ragCount = (rag: string | null) =>
    counts.filter((row) => row.rag === rag).reduce((sum, row) => sum + row.total, 0);

  return {
    planId: plan.id,
    asOf: today,
    dueSoonDays: settings.dueSoonDays,
    actions: {
      total: counts.reduce((sum, row) => sum + row.total, 0),
      byStatus,
      rag: {
        red: ragCount('red'),
        amber: ragCount('amber'),
        green: ragCount('green'),
        none: ragCount(null),
      },
    },
    overdue: overdue.map(toBrief),
    dueSoon: dueSoon.map(toBrief),
    unownedActions: unowned.map(toBrief),
    recommendationsWithoutActions: withoutActions.map((row) => ({
      id: row.id,
      sourcePduName: row.source,
      number: row.number,
      text: row.text,
    })),
    byOwningUnit: byUnit.map((row) => ({
      unit: { id: row.key, name: row.name, type: row.type },
      ...toProgress(row),
    })),
    byOwnerLevel: byLevel.map((row) => ({
      ownerLevel: row.key as 'pdu' | 'region' | 'hmpps',
      ...toProgress(row),
    })),
    byTheme: byTheme.map((row) => ({
      theme: row.key as PlanSummary['byTheme'][number]['theme'],
      ...toProgress(row),
    })),
  };
}

function toBrief(row: BriefRow): PlanSummary['overdue'][number] {
  return {
    id: row.id,
    title: row.title,
    recommendationId: row.recommendation_id,
    owningUnit: { id: row.unit_id, name: row.unit_name, type: row.unit_type },
    ownerName: row.owner_name,
    dueDate: row.due_date,
    status: row.status,
  };
}

function toProgress(row: ProgressRow) {
  return {
    total: row.total,
    finished: row.finished,
    averagePercentComplete: Math.round(Number(row.average) * 10) / 10,
    rag: { red: row.red, amber: row.amber, green: row.green, none: row.none },
  };
}
