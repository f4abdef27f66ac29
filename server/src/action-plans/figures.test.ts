import { type ActionStatus, type Rag, actionStatuses } from '@tracker/shared';
import { inArray, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Db } from '../db/client';
import { planSummary } from './summary';
import { rowsOf } from '../db/migrate';
import { actions } from '../db/schema/actions';
import { recommendations } from '../db/schema/recommendations';
import { users } from '../db/schema/users';
import { type TestApp, TestClock, createTestApp } from '../testing/app';
import { expectFiguresToMatchRecount } from '../testing/figures';

/*
 * The dashboard's maintained figures against a full recount, after random sequences of the
 * writes the app makes: many actions in one statement (as an import does), edits of status,
 * progress, due and start dates, overrides and owners, moves to another recommendation or
 * unit, deletions (also of a recommendation with its actions), and owners disabled; then day by
 * day with no writes, as overdue and due soon move with the calendar.
 */

const now = new Date('2026-03-10T12:00:00Z');
const dayMs = 86_400_000;
let testApp: TestApp;
let db: Db;
let recommendationIds: string[];
let unitIds: string[];
let userIds: string[];

beforeAll(async () => {
  testApp = await createTestApp({ clock: new TestClock(now) });
  db = testApp.database.db;
  const recs = await db.select().from(recommendations);
  recommendationIds = recs.map((rec) => rec.id);
  unitIds = [...new Set(recs.map((rec) => rec.owningUnitId))];
  userIds = (await db.select({ id: users.id }).from(users)).map((user) => user.id);
});
afterAll(() => testApp.close());

async function gmPlan() {
  const [plan] = rowsOf<{ id: string; inspectionId: string }>(
    await db.execute(sql`select id, inspection_id as "inspectionId" from action_plans`),
  );
  return plan!;
}

const dateOf = (offset: number) =>
  new Date(now.getTime() + offset * dayMs).toISOString().slice(0, 10);
/** Due dates bunched in a few months either side of today, so days are shared and lists pass 50. */
const dayOffset = fc.integer({ min: -70, max: 70 });
const status = fc.constantFrom<ActionStatus>(...actionStatuses);
const rag = fc.option(fc.constantFrom<Rag>('red', 'amber', 'green'), { freq: 4 });

const newAction = fc.record({
  recommendation: fc.nat(),
  unit: fc.nat(),
  owner: fc.option(fc.nat(), { freq: 2 }),
  status,
  percent: fc.constantFrom(0, 10, 50, 99, 100),
  due: fc.option(dayOffset, { freq: 8 }),
  start: fc.option(dayOffset, { freq: 2 }),
  created: fc.integer({ min: -200, max: 0 }),
  override: rag,
});

const change = fc.oneof(
  fc.record({ status }),
  fc.record({ percentComplete: fc.integer({ min: 0, max: 100 }) }),
  fc.record({ due: fc.option(dayOffset, { freq: 5 }) }),
  fc.record({ start: fc.option(dayOffset, { freq: 2 }) }),
  fc.record({ ragOverride: rag }),
  fc.record({ owner: fc.option(fc.nat(), { freq: 2 }) }),
  fc.record({ recommendation: fc.nat() }),
  fc.record({ unit: fc.nat() }),
);

/** Which existing actions a write touches: those whose id hashes to 0 modulo `every`. */
const pick = fc.record({ every: fc.integer({ min: 1, max: 4 }), salt: fc.nat() });

const write = fc.oneof(
  {
    arbitrary: fc.record({ insert: fc.array(newAction, { minLength: 1, maxLength: 90 }) }),
    weight: 3,
  },
  { arbitrary: fc.record({ update: pick, change }), weight: 4 },
  {
    arbitrary: fc.record({
      remove: fc.record({ every: fc.integer({ min: 3, max: 8 }), salt: fc.nat() }),
    }),
    weight: 1,
  },
  { arbitrary: fc.record({ disable: fc.nat(), disabled: fc.boolean() }), weight: 1 },
  { arbitrary: fc.record({ removeRecommendation: fc.nat() }), weight: 1 },
);
type Write = typeof write extends fc.Arbitrary<infer T> ? T : never;

const of = <T>(list: T[], index: number) => list[index % list.length]!;
const picked = ({ every, salt }: { every: number; salt: number }) =>
  sql`abs(hashtext(${actions.id}::text || ${String(salt)})) % ${every} = 0`;

async function apply(step: Write) {
  if ('insert' in step) {
    await db.insert(actions).values(
      step.insert.map((row, index) => ({
        recommendationId: of(recommendationIds, row.recommendation),
        title: `Action ${index}`,
        owningUnitId: of(unitIds, row.unit),
        ownerId: row.owner === null ? null : of(userIds, row.owner),
        status: row.status,
        percentComplete: row.percent,
        dueDate: row.due === null ? null : dateOf(row.due),
        startDate: row.start === null ? null : dateOf(row.start),
        createdAt: new Date(now.getTime() + row.created * dayMs),
        ragOverride: row.override,
      })),
    );
  } else if ('update' in step) {
    const { change: to } = step;
    const set =
      'status' in to
        ? { status: to.status }
        : 'percentComplete' in to
          ? { percentComplete: to.percentComplete }
          : 'due' in to
            ? { dueDate: to.due === null ? null : dateOf(to.due) }
            : 'start' in to
              ? { startDate: to.start === null ? null : dateOf(to.start) }
              : 'ragOverride' in to
                ? { ragOverride: to.ragOverride }
                : 'owner' in to
                  ? { ownerId: to.owner === null ? null : of(userIds, to.owner) }
                  : 'recommendation' in to
                    ? { recommendationId: of(recommendationIds, to.recommendation) }
                    : { owningUnitId: of(unitIds, to.unit) };
    await db.update(actions).set(set).where(picked(step.update));
  } else if ('remove' in step) {
    await db.delete(actions).where(picked(step.remove));
  } else if ('disable' in step) {
    await db.execute(
      sql`update users set disabled_at = ${step.disabled ? now : null} where id = ${of(userIds, step.disable)}`,
    );
  } else if (recommendationIds.length > 20) {
    const [gone] = recommendationIds.splice(
      step.removeRecommendation % recommendationIds.length,
      1,
    );
    await db.delete(recommendations).where(inArray(recommendations.id, [gone!]));
  }
}

describe('the dashboard figures kept by the database', () => {
  it('always equal a full recount of the actions, whatever was written', async () => {
    // A thousand actions first, so the lists are cut at 50 and due dates are shared.
    await apply({ insert: fc.sample(newAction, { numRuns: 1200, seed: 12 }) });
    await expectFiguresToMatchRecount(db, now);
    const summary = await planSummary(db, await gmPlan(), { now, dueSoonDays: 14 });
    expect([summary.overdue.length, summary.dueSoon.length, summary.unownedActions.length]).toEqual(
      [50, 50, 50],
    );
    await fc.assert(
      fc.asyncProperty(fc.array(write, { minLength: 1, maxLength: 8 }), async (writes) => {
        for (const step of writes) {
          await apply(step);
          await expectFiguresToMatchRecount(db, now, { dayOffsets: [-40, 0, 1, 15, 50] });
        }
      }),
      { numRuns: 15, endOnFailure: true },
    );
    // Fifteen sequences of writes, each compared five times: two minutes on PGlite under load.
  }, 600_000);

  it('move RAG, overdue and due soon with the calendar alone, day by day', async () => {
    const offsets = Array.from({ length: 90 }, (_, day) => day - 45);
    await expectFiguresToMatchRecount(db, now, { dayOffsets: offsets });
    await expectFiguresToMatchRecount(db, now, { dayOffsets: [-3, 0, 3], dueSoonDays: 0 });
  });
});
