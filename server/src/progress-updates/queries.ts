import type { ProgressUpdate, ProgressUpdatePage } from '@tracker/shared';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';

import type { Db } from '../db/client';
import { progressUpdates } from '../db/schema/actions';
import { users } from '../db/schema/users';
import { iso } from '../http/iso';
import { type KeysetOrder, afterCursor, orderByKeyset, toPage } from '../http/pagination';

/** Newest first, in the order the updates were applied: the timeline people read from the top. */
const newestFirst: KeysetOrder = {
  name: '-sequence',
  columns: [progressUpdates.sequence],
  descending: true,
  cursorValues: z.tuple([z.number().int()]),
};

function selectUpdates(db: Db) {
  return db
    .select({ update: progressUpdates, author: { id: users.id, name: users.name } })
    .from(progressUpdates)
    .leftJoin(users, eq(users.id, progressUpdates.authorId));
}

type UpdateRow = Awaited<ReturnType<ReturnType<typeof selectUpdates>['execute']>>[number];

export async function listProgressUpdates(
  db: Db,
  actionId: string,
  query: { limit: number; cursor?: string | undefined },
): Promise<ProgressUpdatePage> {
  const page = await selectUpdates(db)
    .where(and(eq(progressUpdates.actionId, actionId), afterCursor(newestFirst, query.cursor)))
    .orderBy(...orderByKeyset(newestFirst))
    .limit(query.limit + 1);
  return toPage(page, query.limit, newestFirst, (row) => [row.update.sequence], toProgressUpdate);
}

export async function findProgressUpdate(db: Db, id: string): Promise<ProgressUpdate | undefined> {
  const [row] = await selectUpdates(db).where(eq(progressUpdates.id, id));
  return row && toProgressUpdate(row);
}

function toProgressUpdate({ update, author }: UpdateRow): ProgressUpdate {
  return {
    id: update.id,
    actionId: update.actionId,
    narrative: update.narrative,
    percentComplete: update.percentComplete,
    statusChange: update.statusChange,
    author: author?.id ? { id: author.id, name: author.name } : null,
    recordedAt: iso(update.recordedAt),
  };
}
