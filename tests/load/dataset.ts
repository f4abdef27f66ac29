import type { Client } from 'pg';

/** The probation regions of England and Wales besides Greater Manchester (seeded from the letter). */
export const otherRegions: { code: string; name: string }[] = [
  { code: 'north-west', name: 'North West' },
  { code: 'north-east', name: 'North East' },
  { code: 'yorkshire-and-the-humber', name: 'Yorkshire and the Humber' },
  { code: 'east-midlands', name: 'East Midlands' },
  { code: 'west-midlands', name: 'West Midlands' },
  { code: 'east-of-england', name: 'East of England' },
  { code: 'wales', name: 'Wales' },
  { code: 'south-west', name: 'South West' },
  { code: 'south-central', name: 'South Central' },
  { code: 'kent-surrey-and-sussex', name: 'Kent, Surrey and Sussex' },
  { code: 'london', name: 'London' },
];

const pdusPerRegion = 9;
const recommendationsPerRegion = 30;
const updatesPerAction = 10;

export interface LoadStep {
  name: string;
  rows: number;
  ms: number;
}

/**
 * Loads the national-scale data on top of the seeded Greater Manchester letter, with
 * set-based SQL only: 11 more regions with 9 PDUs each, a regional review, 30
 * recommendations and a draft plan per region; `actionCount` actions spread evenly over the
 * 12 regions (so Greater Manchester holds 1/12th), and 10 progress updates per action.
 * Random values come from a fixed seed, so two runs load the same shape.
 */
export async function loadNationalData(
  client: Client,
  actionCount: number,
  onStep: (step: LoadStep) => void,
): Promise<LoadStep[]> {
  const steps: LoadStep[] = [];
  const step = async (name: string, text: string, values: unknown[] = []) => {
    const started = performance.now();
    const result = await client.query(text, values);
    const done = { name, rows: result.rowCount ?? 0, ms: performance.now() - started };
    steps.push(done);
    onStep(done);
  };

  await client.query('begin');
  await client.query('select setseed(0.42)');

  await step(
    'regions',
    `insert into org_units (code, name, type, parent_id)
     select r.code, r.name, 'region', (select id from org_units where code = 'hmpps')
     from unnest($1::text[], $2::text[]) as r(code, name)`,
    [otherRegions.map((r) => r.code), otherRegions.map((r) => r.name)],
  );
  await client.query(
    `create temp table bench_regions on commit drop as
     select id, code, name from org_units where type = 'region' and code = any($1::text[])`,
    [otherRegions.map((r) => r.code)],
  );
  await step(
    'PDUs',
    `insert into org_units (code, name, type, parent_id)
     select r.code || '-pdu-' || n, r.name || ' PDU ' || n, 'pdu', r.id
     from bench_regions r cross join generate_series(1, ${pdusPerRegion}) n`,
  );
  await step(
    'users (region leads, heads of operations)',
    `insert into users (email, name, role, unit_id)
     select 'rpd@' || r.code || '.probation.example', 'Regional Probation Director, ' || r.name,
            'region_lead'::role, r.id
     from bench_regions r
     union all
     select 'hoo@' || p.code || '.probation.example', 'Head of Operations, ' || p.name,
            'head_of_operations'::role, p.id
     from org_units p join bench_regions r on r.id = p.parent_id`,
  );
  await step(
    'inspections',
    `insert into inspections (region_id, title, kind, letter_date, author, addressee)
     select r.id, 'Regional review of probation services in ' || r.name, 'regional_review',
            date '2024-01-15' + (20 * row_number() over (order by r.code))::int,
            'HM Chief Inspector of Probation', 'Regional Probation Director, ' || r.name
     from bench_regions r`,
  );
  await step(
    'inspected PDUs',
    `insert into inspected_pdus (inspection_id, pdu_id, position, fieldwork_start_month, overall_rating)
     select i.id, p.id, row_number() over (partition by i.id order by p.code), '2023-10',
            (enum_range(null::rating_value))[1 + abs(hashtext(p.code)) % 4]
     from inspections i
     join bench_regions r on r.id = i.region_id
     join org_units p on p.parent_id = r.id`,
  );
  await step(
    'recommendations',
    `insert into recommendations (inspection_id, source_pdu_id, number, position, text, owner_level,
                                  owning_unit_id, themes, response_decision, response_rationale, responded_at)
     select i.id, pdu.id, k / ${pdusPerRegion} + 1, k + 1,
            'Recommendation ' || (k + 1) || ' for ' || r.name || ': improve the quality of work to '
              || 'assess, manage and review risk of harm, with management oversight.',
            level.owner_level,
            case level.owner_level when 'pdu' then pdu.id when 'region' then r.id
                 else (select id from org_units where code = 'hmpps') end,
            array(select distinct t from unnest(array[
              (enum_range(null::theme))[1 + k % 11],
              (enum_range(null::theme))[1 + (5 * k + 3) % 11]]) t),
            'agreed', 'We agree and will act on it.', now()
     from inspections i
     join bench_regions r on r.id = i.region_id
     cross join generate_series(0, ${recommendationsPerRegion - 1}) k
     cross join lateral (
       select p.id from org_units p where p.parent_id = r.id order by p.code
       offset k % ${pdusPerRegion} limit 1) pdu
     cross join lateral (select (case when k % 10 < 7 then 'pdu' when k % 10 < 9 then 'region'
                                      else 'hmpps' end)::owner_level as owner_level) level`,
  );
  await step(
    'action plans (draft)',
    `insert into action_plans (inspection_id, region_id)
     select i.id, i.region_id from inspections i join bench_regions r on r.id = i.region_id`,
  );

  // Every recommendation of the 12 regions, numbered within its region; Greater Manchester is region 0.
  await client.query(
    `create temp table bench_recommendations on commit drop as
     select r.id, r.owner_level, r.owning_unit_id, i.region_id,
            dense_rank() over (order by reg.code <> 'greater-manchester', reg.code) - 1 as region_index,
            row_number() over (partition by i.region_id order by r.position) - 1 as index_in_region,
            count(*) over (partition by i.region_id) as region_count
     from recommendations r
     join inspections i on i.id = r.inspection_id
     join org_units reg on reg.id = i.region_id`,
  );
  // Who owns what: the region lead for a region, the head of operations for a PDU, the national lead for HMPPS.
  await client.query(
    `create temp table bench_unit_owners on commit drop as
     select distinct on (unit_id) unit_id, id as user_id from users
     where role in ('region_lead', 'head_of_operations', 'national_lead')
     order by unit_id, email`,
  );
  await step(
    'actions (staged)',
    `create temp table bench_actions on commit drop as
     with source as (
       select g, random() as r1, random() as r2, random() as r3, random() as r4, random() as r5
       from generate_series(1, $1::int) g
     ), placed as (
       select s.*, rec.id as recommendation_id,
              case when rec.owner_level = 'pdu' and s.r5 < 0.85 then rec.owning_unit_id
                   when rec.owner_level = 'hmpps' and s.r5 < 0.5 then rec.owning_unit_id
                   else rec.region_id end as owning_unit_id,
              (case when s.r1 < 0.25 then 'not_started' when s.r1 < 0.60 then 'in_progress'
                    when s.r1 < 0.65 then 'blocked' when s.r1 < 0.80 then 'complete'
                    when s.r1 < 0.95 then 'verified_closed' else 'cancelled' end)::action_status as status,
              case when s.r2 < 0.02 then null
                   else current_date + (s.r2 * 730)::int - 365 end as due_date
       from source s
       join bench_recommendations rec
         on rec.region_index = s.g % 12 and rec.index_in_region = (s.g / 12) % rec.region_count
     )
     select gen_random_uuid() as id, p.*,
            case when p.r3 < 0.7 then owner.user_id end as owner_id,
            case p.status when 'not_started' then 0 when 'in_progress' then 5 + (p.r4 * 85)::int
                 when 'blocked' then 10 + (p.r4 * 50)::int when 'cancelled' then (p.r4 * 50)::int
                 else 100 end as percent_complete,
            now() - make_interval(days => 30 + (p.r4 * 400)::int) as created_at
     from placed p left join bench_unit_owners owner on owner.unit_id = p.owning_unit_id`,
    [actionCount],
  );
  await step(
    'actions',
    `insert into actions (id, recommendation_id, title, description, owning_unit_id, owner_id, owner_role,
                          start_date, due_date, original_due_date, success_measure, status, cancel_reason,
                          percent_complete, created_by_id, created_at, updated_at)
     select id, recommendation_id,
            (array['Audit management oversight in', 'Train practitioners on', 'Review the quality of',
                   'Recruit staff for', 'Deliver a workshop on'])[1 + g % 5] || ' area ' || g,
            'Set-based benchmark action ' || g || '. Agreed with the head of operations and the '
              || 'quality team; progress reported at the monthly performance meeting.',
            owning_unit_id, owner_id, case when owner_id is null then 'Head of Quality' end,
            due_date - (30 + (r5 * 150)::int), due_date,
            case when g % 20 = 0 then due_date - 30 else due_date end,
            'Oversight judged sufficient in 80% of audited cases', status,
            case when status = 'cancelled' then 'Superseded by a national change' end,
            percent_complete, owner_id, created_at,
            created_at + (now() - created_at) * r3
     from bench_actions`,
  );
  await step(
    'due-date changes (every 20th action)',
    `insert into action_due_date_changes (action_id, from_date, to_date, reason, changed_by_id, created_at, updated_at)
     select id, due_date - 30, due_date, 'Recruitment took longer than planned', owner_id,
            created_at + interval '10 days', created_at + interval '10 days'
     from bench_actions where g % 20 = 0 and due_date is not null`,
  );
  await step(
    'dependencies (every 50th action, on one of its region)',
    `insert into action_dependencies (action_id, depends_on_action_id)
     select a.id, b.id from bench_actions a join bench_actions b on b.g = a.g - 12
     where a.g % 50 = 0`,
  );
  await step(
    `progress updates (${updatesPerAction} per action)`,
    `insert into progress_updates (action_id, narrative, percent_complete, status_change, author_id,
                                   recorded_at, created_at, updated_at)
     select a.id,
            'Update ' || k || ': audits carried out this month, findings shared with the team and '
              || 'the next steps agreed at the performance meeting.',
            case when k % 3 = 0 then a.percent_complete * k / ${updatesPerAction} end,
            case when k = 1 and a.status <> 'not_started' then 'in_progress'::action_status
                 when k = ${updatesPerAction} and a.status not in ('not_started', 'in_progress') then a.status end,
            a.owner_id, at.t, at.t, at.t
     from bench_actions a
     cross join generate_series(1, ${updatesPerAction}) k
     cross join lateral (select a.created_at + (now() - a.created_at) * (k / ${updatesPerAction + 1}.0)::float8 as t) at`,
  );
  await step(
    'recommendation statuses',
    `update recommendations r set status = derived.status
     from (select r.id,
                  (case when count(a.id) filter (where a.status <> 'cancelled') = 0 then 'open'
                        when bool_and(a.status in ('complete', 'verified_closed', 'cancelled')) then 'actions_complete'
                        else 'in_progress' end)::recommendation_status as status
           from recommendations r left join actions a on a.recommendation_id = r.id
           group by r.id) derived
     where derived.id = r.id and r.status <> derived.status`,
  );
  await client.query('commit');

  // VACUUM as well as ANALYZE: the visibility map a live database would have, and no
  // autovacuum of the fresh rows in the middle of a measurement.
  const started = performance.now();
  await client.query('vacuum (analyze)');
  const vacuum = { name: 'vacuum (analyze)', rows: 0, ms: performance.now() - started };
  steps.push(vacuum);
  onStep(vacuum);
  return steps;
}

export interface Fixture {
  wiganId: string;
  gmInspectionId: string;
  gmPlanId: string;
  /** A Wigan PDU recommendation, where the Wigan head of operations may add actions. */
  wiganRecommendationId: string;
  /** A loaded Wigan action in progress, with its progress updates. */
  wiganActionId: string;
  counts: Record<string, number>;
}

/** The ids the requests need, and what the database now holds. */
export async function readFixture(client: Client): Promise<Fixture> {
  const one = async <Row>(text: string, values: unknown[] = []): Promise<Row> => {
    const result = await client.query(text, values);
    if (!result.rows[0]) throw new Error(`Nothing found by: ${text}`);
    return result.rows[0] as Row;
  };
  const { id: wiganId } = await one<{ id: string }>(
    `select id from org_units where code = 'wigan'`,
  );
  const gm = await one<{ inspection_id: string; plan_id: string }>(
    `select i.id as inspection_id, p.id as plan_id from inspections i
     join org_units r on r.id = i.region_id join action_plans p on p.inspection_id = i.id
     where r.code = 'greater-manchester'`,
  );
  const { id: wiganRecommendationId } = await one<{ id: string }>(
    `select id from recommendations
     where inspection_id = $1 and owning_unit_id = $2 and owner_level = 'pdu'
     order by position limit 1`,
    [gm.inspection_id, wiganId],
  );
  const { id: wiganActionId } = await one<{ id: string }>(
    `select id from actions where owning_unit_id = $1 and status = 'in_progress'
     order by id limit 1`,
    [wiganId],
  );
  const counts: Record<string, number> = {};
  for (const [label, text] of [
    ['regions', `select count(*)::int as n from org_units where type = 'region'`],
    ['PDUs', `select count(*)::int as n from org_units where type = 'pdu'`],
    ['recommendations', `select count(*)::int as n from recommendations`],
    ['actions', `select count(*)::int as n from actions`],
    ['progress updates', `select count(*)::int as n from progress_updates`],
    [
      'Greater Manchester actions',
      `select count(*)::int as n from actions a join recommendations r on r.id = a.recommendation_id
       where r.inspection_id = '${gm.inspection_id}'`,
    ],
    [
      'Wigan actions in progress',
      `select count(*)::int as n from actions where owning_unit_id = '${wiganId}' and status = 'in_progress'`,
    ],
  ] as const) {
    counts[label] = (await one<{ n: number }>(text)).n;
  }
  return {
    wiganId,
    gmInspectionId: gm.inspection_id,
    gmPlanId: gm.plan_id,
    wiganRecommendationId,
    wiganActionId,
    counts,
  };
}
