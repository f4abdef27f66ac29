import { type SQL, getTableColumns, getTableName, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';

import type { Db } from '../db/client';
import { rowsOf } from '../db/migrate';
import { actionPlans } from '../db/schema/action-plans';
import {
  actionDependencies,
  actionDueDateChanges,
  actions,
  progressUpdates,
} from '../db/schema/actions';
import { apiClients } from '../db/schema/api-clients';
import { evidence, evidenceFiles } from '../db/schema/evidence';
import { inspections } from '../db/schema/inspections';
import { orgUnits } from '../db/schema/org-units';
import { measureReadings, outcomeMeasures } from '../db/schema/outcome-measures';
import {
  planEvents,
  planVersions,
  reviewMessages,
  reviewThreads,
} from '../db/schema/plan-versions';
import { recommendationLinks, recommendations } from '../db/schema/recommendations';
import { passwordTokens, users } from '../db/schema/users';

/**
 * The tables a refused request must leave alone. Left out on purpose: what a refusal may
 * write (audit events, sign-in throttles), sessions, notifications (raised when they are
 * listed), and idempotency keys.
 */
export const businessTables: PgTable[] = [
  users,
  passwordTokens,
  apiClients,
  orgUnits,
  inspections,
  recommendations,
  recommendationLinks,
  outcomeMeasures,
  measureReadings,
  actionPlans,
  actions,
  actionDueDateChanges,
  actionDependencies,
  progressUpdates,
  evidence,
  evidenceFiles,
  planVersions,
  reviewThreads,
  reviewMessages,
  planEvents,
];

/**
 * Cheap fingerprint of business data: each table's row count and latest `updated_at` (every
 * query that changes a row sets it; `created_at` where rows are never changed), in one round trip so tests can take it after every write.
 */
export async function fingerprint(db: Db, tables: PgTable[] = businessTables): Promise<string> {
  const parts: SQL[] = tables.map((table) => {
    // A table whose rows are never changed, only added and removed (links), has no updated_at.
    const latest = sql.identifier(
      'updatedAt' in getTableColumns(table) ? 'updated_at' : 'created_at',
    );
    return sql`(select count(*) || '@' || coalesce(max(${latest})::text, '-') from ${sql.identifier(getTableName(table))})`;
  });
  const rows = rowsOf<{ fingerprint: string }>(
    await db.execute(sql`select concat_ws(' ', ${sql.join(parts, sql`, `)}) as fingerprint`),
  );
  return rows[0]!.fingerprint;
}
