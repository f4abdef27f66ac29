import { type SQL, sql } from 'drizzle-orm';

import type { Db } from '../db/client';

/*
 * Counts a submitted version's roll-up figures from its frozen document, once, in the
 * submission's transaction (db/schema/roll-up-figures.ts). The migration that made the tables
 * (0020_roll_up_figures) ran the same two statements over every version already sent: a change
 * here is a change there too.
 */

const isOpen = sql.raw(`a->>'status' in ('not_started', 'in_progress', 'blocked')`);

export function recommendationFigures(versions: SQL) {
  return sql`insert into version_recommendation_figures (version_id, plan_id, recommendation_id,
      source_pdu_id, owner_level, themes, status, response_decision, actions, red, amber, green,
      finished, unowned, without_actions)
    select v.id, v.plan_id, (rec->>'id')::uuid, (rec->'sourcePdu'->>'id')::uuid,
      (rec->>'ownerLevel')::owner_level,
      array(select jsonb_array_elements_text(rec->'themes'))::theme[],
      (rec->>'status')::recommendation_status,
      (rec->'response'->>'decision')::response_decision,
      counted.*,
      live.not_cancelled = 0
        and coalesce(rec->'response'->>'decision', '') not in ('not_agreed', 'addressed_by')
    from plan_versions v
    cross join jsonb_array_elements(v.document->'recommendations') rec
    cross join lateral (
      select count(*)::int as actions,
        (count(*) filter (where a->>'rag' = 'red'))::int as red,
        (count(*) filter (where a->>'rag' = 'amber'))::int as amber,
        (count(*) filter (where a->>'rag' = 'green'))::int as green,
        (count(*) filter (where not (${isOpen})))::int as finished,
        (count(*) filter (where ${isOpen} and (jsonb_typeof(a->'owner') is distinct from 'object'
          or (a->'owner'->>'disabled')::boolean)))::int as unowned
      from jsonb_array_elements(rec->'actions') a) counted
    cross join lateral (
      select count(*) filter (where a->>'status' <> 'cancelled') as not_cancelled
      from jsonb_array_elements(rec->'actions') a) live
    where ${versions}`;
}

export function openActionDays(versions: SQL) {
  return sql`insert into version_open_action_days (version_id, due_date, recommendation_id, open)
    select v.id, (a->>'dueDate')::date, (rec->>'id')::uuid, count(*)::int
    from plan_versions v
    cross join jsonb_array_elements(v.document->'recommendations') rec
    cross join jsonb_array_elements(rec->'actions') a
    where ${versions} and ${isOpen} and a->>'dueDate' is not null
    group by 1, 2, 3`;
}

/** Call in the transaction that inserts the version. */
export async function recordVersionFigures(tx: Db, versionId: string): Promise<void> {
  const thisVersion = sql`v.id = ${versionId}`;
  await tx.execute(recommendationFigures(thisVersion));
  await tx.execute(openActionDays(thisVersion));
}
