import type { ActionStatus, PlanSummary, Rag } from '@tracker/shared';
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';

import { deriveRag, londonDateOf } from '../actions/rag';
import { rowsOf } from '../db/migrate';
import { actions } from '../db/schema/actions';
import { orgUnits } from '../db/schema/org-units';
import { recommendations } from '../db/schema/recommendations';
import { users } from '../db/schema/users';
import { TestClock, demo, signedInClient } from '../testing/app';
import { routeTests } from '../testing/route-test';
import { ragSql } from './summary-recount';

const now = new Date('2026-03-10T12:00:00Z');
let planId: string;
let summary: PlanSummary;

const world = routeTests(['rpd'], { clock: new TestClock(now) });
beforeAll(async () => {
  planId = (await world.as.rpd.get('/api/v1/action-plans').expect(200)).body.items[0].id;
  const db = world.testApp.database.db;
  const recs = await db.select().from(recommendations);
  const unit = async (code: string) =>
    (await db.select().from(orgUnits).where(eq(orgUnits.code, code)))[0]!.id;
  const [wiganHoo] = await db.select().from(users).where(eq(users.email, demo.hooWigan));
  const wiganRec = recs.find(
    (r) => r.ownerLevel === 'pdu' && r.number === 1 && r.owningUnitId === wiganHoo!.unitId,
  )!;
  const regionRec = recs.find((r) => r.ownerLevel === 'region')!;
  const wigan = await unit('wigan');
  const region = await unit('greater-manchester');
  await db.insert(actions).values([
    {
      recommendationId: wiganRec.id,
      title: 'Overdue',
      owningUnitId: wigan,
      ownerId: wiganHoo!.id,
      dueDate: '2026-03-01',
      status: 'in_progress',
    },
    {
      recommendationId: wiganRec.id,
      title: 'Due soon and behind',
      owningUnitId: wigan,
      ownerId: wiganHoo!.id,
      startDate: '2026-01-01',
      dueDate: '2026-03-15',
      percentComplete: 10,
    },
    {
      recommendationId: wiganRec.id,
      title: 'Done',
      owningUnitId: wigan,
      ownerId: wiganHoo!.id,
      dueDate: '2026-02-01',
      status: 'complete',
      percentComplete: 100,
    },
    {
      recommendationId: regionRec.id,
      title: 'No owner',
      owningUnitId: region,
      dueDate: '2026-09-01',
    },
    {
      recommendationId: regionRec.id,
      title: 'Blocked',
      owningUnitId: region,
      ownerId: wiganHoo!.id,
      status: 'blocked',
    },
  ]);
  summary = (await world.as.rpd.get(`/api/v1/action-plans/${planId}/summary`).expect(200)).body;
});

describe('GET /api/v1/action-plans/{id}/summary', () => {
  it('counts actions by status and RAG, as of today in London', () => {
    expect(summary.asOf).toBe('2026-03-10');
    expect(summary.actions).toMatchObject({
      total: 5,
      byStatus: {
        not_started: 2,
        in_progress: 1,
        blocked: 1,
        complete: 1,
        verified_closed: 0,
        cancelled: 0,
      },
      rag: { red: 2, amber: 1, green: 1, none: 1 },
    });
  });

  it('lists overdue, due soon and unowned actions', () => {
    expect(summary.overdue.map((a) => a.title)).toEqual(['Overdue']);
    expect(summary.dueSoon.map((a) => a.title)).toEqual(['Due soon and behind']);
    expect(summary.unownedActions.map((a) => a.title)).toEqual(['No owner']);
    expect(summary.overdue[0]).toMatchObject({
      owningUnit: { name: 'Wigan' },
      ownerName: 'Demo Head of Operations, Wigan',
    });
  });

  it('counts a disabled owner as no owner', async () => {
    const admin = signedInClient(world.testApp.app, await world.testApp.signIn(demo.admin));
    const [wiganHoo] = await world.testApp.database.db
      .select()
      .from(users)
      .where(eq(users.email, demo.hooWigan));
    await admin.post(`/api/v1/users/${wiganHoo!.id}/disable`).expect(200);
    const after = (await world.as.rpd.get(`/api/v1/action-plans/${planId}/summary`).expect(200))
      .body as PlanSummary;
    expect(after.unownedActions.map((a) => a.title).sort()).toEqual([
      'Blocked',
      'Due soon and behind',
      'No owner',
      'Overdue',
    ]);
    await admin.post(`/api/v1/users/${wiganHoo!.id}/enable`).expect(200);
  });

  it('lists recommendations with no actions, and progress by unit, owner level and theme', () => {
    expect(summary.recommendationsWithoutActions).toHaveLength(26);
    const wigan = summary.byOwningUnit.find((row) => row.unit.name === 'Wigan')!;
    expect(wigan).toMatchObject({
      total: 3,
      finished: 1,
      rag: { red: 1, amber: 1, green: 0, none: 1 },
    });
    expect(wigan.averagePercentComplete).toBeCloseTo(36.7, 1);
    expect(summary.byOwnerLevel.map((row) => [row.ownerLevel, row.total])).toEqual([
      ['pdu', 3],
      ['region', 2],
    ]);
    expect(summary.byTheme.reduce((sum, row) => sum + row.total, 0)).toBeGreaterThanOrEqual(5);
  });

  it('is hidden from inspectors and refused outside the region', async () => {
    const inspector = signedInClient(world.testApp.app, await world.testApp.signIn(demo.inspector));
    await inspector.get(`/api/v1/action-plans/${planId}/summary`).expect(404);
  });
});

describe('RAG in SQL', () => {
  it('agrees with deriveRag on every combination of status, dates, progress and override', async () => {
    const statuses: ActionStatus[] = [
      'not_started',
      'in_progress',
      'blocked',
      'complete',
      'cancelled',
    ];
    const dueDates = [
      null,
      '2026-02-01',
      '2026-03-09',
      '2026-03-10',
      '2026-03-12',
      '2026-03-24',
      '2026-03-25',
      '2026-06-01',
    ];
    const startDates = [null, '2026-01-01', '2026-03-10', '2026-04-01'];
    const percents = [0, 40, 75, 100];
    const overrides: (Rag | null)[] = [null, 'green'];
    const cases: string[] = [];
    for (const status of statuses)
      for (const dueDate of dueDates)
        for (const startDate of startDates)
          for (const percent of percents)
            for (const override of overrides)
              cases.push(JSON.stringify([status, dueDate, startDate, percent, override]));
    const today = londonDateOf(now);
    const rows = rowsOf<{ input: string; rag: string | null }>(
      await world.testApp.database.db.execute(sql`
        select c.input, ${ragSql(today, 14)} as rag
        from jsonb_array_elements_text(${JSON.stringify(cases)}::jsonb) as c(input),
        lateral (select (c.input::jsonb->>0)::action_status as status, (c.input::jsonb->>1)::date as due_date,
                        (c.input::jsonb->>2)::date as start_date, (c.input::jsonb->>3)::int as percent_complete,
                        (c.input::jsonb->>4)::rag as rag_override,
                        timestamptz '2026-02-15 10:00:00+00' as created_at) as a`),
    );
    expect(rows).toHaveLength(cases.length);
    const disagreements = rows.filter((row) => {
      const [status, dueDate, startDate, percent, override] = JSON.parse(row.input);
      const expected = deriveRag(
        {
          status,
          dueDate,
          startDate,
          percentComplete: percent,
          ragOverride: override,
          createdOn: '2026-02-15',
        },
        today,
        14,
      );
      return expected !== row.rag;
    });
    expect(disagreements).toEqual([]);
  });
});

describe('recommendations without actions', () => {
  it('leaves out one answered "not agreed": it needs no actions', async () => {
    const [first] = summary.recommendationsWithoutActions;
    await world.as.rpd
      .put(`/api/v1/recommendations/${first!.id}/response`)
      .send({ decision: 'not_agreed', rationale: 'Covered by the national programme' })
      .expect(200);
    const after = (await world.as.rpd.get(`/api/v1/action-plans/${planId}/summary`).expect(200))
      .body as PlanSummary;
    expect(after.recommendationsWithoutActions.map((r) => r.id)).toEqual(
      summary.recommendationsWithoutActions.slice(1).map((r) => r.id),
    );
  });
});
