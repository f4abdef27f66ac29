import { sql } from 'drizzle-orm';

import { finishedStatuses, londonDateOf } from '../actions/rag';
import type { Db } from '../db/client';

const finishedList = sql.raw(finishedStatuses.map((status) => `'${status}'`).join(', '));

/**
 * Raises "due soon" and "overdue" notices for a person's unfinished actions, in one statement.
 * Nothing runs on a timer: the notices are worked out when the person looks at their
 * notifications, which is the only time they could read them. The dedupe key holds the due
 * date, so each notice appears once per due date and moving the date raises a new one.
 */
export async function raiseDueDateNotices(
  tx: Db,
  recipientId: string,
  settings: { now: Date; dueSoonDays: number },
): Promise<void> {
  const today = sql`${londonDateOf(settings.now)}::date`;
  const now = sql`${settings.now.toISOString()}::timestamptz`;
  const dueOn = sql`to_char(a.due_date, 'FMDD FMMonth YYYY')`;
  await tx.execute(sql`
    insert into notifications (recipient_id, kind, message, link, dedupe_key, created_at, updated_at)
    select a.owner_id,
           due.kind::notification_kind,
           case when due.overdue
             then '"' || a.title || '" was due on ' || ${dueOn} || ' and is overdue.'
             else '"' || a.title || '" is due on ' || ${dueOn} || '.' end,
           '/actions/' || a.id,
           due.key_prefix || ':' || a.id || ':' || to_char(a.due_date, 'YYYY-MM-DD'),
           ${now}, ${now}
    from actions a
    cross join lateral (
      select a.due_date < ${today} as overdue,
             case when a.due_date < ${today} then 'action_overdue' else 'action_due_soon' end as kind,
             case when a.due_date < ${today} then 'overdue' else 'due_soon' end as key_prefix
    ) due
    where a.owner_id = ${recipientId}
      and a.due_date is not null
      and a.due_date - ${today} <= ${settings.dueSoonDays}
      and a.status not in (${finishedList})
    on conflict (recipient_id, dedupe_key) do nothing`);
}
