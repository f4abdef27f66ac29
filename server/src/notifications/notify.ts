import type { NotificationKind } from '@tracker/shared';
import { and, eq, inArray, isNull } from 'drizzle-orm';

import { statementBatches } from '../db/batches';
import type { Db } from '../db/client';
import { notifications } from '../db/schema/notifications';
import { orgUnits } from '../db/schema/org-units';
import { users } from '../db/schema/users';

export interface Notice {
  kind: NotificationKind;
  message: string;
  /** Where in the web app to look. */
  link: string;
  /** Set for notices that may be raised again: the same key reaches a person once. */
  dedupeKey?: string;
}

/**
 * Tells each person (once each, never the one who caused it) inside the transaction that made
 * the change, so a notice exists exactly when its cause does.
 */
export async function notify(
  tx: Db,
  recipientIds: Iterable<string>,
  notice: Notice,
  options: { now: Date; except?: string | null },
): Promise<void> {
  await notifyEach(tx, [{ recipientIds, notice }], options);
}

/** As `notify`, for many notices at once (an import's), a thousand rows a statement. */
export async function notifyEach(
  tx: Db,
  notices: { recipientIds: Iterable<string>; notice: Notice }[],
  options: { now: Date; except?: string | null },
): Promise<void> {
  const rows = notices.flatMap(({ recipientIds, notice }) =>
    [...new Set(recipientIds)]
      .filter((id) => id !== options.except)
      .map((recipientId) => ({
        recipientId,
        kind: notice.kind,
        message: notice.message,
        link: notice.link,
        dedupeKey: notice.dedupeKey ?? null,
        createdAt: options.now,
        updatedAt: options.now,
      })),
  );
  for (const part of statementBatches(rows))
    await tx.insert(notifications).values(part).onConflictDoNothing();
}

/** Active people with one of these roles in these units. */
export async function activePeople(
  tx: Db,
  where: { roles: (typeof users.$inferSelect)['role'][]; unitIds?: string[] },
): Promise<string[]> {
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        inArray(users.role, where.roles),
        where.unitIds ? inArray(users.unitId, where.unitIds) : undefined,
        isNull(users.disabledAt),
      ),
    );
  return rows.map((row) => row.id);
}

/** The region lead(s) of a region and the heads of operations of its PDUs. */
export async function regionPeople(tx: Db, regionId: string): Promise<string[]> {
  const pdus = await tx
    .select({ id: orgUnits.id })
    .from(orgUnits)
    .where(eq(orgUnits.parentId, regionId));
  return [
    ...(await activePeople(tx, { roles: ['region_lead'], unitIds: [regionId] })),
    ...(pdus.length > 0
      ? await activePeople(tx, { roles: ['head_of_operations'], unitIds: pdus.map((p) => p.id) })
      : []),
  ];
}
