import type { ChangePasswordRequest, Me, SetPasswordRequest, SignInRequest } from '@tracker/shared';
import { and, eq, gt, isNull } from 'drizzle-orm';

import { recordAudit } from '../audit/record';
import type { Db } from '../db/client';
import { emailPasswordLink } from '../emails/messages';
import { sessions } from '../db/schema/sessions';
import { passwordTokens, users } from '../db/schema/users';
import { regionOfUnit } from '../org-units/queries';
import { HttpProblem, badRequest } from '../http/errors';
import { type Actor, auditActor } from './actor';
import type { RequestContext, WriteContext } from './context';
import { decoyPasswordHash, hashPassword, isCommonPassword, verifyPassword } from './passwords';
import {
  type SessionLimits,
  createSession,
  findUserForSignIn,
  revokeSession,
  revokeUserSessions,
  regionIdOf,
  sessionExpiries,
  userActor,
} from './sessions';
import { clearAccountFailures, lockedForSeconds, recordFailure, throttleKeys } from './throttle';
import { hashToken, newToken } from './tokens';

const wrongCredentials = () =>
  new HttpProblem(401, 'Sign-in failed', 'The email address or password is not right.');

function throttled(seconds: number) {
  return new HttpProblem(
    429,
    'Too many failed sign-ins',
    `Too many failed attempts. Try again in ${Math.ceil(seconds / 60)} minutes.`,
    undefined,
    { 'retry-after': String(seconds) },
  );
}

/**
 * Checks the password and opens a new session. Unknown emails, wrong passwords, disabled and
 * unset accounts all get the same answer, after the same work.
 */
export async function signIn(
  db: Db,
  input: SignInRequest & { ip: string; maxFailures: number },
  context: RequestContext,
): Promise<{ token: string; actor: Actor }> {
  const keys = throttleKeys(input.email, input.ip);
  const locked = await lockedForSeconds(db, keys, context.now);
  if (locked > 0) {
    await recordAudit(db, {
      actorLabel: input.email,
      action: 'auth.signin_throttled',
      subjectType: 'user',
      requestId: context.requestId,
    });
    throw throttled(locked);
  }
  const row = await findUserForSignIn(db, input.email);
  const passwordMatches = await verifyPassword(
    input.password,
    row?.user.passwordHash ?? (await decoyPasswordHash()),
  );
  if (!row || !passwordMatches || !row.user.passwordHash || row.user.disabledAt) {
    await recordFailure(db, keys, context.now, input.maxFailures);
    await recordAudit(db, {
      actorLabel: input.email,
      action: 'auth.signin_failed',
      subjectType: 'user',
      subjectId: row?.user.id ?? null,
      regionId: row ? regionIdOf(row.unit) : null,
      requestId: context.requestId,
    });
    throw wrongCredentials();
  }
  return db.transaction(async (tx) => {
    await clearAccountFailures(tx, keys);
    return openSession(tx, row, context);
  });
}

/**
 * The one way a session starts, by password or single sign-on: always a new session id, so a
 * planted cookie is worth nothing; any session the browser already had ends.
 */
export async function openSession(
  tx: Db,
  row: NonNullable<Awaited<ReturnType<typeof findUserForSignIn>>>,
  context: RequestContext,
  singleSignOn?: { oidcIssuer: string; idToken: string },
): Promise<{ token: string; actor: Actor }> {
  if (context.actor?.session) await revokeSession(tx, context.actor.session.id, context.now);
  const session = await createSession(tx, row.user.id, context.now, singleSignOn);
  const actor = userActor(row.user, row.unit, {
    id: session.id,
    createdAt: context.now,
    lastSeenAt: context.now,
  });
  await recordAudit(tx, {
    ...auditActor(actor),
    action: 'auth.signed_in',
    subjectType: 'user',
    subjectId: actor.id,
    regionId: actor.regionId,
    requestId: context.requestId,
    after: { sessionId: session.id, ...(singleSignOn ? { issuer: singleSignOn.oidcIssuer } : {}) },
  });
  return { token: session.token, actor };
}

/** Ends the session; answers with the issuer and ID token of a single sign-on session. */
export async function signOut(
  db: Db,
  context: RequestContext,
): Promise<{ oidcIssuer: string; idToken: string } | null> {
  const { actor } = context;
  if (!actor?.session) return null;
  const sessionId = actor.session.id;
  return db.transaction(async (tx) => {
    const [ended] = await tx
      .select({ oidcIssuer: sessions.oidcIssuer, idToken: sessions.idToken })
      .from(sessions)
      .where(eq(sessions.id, sessionId));
    await revokeSession(tx, sessionId, context.now);
    await recordAudit(tx, {
      ...auditActor(actor),
      action: 'auth.signed_out',
      subjectType: 'user',
      subjectId: actor.id,
      regionId: actor.regionId,
      requestId: context.requestId,
      after: { sessionId },
    });
    return ended?.oidcIssuer && ended.idToken
      ? { oidcIssuer: ended.oidcIssuer, idToken: ended.idToken }
      : null;
  });
}

export function meOf(actor: Actor, limits: SessionLimits, hasPassword: boolean): Me {
  const expiries = actor.session ? sessionExpiries(actor.session, limits) : null;
  return {
    id: actor.id,
    email: actor.email ?? '',
    name: actor.name,
    role: actor.role,
    unit: actor.unit,
    session: expiries
      ? {
          idleExpiresAt: expiries.idleExpiresAt.toISOString(),
          absoluteExpiresAt: expiries.absoluteExpiresAt.toISOString(),
        }
      : null,
    hasPassword,
  };
}

/** Refuses a password on the deny list before anything is looked up or changed. */
function refuseCommonPassword(password: string, path: string) {
  if (!isCommonPassword(password)) return;
  throw badRequest('This password is too common: attackers try it first. Choose another.', [
    { path, message: 'is one of the most common passwords; choose another' },
  ]);
}

/** A person changes their own password; their other sessions end. */
export async function changePassword(
  db: Db,
  input: ChangePasswordRequest,
  context: WriteContext,
): Promise<void> {
  refuseCommonPassword(input.newPassword, 'newPassword');
  const { actor } = context;
  const [user] = await db.select().from(users).where(eq(users.id, actor.id));
  if (!user?.passwordHash || !(await verifyPassword(input.currentPassword, user.passwordHash))) {
    throw badRequest('The current password is not right.', [
      { path: 'currentPassword', message: 'is not your current password' },
    ]);
  }
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, updatedAt: context.now })
      .where(eq(users.id, actor.id));
    await revokeUserSessions(tx, actor.id, context.now, actor.session?.id);
    await recordAudit(tx, {
      ...auditActor(actor),
      action: 'user.password_changed',
      subjectType: 'user',
      subjectId: actor.id,
      regionId: actor.regionId,
      requestId: context.requestId,
    });
  });
}

const passwordLinkLifetimeMs = 7 * 24 * 3_600_000;

/** A one-time link to set a password; any earlier unused link for the person stops working. */
export async function issuePasswordLink(
  tx: Db,
  userId: string,
  context: RequestContext,
  publicUrl: string,
): Promise<{ setPasswordUrl: string; expiresAt: Date }> {
  const token = newToken();
  const expiresAt = new Date(context.now.getTime() + passwordLinkLifetimeMs);
  await tx
    .update(passwordTokens)
    .set({ usedAt: context.now, updatedAt: context.now })
    .where(and(eq(passwordTokens.userId, userId), isNull(passwordTokens.usedAt)));
  await tx.insert(passwordTokens).values({
    tokenHash: hashToken(token),
    userId,
    expiresAt,
    createdById: context.actor?.kind === 'user' ? context.actor.id : null,
  });
  const path = `/set-password?token=${token}`;
  await emailPasswordLink(tx, { userId, path, expiresAt }, context.now);
  return { setPasswordUrl: `${publicUrl}/set-password?token=${token}`, expiresAt };
}

const linkSpent = () =>
  badRequest('This link has been used or has expired. Ask an administrator for a new one.', [
    { path: 'token', message: 'has been used or has expired' },
  ]);

/** Spends a one-time link: sets the password and ends every session the person had. */
export async function setPasswordWithToken(
  db: Db,
  input: SetPasswordRequest,
  context: RequestContext,
): Promise<void> {
  refuseCommonPassword(input.password, 'password');
  const usable = and(
    eq(passwordTokens.tokenHash, hashToken(input.token)),
    isNull(passwordTokens.usedAt),
    gt(passwordTokens.expiresAt, context.now),
  );
  // Looked up before the slow hash, so a made-up token costs one query, never scrypt's work.
  const [known] = await db.select({ id: passwordTokens.id }).from(passwordTokens).where(usable);
  if (!known) throw linkSpent();
  const passwordHash = await hashPassword(input.password);
  await db.transaction(async (tx) => {
    const [link] = await tx
      .update(passwordTokens)
      .set({ usedAt: context.now, updatedAt: context.now })
      .where(usable)
      .returning({ userId: passwordTokens.userId });
    if (!link) throw linkSpent();
    const [user] = await tx
      .update(users)
      .set({ passwordHash, updatedAt: context.now })
      .where(eq(users.id, link.userId))
      .returning({ unitId: users.unitId });
    await revokeUserSessions(tx, link.userId, context.now);
    await recordAudit(tx, {
      actorLabel: 'one-time link',
      action: 'user.password_set',
      subjectType: 'user',
      subjectId: link.userId,
      regionId: await regionOfUnit(tx, user!.unitId),
      requestId: context.requestId,
    });
  });
}
