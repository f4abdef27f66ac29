import { eq } from 'drizzle-orm';

import type { Db } from '../db/client';
import { actionPlans } from '../db/schema/action-plans';
import { recommendations } from '../db/schema/recommendations';

/**
 * Answers every recommendation of an inspection "not agreed" with a rationale, straight in the
 * database, except those named: what a test needs to make a plan submittable in a few steps.
 */
export async function declineAllBut(db: Db, inspectionId: string, except: string[] = []) {
  const rows = await db
    .select({ id: recommendations.id })
    .from(recommendations)
    .where(eq(recommendations.inspectionId, inspectionId));
  for (const { id } of rows) {
    if (except.includes(id)) continue;
    await db
      .update(recommendations)
      .set({
        responseDecision: 'not_agreed',
        responseRationale: 'Covered by the national programme.',
        respondedAt: new Date(),
      })
      .where(eq(recommendations.id, id));
  }
}

/** The first plan of an inspection. */
export async function planOf(db: Db, inspectionId: string) {
  const [plan] = await db
    .select()
    .from(actionPlans)
    .where(eq(actionPlans.inspectionId, inspectionId));
  return plan!;
}
