import type { ActionPlan, ActionPlanListQuery, ActionPlanPage } from '@tracker/shared';
import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';

import type { Actor } from '../auth/actor';
import { planAllowed } from '../auth/allowed';
import type { ReadScope } from '../auth/policy';
import type { Db } from '../db/client';
import { preparedOnce } from '../db/prepared';
import { actionPlans } from '../db/schema/action-plans';
import { inspections } from '../db/schema/inspections';
import { orgUnits } from '../db/schema/org-units';
import { users } from '../db/schema/users';
import { planVersions } from '../db/schema/plan-versions';
import { iso } from '../http/iso';
import { afterCursor, newestCreatedFirst, orderByKeyset, toPage } from '../http/pagination';

const newestFirst = newestCreatedFirst(actionPlans.createdAt, actionPlans.id);
const reviewer = alias(users, 'reviewer');

function selectPlans(db: Db) {
  return db
    .select({
      plan: actionPlans,
      region: { id: orgUnits.id, name: orgUnits.name, type: orgUnits.type },
      inspectionKind: inspections.kind,
      reviewer: { id: reviewer.id, name: reviewer.name },
      latestVersion: sql<
        number | null
      >`(select max(${planVersions.number}) from ${planVersions} where ${planVersions.planId} = ${actionPlans.id})`,
      versionAwaitingReview: sql<
        number | null
      >`(select min(${planVersions.number}) from ${planVersions} where ${planVersions.planId} = ${actionPlans.id} and ${planVersions.decision} is null)`,
    })
    .from(actionPlans)
    .innerJoin(orgUnits, eq(orgUnits.id, actionPlans.regionId))
    .innerJoin(inspections, eq(inspections.id, actionPlans.inspectionId))
    .leftJoin(reviewer, eq(reviewer.id, inspections.reviewerId));
}

type PlanRow = Awaited<ReturnType<ReturnType<typeof selectPlans>['execute']>>[number];

/** A page of plans as `viewer` sees them (with what they may do with each). */
export async function listActionPlans(
  db: Db,
  query: ActionPlanListQuery,
  scope: ReadScope,
  viewer: Actor | null,
): Promise<ActionPlanPage> {
  const rows = await selectPlans(db)
    .where(
      and(
        scope.regionId ? eq(actionPlans.regionId, scope.regionId) : undefined,
        scope.kinds ? inArray(inspections.kind, [...scope.kinds]) : undefined,
        // A plan never submitted is a live draft: not for inspectors.
        scope.livePlan ? undefined : ne(actionPlans.status, 'draft'),
        query.inspectionId ? eq(actionPlans.inspectionId, query.inspectionId) : undefined,
        query.status ? eq(actionPlans.status, query.status) : undefined,
        query.awaitingReview === undefined
          ? undefined
          : sql`${query.awaitingReview ? sql`` : sql`not`} exists (select 1 from ${planVersions} where ${planVersions.planId} = ${actionPlans.id} and ${planVersions.decision} is null)`,
        afterCursor(newestFirst, query.cursor),
      ),
    )
    .orderBy(...orderByKeyset(newestFirst))
    .limit(query.limit + 1);
  return toPage(
    rows,
    query.limit,
    newestFirst,
    (row) => [iso(row.plan.createdAt), row.plan.id],
    (row) => toActionPlan(row, viewer),
  );
}

/** One plan as `viewer` sees it; null is no one (its `allowed` all false). */
export async function findActionPlan(
  db: Db,
  id: string,
  viewer: Actor | null,
): Promise<(ActionPlan & { revision: number }) | undefined> {
  // Read before every dashboard and plan page: prepared once, like the other hot reads.
  const [row] = await preparedOnce(db, 'action_plan_by_id', (db) =>
    selectPlans(db)
      .where(eq(actionPlans.id, sql.placeholder('id')))
      .prepare('action_plan_by_id'),
  ).execute({ id });
  return row && { ...toActionPlan(row, viewer), revision: row.plan.revision };
}

function toActionPlan(
  { plan, region, inspectionKind, reviewer, latestVersion, versionAwaitingReview }: PlanRow,
  viewer: Actor | null,
): ActionPlan {
  return {
    id: plan.id,
    inspectionId: plan.inspectionId,
    region,
    inspectionKind,
    reviewer,
    status: plan.status,
    // PostgreSQL answers max() of an integer as an integer, but node-postgres may hand it over as text.
    latestVersion: latestVersion === null ? null : Number(latestVersion),
    versionAwaitingReview: versionAwaitingReview === null ? null : Number(versionAwaitingReview),
    createdAt: iso(plan.createdAt),
    updatedAt: iso(plan.updatedAt),
    allowed: planAllowed(viewer, { regionId: plan.regionId }),
  };
}
