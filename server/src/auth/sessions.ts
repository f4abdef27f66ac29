import { and, eq, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';

import type { Db } from '../db/client';
import { preparedOnce } from '../db/prepared';
import { orgUnits } from '../db/schema/org-units';
import { sessions } from '../db/schema/sessions';
import { users } from '../db/schema/users';
import type { UnitType } from '@tracker/shared';

import type { Actor } from './actor';
import { hashToken, newToken } from './tokens';

export interface SessionLimits {
  idleMinutes: number;
  absoluteHours: number;
}

/** Writing last-seen on every request would turn each read into a write: once a minute is enough. */
const touchIntervalMs = 60_000;

export async function createSession(
  db: Db,
  userId: string,
  now: Date,
): Promise<{ id: string; token: string }> {
  const token = newToken();
  const [row] = await db
    .insert(sessions)
    .values({
      tokenHash: hashToken(token),
      userId,
      lastSeenAt: now,
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: sessions.id });
  return { id: row!.id, token };
}

export function sessionExpiries(
  session: { createdAt: Date; lastSeenAt: Date },
  limits: SessionLimits,
) {
  const idleExpiresAt = new Date(session.lastSeenAt.getTime() + limits.idleMinutes * 60_000);
  const absoluteExpiresAt = new Date(
    session.createdAt.getTime() + limits.absoluteHours * 3_600_000,
  );
  return { idleExpiresAt, absoluteExpiresAt };
}

const unit = alias(orgUnits, 'unit');
const unitFields = { id: unit.id, name: unit.name, type: unit.type, parentId: unit.parentId };

export function regionIdOf(unitRow: {
  id: string;
  type: string;
  parentId: string | null;
}): string | null {
  if (unitRow.type === 'region') return unitRow.id;
  if (unitRow.type === 'pdu') return unitRow.parentId;
  return null;
}

/** The active user with this email, with their unit, for sign-in. */
export async function findUserForSignIn(db: Db, email: string) {
  const [row] = await db
    .select({ user: users, unit: unitFields })
    .from(users)
    .innerJoin(unit, eq(unit.id, users.unitId))
    .where(eq(users.email, email.toLowerCase()));
  return row;
}

export function userActor(
  user: typeof users.$inferSelect,
  unitRow: { id: string; name: string; type: UnitType; parentId: string | null },
  session: Actor['session'],
): Actor {
  return {
    kind: 'user',
    id: user.id,
    name: user.name,
    email: user.email,
    role: user.role,
    unit: { id: unitRow.id, name: unitRow.name, type: unitRow.type },
    regionId: regionIdOf(unitRow),
    canWrite: true,
    session,
  };
}

/**
 * Asked on every request a browser sends (placeholder `tokenHash`): prepared once, planned once
 * per connection. Exported for the benchmark's database-alone figures.
 */
export const sessionActorQuery = (db: Db) =>
  db
    .select({ session: sessions, user: users, unit: unitFields })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(unit, eq(unit.id, users.unitId))
    .where(
      and(
        eq(sessions.tokenHash, sql.placeholder('tokenHash')),
        isNull(sessions.revokedAt),
        isNull(users.disabledAt),
      ),
    );

export type SessionLookup = { status: 'active'; actor: Actor } | { status: 'expired' | 'unknown' };

/** The person behind a session cookie, or why there is none. Revoked and disabled count as unknown. */
export async function findSessionActor(
  db: Db,
  token: string,
  now: Date,
  limits: SessionLimits,
): Promise<SessionLookup> {
  const [row] = await preparedOnce(db, 'session_actor', (db) =>
    sessionActorQuery(db).prepare('session_actor'),
  ).execute({
    tokenHash: hashToken(token),
  });
  if (!row) return { status: 'unknown' };
  const { id, createdAt, lastSeenAt } = row.session;
  const { idleExpiresAt, absoluteExpiresAt } = sessionExpiries({ createdAt, lastSeenAt }, limits);
  if (now >= idleExpiresAt || now >= absoluteExpiresAt) return { status: 'expired' };

  let seenAt = lastSeenAt;
  if (now.getTime() - lastSeenAt.getTime() >= touchIntervalMs) {
    await db.update(sessions).set({ lastSeenAt: now, updatedAt: now }).where(eq(sessions.id, id));
    seenAt = now;
  }
  return {
    status: 'active',
    actor: userActor(row.user, row.unit, { id, createdAt, lastSeenAt: seenAt }),
  };
}

export async function revokeSession(db: Db, sessionId: string, now: Date): Promise<void> {
  await db
    .update(sessions)
    .set({ revokedAt: now, updatedAt: now })
    .where(eq(sessions.id, sessionId));
}

export async function revokeUserSessions(
  db: Db,
  userId: string,
  now: Date,
  exceptSessionId?: string,
): Promise<void> {
  await db
    .update(sessions)
    .set({ revokedAt: now, updatedAt: now })
    .where(
      and(
        eq(sessions.userId, userId),
        isNull(sessions.revokedAt),
        exceptSessionId ? sql`${sessions.id} <> ${exceptSessionId}` : undefined,
      ),
    );
}
