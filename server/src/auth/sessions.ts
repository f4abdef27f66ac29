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
  singleSignOn?: { oidcIssuer: string; idToken: string },
): Promise<{ id: string; token: string }> {
  const token = newToken();
  const [row] = await db
    .insert(sessions)
    .values({
      tokenHash: hashToken(token),
      userId,
      oidcIssuer: singleSignOn?.oidcIssuer ?? null,
      idToken: singleSignOn?.idToken ?? null,
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

type SessionRow = Awaited<ReturnType<ReturnType<typeof sessionActorQuery>['execute']>>[number];

/**
 * Sessions read in the last two seconds, so most requests skip the session statement (decision
 * 012). Revoking a session or a person's sessions, and changing a person, forget theirs here at
 * once; another instance reads the change within the two seconds.
 */
class RecentSessions {
  static readonly keepMs = 2_000;
  static readonly most = 10_000;
  private readonly byHash = new Map<string, { row: SessionRow; readAt: number }>();

  get(tokenHash: string, now: Date): SessionRow | undefined {
    const entry = this.byHash.get(tokenHash);
    if (!entry) return undefined;
    const age = now.getTime() - entry.readAt;
    // A clock moved back (tests move it) reads again, as does an entry past its time.
    if (age < 0 || age >= RecentSessions.keepMs) {
      this.byHash.delete(tokenHash);
      return undefined;
    }
    return entry.row;
  }

  set(tokenHash: string, row: SessionRow, now: Date): void {
    if (this.byHash.size >= RecentSessions.most) this.byHash.clear();
    this.byHash.set(tokenHash, { row, readAt: now.getTime() });
  }

  forget(matches: (row: SessionRow) => boolean): void {
    for (const [hash, entry] of this.byHash) if (matches(entry.row)) this.byHash.delete(hash);
  }
}

const recentSessions = new RecentSessions();

/** A person's name, role, unit or account changed: their sessions are read afresh. */
export function forgetRecentSessionsOf(userId: string): void {
  recentSessions.forget((row) => row.user.id === userId);
}

/** A unit moved in the tree: the scope of everyone in it is read afresh. */
export function forgetRecentSessionsIn(unitId: string): void {
  recentSessions.forget((row) => row.unit.id === unitId);
}

export type SessionLookup = { status: 'active'; actor: Actor } | { status: 'expired' | 'unknown' };

/** The person behind a session cookie, or why there is none. Revoked and disabled count as unknown. */
export async function findSessionActor(
  db: Db,
  token: string,
  now: Date,
  limits: SessionLimits,
): Promise<SessionLookup> {
  const tokenHash = hashToken(token);
  let row = recentSessions.get(tokenHash, now);
  if (!row) {
    [row] = await preparedOnce(db, 'session_actor', (db) =>
      sessionActorQuery(db).prepare('session_actor'),
    ).execute({ tokenHash });
    if (!row) return { status: 'unknown' };
    recentSessions.set(tokenHash, row, now);
  }
  const { id, createdAt, lastSeenAt } = row.session;
  const { idleExpiresAt, absoluteExpiresAt } = sessionExpiries({ createdAt, lastSeenAt }, limits);
  if (now >= idleExpiresAt || now >= absoluteExpiresAt) return { status: 'expired' };

  let seenAt = lastSeenAt;
  if (now.getTime() - lastSeenAt.getTime() >= touchIntervalMs) {
    await db.update(sessions).set({ lastSeenAt: now, updatedAt: now }).where(eq(sessions.id, id));
    seenAt = now;
    row.session = { ...row.session, lastSeenAt: now };
  }
  return {
    status: 'active',
    actor: userActor(row.user, row.unit, { id, createdAt, lastSeenAt: seenAt }),
  };
}

export async function revokeSession(db: Db, sessionId: string, now: Date): Promise<void> {
  recentSessions.forget((row) => row.session.id === sessionId);
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
  forgetRecentSessionsOf(userId);
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
