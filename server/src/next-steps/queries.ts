import {
  type NextStep,
  type PlanRef,
  inspectorateKinds,
  maxNextStepsOfAKind,
} from '@tracker/shared';
import { type SQL, sql } from 'drizzle-orm';

import { finishedStatuses, londonDateOf } from '../actions/rag';
import type { Db } from '../db/client';
import { rowsOf } from '../db/migrate';

/**
 * What needs each person, counted in the database so the cost follows the plans and units in
 * their sight, not the number of actions. The readiness rules counted here are those of
 * submissions/readiness.ts; queries.test.ts holds the two to the same answers.
 */

interface PlanRow {
  plan_id: string;
  inspection_id: string;
  title: string;
  region_id: string;
  region_name: string;
  plan_status: PlanRef['status'];
}

const planColumns = sql`p.id as plan_id, i.id as inspection_id, i.title, region.id as region_id,
  region.name as region_name, p.status as plan_status`;

const planFrom = sql`action_plans p
  join inspections i on i.id = p.inspection_id
  join org_units region on region.id = p.region_id`;

function planRefOf(row: PlanRow): PlanRef {
  return {
    id: row.plan_id,
    inspectionId: row.inspection_id,
    title: row.title,
    region: { id: row.region_id, name: row.region_name, type: 'region' },
    status: row.plan_status,
  };
}

/** 'national_lead' or 'region_lead' for a recommendation (r) and, given one, its action (a). */
const recommendationLead = sql`case when r.owner_level = 'hmpps' then 'national_lead' else 'region_lead' end`;
const actionLead = sql`case when r.owner_level = 'hmpps' or unit.type = 'hmpps'
  then 'national_lead' else 'region_lead' end`;

/**
 * Every readiness problem of the plans chosen, one row per problem with its lead: the
 * recommendation's own (no response, no rationale, no live actions), then each live action's
 * (no owner or a disabled one, no due date, no success measure).
 */
function readinessProblemRows(plans: SQL): SQL {
  return sql`
    select r.inspection_id, ${recommendationLead} as lead, case when r.response_decision is null then 'no_response' else 'other' end as code
    from recommendations r
    where r.inspection_id in (${plans})
      and (r.response_decision is null
        or (r.response_decision = 'not_agreed' and coalesce(r.response_rationale, '') = '')
        or (r.response_decision = 'addressed_by' and r.response_addressed_by_id is null)
        or (r.response_decision not in ('not_agreed', 'addressed_by') and not exists (
          select 1 from actions live where live.recommendation_id = r.id and live.status <> 'cancelled')))
    union all
    select r.inspection_id, ${actionLead}, 'other'
    from actions a
    join recommendations r on r.id = a.recommendation_id
    join org_units unit on unit.id = a.owning_unit_id
    left join users owner on owner.id = a.owner_id
    cross join lateral (values
      (owner.id is null or owner.disabled_at is not null),
      (a.due_date is null),
      (coalesce(a.success_measure, '') = '')) as missing(problem)
    where r.inspection_id in (${plans}) and a.status <> 'cancelled' and missing.problem`;
}

/** A region lead's plans still being written (draft or returned), with how far each has got. */
export async function plansToContinue(db: Db, regionId: string): Promise<NextStep[]> {
  const open = sql`select inspection_id from action_plans
    where region_id = ${regionId} and status in ('draft', 'returned')`;
  const rows = rowsOf<
    PlanRow & { to_answer: number; answered: number; problems: number; national: number }
  >(
    await db.execute(sql`
      with problem as (${readinessProblemRows(open)}),
      answers as (
        select r.inspection_id, count(*)::int as to_answer,
          count(r.response_decision)::int as answered
        from recommendations r
        where r.inspection_id in (${open}) and r.owner_level <> 'hmpps'
        group by r.inspection_id)
      select ${planColumns},
        coalesce(answers.to_answer, 0) as to_answer, coalesce(answers.answered, 0) as answered,
        (select count(*)::int from problem where problem.inspection_id = p.inspection_id
          and problem.lead = 'region_lead' and problem.code <> 'no_response') as problems,
        (select count(*)::int from problem where problem.inspection_id = p.inspection_id
          and problem.lead = 'national_lead') as national
      from ${planFrom}
      left join answers on answers.inspection_id = p.inspection_id
      where p.region_id = ${regionId} and p.status in ('draft', 'returned')
      order by i.letter_date, p.id
      limit ${maxNextStepsOfAKind}`),
  );
  return rows.map((row) => ({
    kind: 'continue_plan',
    plan: planRefOf(row),
    answered: row.answered,
    toAnswer: row.to_answer,
    problems: row.problems,
    waitingOnNationalLead: row.national,
  }));
}

/**
 * Plans being written that wait on the national lead: an HMPPS-owned recommendation without a
 * response, oldest letter first, with when this national lead was last asked about each.
 */
export async function plansAwaitingNationalLead(
  db: Db,
  recipientId: string | null,
): Promise<NextStep[]> {
  const rows = rowsOf<PlanRow & { awaiting: number; asked_at: Date | string | null }>(
    await db.execute(sql`
      select ${planColumns}, count(r.id)::int as awaiting,
        (select max(n.created_at) from notifications n
          where n.recipient_id = ${recipientId} and n.kind = 'response_requested'
            and n.link = '/plans/' || p.id::text) as asked_at
      from ${planFrom}
      join recommendations r on r.inspection_id = p.inspection_id
      where p.status in ('draft', 'returned') and r.owner_level = 'hmpps'
        and r.response_decision is null
      group by p.id, i.id, region.id
      order by i.letter_date, p.id
      limit ${maxNextStepsOfAKind}`),
  );
  return rows.map((row) => ({
    kind: 'answer_hmpps_items',
    plan: planRefOf(row),
    awaiting: row.awaiting,
    askedAt: row.asked_at === null ? null : new Date(row.asked_at).toISOString(),
  }));
}

/**
 * Versions that await a decision from this reviewer, the longest waiting first: for the
 * inspectorate, those of its kinds; for anyone else, those of the HMPPS plans they were named to
 * review and did not send themselves.
 */
export async function versionsToReview(
  db: Db,
  reviewer: { inspectorate: true } | { personId: string },
): Promise<NextStep[]> {
  const whose =
    'inspectorate' in reviewer
      ? sql`i.kind in (${sql.join(
          inspectorateKinds.map((kind) => sql`${kind}`),
          sql`, `,
        )})`
      : sql`i.reviewer_id = ${reviewer.personId} and v.submitted_by_id is distinct from ${reviewer.personId}`;
  const rows = rowsOf<
    PlanRow & {
      number: number;
      kind: 'submission' | 'progress_report';
      submitted_at: Date | string;
    }
  >(
    await db.execute(sql`
      select ${planColumns}, v.number, v.kind, v.submitted_at
      from plan_versions v
      join ${planFrom} on p.id = v.plan_id
      where v.decision is null and ${whose}
      order by v.submitted_at, v.id
      limit ${maxNextStepsOfAKind}`),
  );
  return rows.map((row) => ({
    kind: 'review_version',
    plan: planRefOf(row),
    versionNumber: row.number,
    versionKind: row.kind,
    submittedAt: new Date(row.submitted_at).toISOString(),
  }));
}

/**
 * Overdue and due-soon actions (as the plan dashboard counts them) that a unit owns, or, for a
 * region, that any unit owns in the region's plans.
 */
export async function actionsDue(
  db: Db,
  unit: { id: string; name: string; type: 'pdu' | 'region' | 'hmpps' },
  settings: { now: Date; dueSoonDays: number },
): Promise<NextStep[]> {
  const today = londonDateOf(settings.now);
  // The action carries its plan's region (kept by a trigger), so a region needs no joins.
  const whose =
    unit.type === 'region' ? sql`a.region_id = ${unit.id}` : sql`a.owning_unit_id = ${unit.id}`;
  const [row] = rowsOf<{ overdue: number; due_soon: number }>(
    await db.execute(sql`
      select count(*) filter (where a.due_date < ${today}::date)::int as overdue,
        count(*) filter (where a.due_date >= ${today}::date)::int as due_soon
      from actions a
      where ${whose}
        and a.status not in (${sql.join(
          finishedStatuses.map((status) => sql`${status}`),
          sql`, `,
        )})
        and a.due_date <= ${today}::date + ${settings.dueSoonDays}::int`),
  );
  if (!row || row.overdue + row.due_soon === 0) return [];
  return [{ kind: 'actions_due', unit, overdue: row.overdue, dueSoon: row.due_soon }];
}
