import type {
  Action,
  ActionListQuery,
  ActionPage,
  ActionStatus,
  DueDateChange,
} from '@tracker/shared';
import { type SQL, and, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';

import type { Actor } from '../auth/actor';
import { actionAllowed } from '../auth/allowed';
import type { ReadScope } from '../auth/policy';
import type { Db } from '../db/client';
import { preparedOnce } from '../db/prepared';
import { actions } from '../db/schema/actions';
import { orgUnits } from '../db/schema/org-units';
import { recommendations } from '../db/schema/recommendations';
import { users } from '../db/schema/users';
import { iso } from '../http/iso';
import { decodeCursor, encodeCursor, orderByKeyset } from '../http/pagination';
import { type ActionDetail, type RagSettings, actionOrders, toAction } from './queries';
import { finishedStatuses } from './rag';

/**
 * The two hot reads, one action and the action list, each one named prepared statement: the
 * SQL is built and planned once per connection, and the action's due-date history, dependencies
 * and evidence count come in the same row (correlated subqueries) instead of three more
 * statements. docs/decisions/012-hot-reads.md says why.
 */

const owningUnit = alias(orgUnits, 'owning_unit');
const owner = alias(users, 'owner');

/** [fromDate, toDate, reason, changedById, changedByName, changedAt] in the order they happened. */
type HistoryEntry = [string | null, string | null, string, string | null, string | null, string];
/** [dependsOnId, its status] by the id depended on. */
type DependencyEntry = [string, ActionStatus];

const history = sql<HistoryEntry[]>`(
  select coalesce(json_agg(json_build_array(c.from_date, c.to_date, c.reason, u.id, u.name,
    c.created_at) order by c.created_at, c.id), '[]'::json)
  from action_due_date_changes c left join users u on u.id = c.changed_by_id
  where c.action_id = ${actions.id})`;

const dependsOn = sql<DependencyEntry[]>`(
  select coalesce(json_agg(json_build_array(d.id, d.status) order by d.id), '[]'::json)
  from action_dependencies ad join actions d on d.id = ad.depends_on_action_id
  where ad.action_id = ${actions.id})`;

const evidenceCount = sql<number>`(
  select count(*)::int from evidence e where e.action_id = ${actions.id} and e.removed_at is null)`;

function selectReadable(db: Db) {
  return db
    .select({
      action: actions,
      owningUnit: { id: owningUnit.id, name: owningUnit.name, type: owningUnit.type },
      owner: { id: owner.id, name: owner.name, disabledAt: owner.disabledAt },
      history,
      dependsOn,
      evidenceCount,
      // For `allowed`: who leads the action depends on its recommendation's level.
      recommendationOwnerLevel: recommendations.ownerLevel,
    })
    .from(actions)
    .innerJoin(owningUnit, eq(owningUnit.id, actions.owningUnitId))
    .leftJoin(owner, eq(owner.id, actions.ownerId))
    .innerJoin(recommendations, eq(recommendations.id, actions.recommendationId));
}

type ReadableRow = Awaited<ReturnType<ReturnType<typeof selectReadable>['execute']>>[number];

/** One action by its id (placeholder `id`); exported for the benchmark's database-alone figures. */
export const actionByIdQuery = (db: Db) =>
  selectReadable(db).where(eq(actions.id, sql.placeholder('id')));

/**
 * One action as the API shows it to `viewer` (with what they may do with it), and the region
 * that decides who may see it.
 */
export async function readAction(
  db: Db,
  id: string,
  rag: RagSettings,
  viewer: Actor | null,
): Promise<{ action: Action; regionId: string } | undefined> {
  const [row] = await preparedOnce(db, 'action_by_id', (db) =>
    actionByIdQuery(db).prepare('action_by_id'),
  ).execute({ id });
  return row && { action: actionOfRow(row, rag, viewer), regionId: row.action.regionId! };
}

/** The filters a list request may carry, each a placeholder where present. */
const filters = {
  regionId: actions.regionId,
  recommendationId: actions.recommendationId,
  inspectionId: actions.inspectionId,
  owningUnitId: actions.owningUnitId,
  ownerId: actions.ownerId,
  status: actions.status,
} as const;
export type FilterName = keyof typeof filters;
const filterNames = Object.keys(filters) as FilterName[];

/**
 * The list's query for one shape of request (sort, which filters, whether a cursor), with a
 * placeholder for each value (`limit`, each filter's name, `cursor0` and `cursor1`).
 */
export function actionListQuery(
  db: Db,
  sort: ActionListQuery['sort'],
  present: FilterName[],
  cursor: boolean,
) {
  const order = actionOrders[sort];
  const conditions: SQL[] = present.map((filter) => eq(filters[filter], sql.placeholder(filter)));
  if (cursor) {
    const columns = sql.join(order.columns, sql`, `);
    const after = sql`${sql.placeholder('cursor0')}, ${sql.placeholder('cursor1')}`;
    conditions.push(
      order.descending ? sql`(${columns}) < (${after})` : sql`(${columns}) > (${after})`,
    );
  }
  return selectReadable(db)
    .where(and(...conditions))
    .orderBy(...orderByKeyset(order))
    .limit(sql.placeholder('limit'));
}

/**
 * One statement per shape of request: at most 4 x 64 x 2 of them, each built once, so no
 * request builds SQL.
 */
function listStatement(
  db: Db,
  sort: ActionListQuery['sort'],
  present: FilterName[],
  cursor: boolean,
) {
  const shape = present.map((filter) => filterNames.indexOf(filter)).join('');
  const name = `action_list_${sort}_${shape}_${cursor ? 'c' : 'f'}`;
  return preparedOnce(db, name, (db) => actionListQuery(db, sort, present, cursor).prepare(name));
}

/** A page of actions as `viewer` (null: no one, as in a plan's document) sees them. */
export async function readActionPage(
  db: Db,
  query: ActionListQuery,
  scope: ReadScope,
  rag: RagSettings,
  viewer: Actor | null,
): Promise<ActionPage> {
  if (!scope.livePlan) return { items: [], nextCursor: null };
  const order = actionOrders[query.sort];
  const values: Record<string, unknown> = { limit: query.limit + 1 };
  const given = { ...query, regionId: scope.regionId ?? undefined };
  const present = filterNames.filter((filter) => given[filter] !== undefined);
  for (const filter of present) values[filter] = given[filter];
  if (query.cursor !== undefined) {
    const [first, second] = decodeCursor(order, query.cursor);
    values.cursor0 = first;
    values.cursor1 = second;
  }
  const rows = await listStatement(db, query.sort, present, query.cursor !== undefined).execute(
    values,
  );
  const pageRows = rows.slice(0, query.limit);
  const last = pageRows.at(-1);
  const nextCursor =
    rows.length > query.limit && last
      ? encodeCursor(
          order,
          order.name.endsWith('dueDate')
            ? [last.action.dueDate ?? '9999-12-31', last.action.id]
            : [iso(last.action.updatedAt), last.action.id],
        )
      : null;
  return { items: pageRows.map((row) => actionOfRow(row, rag, viewer)), nextCursor };
}

function actionOfRow(row: ReadableRow, rag: RagSettings, viewer: Actor | null): Action {
  const detail: ActionDetail = {
    history: row.history.map(historyEntry),
    dependsOn: row.dependsOn.map(([id, status]) => ({
      id,
      finished: finishedStatuses.includes(status),
    })),
    evidenceCount: row.evidenceCount,
  };
  return toAction(
    {
      action: row.action,
      owningUnit: row.owningUnit,
      owner: row.owner,
      inspectionId: row.action.inspectionId!,
    },
    detail,
    rag,
    actionAllowed(viewer, {
      regionId: row.action.regionId!,
      owningUnitId: row.action.owningUnitId,
      owningUnitType: row.owningUnit.type,
      recommendationOwnerLevel: row.recommendationOwnerLevel,
    }),
  );
}

function historyEntry([fromDate, toDate, reason, byId, byName, at]: HistoryEntry): DueDateChange {
  return {
    fromDate,
    toDate,
    reason,
    changedBy: byId ? { id: byId, name: byName! } : null,
    // json renders a timestamptz in the session's zone: the API's form is UTC with milliseconds.
    changedAt: new Date(at).toISOString(),
  };
}
