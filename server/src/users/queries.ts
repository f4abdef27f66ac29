import type {
  PendingAccountListQuery,
  PendingAccountPage,
  User,
  UserListQuery,
  UserPage,
} from '@tracker/shared';
import { and, eq, isNotNull, isNull, or } from 'drizzle-orm';
import { z } from 'zod';

import type { Db } from '../db/client';
import { orgUnits } from '../db/schema/org-units';
import { pendingAccounts, users } from '../db/schema/users';
import { iso } from '../http/iso';
import { type KeysetOrder, afterCursor, orderByKeyset, toPage } from '../http/pagination';

const byName: KeysetOrder = {
  name: 'name',
  columns: [users.name, users.id],
  descending: false,
  cursorValues: z.tuple([z.string(), z.uuid()]),
};

function selectUsers(db: Db) {
  return db
    .select({ user: users, unit: { id: orgUnits.id, name: orgUnits.name, type: orgUnits.type } })
    .from(users)
    .innerJoin(orgUnits, eq(orgUnits.id, users.unitId));
}

type UserRow = Awaited<ReturnType<ReturnType<typeof selectUsers>['execute']>>[number];

const statusFilter = {
  disabled: isNotNull(users.disabledAt),
  // Someone linked to an organisation account signs in with it: active without a password.
  invited: and(isNull(users.disabledAt), isNull(users.passwordHash), isNull(users.oidcSubject)),
  active: and(
    isNull(users.disabledAt),
    or(isNotNull(users.passwordHash), isNotNull(users.oidcSubject)),
  ),
};

export async function listUsers(db: Db, query: UserListQuery): Promise<UserPage> {
  const rows = await selectUsers(db)
    .where(
      and(
        query.role ? eq(users.role, query.role) : undefined,
        query.unitId ? eq(users.unitId, query.unitId) : undefined,
        query.status ? statusFilter[query.status] : undefined,
        afterCursor(byName, query.cursor),
      ),
    )
    .orderBy(...orderByKeyset(byName))
    .limit(query.limit + 1);
  return toPage(rows, query.limit, byName, (row) => [row.user.name, row.user.id], toUser);
}

export async function findUser(db: Db, id: string): Promise<User | undefined> {
  const [row] = await selectUsers(db).where(eq(users.id, id));
  return row && toUser(row);
}

/** Whether a person can sign in with a password (someone who only uses SSO has none to change). */
export async function hasPassword(db: Db, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.id, userId));
  return Boolean(row?.passwordHash);
}

export function toUser({ user, unit }: UserRow): User {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    unit,
    status: user.disabledAt
      ? 'disabled'
      : user.passwordHash || user.oidcSubject
        ? 'active'
        : 'invited',
    disabledAt: user.disabledAt ? iso(user.disabledAt) : null,
    createdAt: iso(user.createdAt),
    updatedAt: iso(user.updatedAt),
  };
}

/** Everyone waiting for approval, oldest first (so few that one page holds them). */
const oldestFirst: KeysetOrder = {
  name: 'createdAt',
  columns: [pendingAccounts.createdAt, pendingAccounts.id],
  descending: false,
  cursorValues: z.tuple([z.iso.datetime({ offset: true }), z.uuid()]),
};

export async function listPendingAccounts(
  db: Db,
  query: PendingAccountListQuery,
): Promise<PendingAccountPage> {
  const rows = await db
    .select()
    .from(pendingAccounts)
    .where(afterCursor(oldestFirst, query.cursor))
    .orderBy(...orderByKeyset(oldestFirst))
    .limit(query.limit + 1);
  return toPage(
    rows,
    query.limit,
    oldestFirst,
    (row) => [iso(row.createdAt), row.id],
    (row) => ({
      id: row.id,
      email: row.email,
      name: row.name,
      issuer: row.oidcIssuer,
      requestedAt: iso(row.createdAt),
    }),
  );
}
