import { sql } from 'drizzle-orm';
import { expect } from 'vitest';

import { planSummary } from '../action-plans/summary';
import { recountPlanSummary } from '../action-plans/summary-recount';
import type { Db } from '../db/client';
import { rowsOf } from '../db/migrate';

const dayMs = 86_400_000;

/**
 * Every plan's dashboard (or the one named) from the maintained figures equals a full recount
 * of its actions, as of `now` and the other days given (offsets in days: the calendar moves RAG
 * without any write), and no figure row is left counting nothing.
 */
export async function expectFiguresToMatchRecount(
  db: Db,
  now: Date,
  options: { dayOffsets?: readonly number[]; dueSoonDays?: number; planId?: string } = {},
): Promise<void> {
  const { dayOffsets = [0], dueSoonDays = 14, planId } = options;
  const plans = rowsOf<{ id: string; inspectionId: string }>(
    await db.execute(sql`select id, inspection_id as "inspectionId" from action_plans
      where ${planId ?? null}::uuid is null or id = ${planId ?? null}::uuid`),
  );
  for (const plan of plans) {
    for (const offset of dayOffsets) {
      const settings = { now: new Date(now.getTime() + offset * dayMs), dueSoonDays };
      const maintained = await planSummary(db, plan, settings);
      const recounted = await recountPlanSummary(db, plan, settings);
      expect(maintained, `plan ${plan.id}, ${offset} days on`).toEqual(recounted);
    }
  }
  const empty = rowsOf<{ rows: number }>(
    await db.execute(sql`select
      (select count(*) from action_figures where not_started + in_progress + blocked + complete
         + verified_closed + cancelled = 0)
      + (select count(*) from action_due_days where actions = 0)
      + (select count(*) from action_due_months where actions = 0)
      + (select count(*) from open_action_days where open = 0) as rows`),
  );
  expect(Number(empty[0]!.rows), 'figure rows counting nothing').toBe(0);
}
