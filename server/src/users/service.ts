import type {
  ApprovePendingAccountRequest,
  CreateUserRequest,
  OpenAction,
  PasswordLink,
  UpdateUserRequest,
  User,
} from '@tracker/shared';
import { and, eq, inArray, isNull, notInArray, sql } from 'drizzle-orm';

import { recordAudit } from '../audit/record';
import { tellNewOwner } from '../actions/service';
import { auditActor } from '../auth/actor';
import { unitTypeForRole } from '../auth/policy';
import type { RequestContext, WriteContext } from '../auth/context';
import { issuePasswordLink } from '../auth/service';
import { forgetRecentSessionsOf, revokeUserSessions } from '../auth/sessions';
import type { Db } from '../db/client';
import { actions } from '../db/schema/actions';
import { orgUnits } from '../db/schema/org-units';
import { pendingAccounts, users } from '../db/schema/users';
import { HttpProblem, badRequest, notFound } from '../http/errors';
import { regionOfUnit } from '../org-units/queries';
import { findUser } from './queries';

const finishedStatuses = ['complete', 'verified_closed', 'cancelled'] as const;

/** A role's scope is a unit of one type: a head of operations belongs to a PDU, and so on. */
async function checkUnitFitsRole(tx: Db, unitId: string, role: User['role']) {
  const [unit] = await tx
    .select({ type: orgUnits.type, name: orgUnits.name, retiredAt: orgUnits.retiredAt })
    .from(orgUnits)
    .where(eq(orgUnits.id, unitId));
  if (!unit)
    throw badRequest('The unit does not exist.', [
      { path: 'unitId', message: 'is not a known unit' },
    ]);
  if (unit.retiredAt)
    throw badRequest(`${unit.name} has been retired: it takes no new people.`, [
      { path: 'unitId', message: 'is a retired unit' },
    ]);
  const wanted = unitTypeForRole[role];
  if (unit.type !== wanted) {
    throw badRequest(`A ${role} belongs to a unit of type ${wanted}.`, [
      { path: 'unitId', message: `must be a ${wanted} unit for the role ${role}` },
    ]);
  }
}

async function mustFindUser(tx: Db, id: string): Promise<User> {
  const user = await findUser(tx, id);
  if (!user) throw notFound('User', id);
  return user;
}

export async function createUser(
  db: Db,
  input: CreateUserRequest,
  context: RequestContext,
  publicUrl: string,
): Promise<PasswordLink> {
  return db.transaction(async (tx) => {
    await checkUnitFitsRole(tx, input.unitId, input.role);
    const email = input.email.toLowerCase();
    const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email));
    if (existing) {
      throw new HttpProblem(409, 'Conflict', 'Someone already has this email address.', [
        { path: 'email', message: 'is already in use' },
      ]);
    }
    const [created] = await tx
      .insert(users)
      .values({ email, name: input.name, role: input.role, unitId: input.unitId })
      .returning({ id: users.id });
    const user = await mustFindUser(tx, created!.id);
    const link = await issuePasswordLink(tx, user.id, context, publicUrl);
    await recordAudit(tx, {
      ...auditActor(context.actor),
      action: 'user.created',
      subjectType: 'user',
      subjectId: user.id,
      regionId: await regionOfUnit(tx, user.unit.id),
      requestId: context.requestId,
      after: { email, name: input.name, role: input.role, unitId: input.unitId },
    });
    return { user, setPasswordUrl: link.setPasswordUrl, expiresAt: link.expiresAt.toISOString() };
  });
}

/**
 * Makes the user a pending account asked for, with the role and unit the administrator gives,
 * linked to the organisation account they signed in with (so they sign in with it at once).
 */
export async function approvePendingAccount(
  db: Db,
  id: string,
  input: ApprovePendingAccountRequest,
  context: RequestContext,
): Promise<User> {
  return db.transaction(async (tx) => {
    const [pending] = await tx
      .delete(pendingAccounts)
      .where(eq(pendingAccounts.id, id))
      .returning();
    if (!pending) throw notFound('Pending account', id);
    await checkUnitFitsRole(tx, input.unitId, input.role);
    const [existing] = await tx
      .select({ id: users.id })
      .from(users)
      .where(eq(users.email, pending.email));
    if (existing) {
      throw new HttpProblem(409, 'Conflict', 'Someone already has this email address.', [
        { path: 'email', message: 'is already in use' },
      ]);
    }
    const [created] = await tx
      .insert(users)
      .values({
        email: pending.email,
        name: input.name ?? pending.name,
        role: input.role,
        unitId: input.unitId,
        oidcIssuer: pending.oidcIssuer,
        oidcSubject: pending.oidcSubject,
      })
      .returning({ id: users.id });
    const user = await mustFindUser(tx, created!.id);
    await recordAudit(tx, {
      ...auditActor(context.actor),
      action: 'user.approved',
      subjectType: 'user',
      subjectId: user.id,
      regionId: await regionOfUnit(tx, user.unit.id),
      requestId: context.requestId,
      after: {
        email: pending.email,
        name: user.name,
        role: input.role,
        unitId: input.unitId,
        issuer: pending.oidcIssuer,
        pendingAccountId: pending.id,
      },
    });
    return user;
  });
}

/** Refusing forgets the request; signing in again makes a new one for another administrator. */
export async function refusePendingAccount(
  db: Db,
  id: string,
  context: RequestContext,
): Promise<void> {
  await db.transaction(async (tx) => {
    const [pending] = await tx
      .delete(pendingAccounts)
      .where(eq(pendingAccounts.id, id))
      .returning();
    if (!pending) throw notFound('Pending account', id);
    await recordAudit(tx, {
      ...auditActor(context.actor),
      action: 'user.refused',
      subjectType: 'pending_account',
      subjectId: pending.id,
      regionId: null,
      requestId: context.requestId,
      before: { email: pending.email, name: pending.name, issuer: pending.oidcIssuer },
    });
  });
}

export async function updateUser(
  db: Db,
  id: string,
  input: UpdateUserRequest,
  context: RequestContext,
): Promise<User> {
  return db.transaction(async (tx) => {
    const before = await mustFindUser(tx, id);
    const role = input.role ?? before.role;
    const unitId = input.unitId ?? before.unit.id;
    if (input.role || input.unitId) await checkUnitFitsRole(tx, unitId, role);
    await tx
      .update(users)
      .set({ name: input.name ?? before.name, role, unitId, updatedAt: context.now })
      .where(eq(users.id, id));
    // A new role or scope must not ride on sessions opened under the old one.
    if (role !== before.role || unitId !== before.unit.id)
      await revokeUserSessions(tx, id, context.now);
    else forgetRecentSessionsOf(id);
    const after = await mustFindUser(tx, id);
    await recordAudit(tx, {
      ...auditActor(context.actor),
      action: 'user.updated',
      subjectType: 'user',
      subjectId: id,
      regionId: await regionOfUnit(tx, after.unit.id),
      requestId: context.requestId,
      before: { name: before.name, role: before.role, unitId: before.unit.id },
      after: { name: after.name, role: after.role, unitId: after.unit.id },
    });
    return after;
  });
}

export async function resetPassword(
  db: Db,
  id: string,
  context: RequestContext,
  publicUrl: string,
): Promise<PasswordLink> {
  return db.transaction(async (tx) => {
    const user = await mustFindUser(tx, id);
    await tx
      .update(users)
      .set({ passwordHash: null, updatedAt: context.now })
      .where(eq(users.id, id));
    await revokeUserSessions(tx, id, context.now);
    const link = await issuePasswordLink(tx, id, context, publicUrl);
    await recordAudit(tx, {
      ...auditActor(context.actor),
      action: 'user.password_reset',
      subjectType: 'user',
      subjectId: id,
      regionId: await regionOfUnit(tx, user.unit.id),
      requestId: context.requestId,
    });
    return {
      user: await mustFindUser(tx, id),
      setPasswordUrl: link.setPasswordUrl,
      expiresAt: link.expiresAt.toISOString(),
    };
  });
}

export async function setDisabled(
  db: Db,
  id: string,
  disabled: boolean,
  context: RequestContext,
): Promise<User> {
  return db.transaction(async (tx) => {
    const before = await mustFindUser(tx, id);
    if (disabled && context.actor?.id === id) {
      throw new HttpProblem(409, 'Conflict', 'You cannot disable your own account.');
    }
    await tx
      .update(users)
      .set({
        disabledAt: disabled
          ? before.disabledAt
            ? new Date(before.disabledAt)
            : context.now
          : null,
        updatedAt: context.now,
      })
      .where(eq(users.id, id));
    if (disabled) await revokeUserSessions(tx, id, context.now);
    await recordAudit(tx, {
      ...auditActor(context.actor),
      action: disabled ? 'user.disabled' : 'user.enabled',
      subjectType: 'user',
      subjectId: id,
      regionId: await regionOfUnit(tx, before.unit.id),
      requestId: context.requestId,
      before: { status: before.status },
    });
    return mustFindUser(tx, id);
  });
}

export async function openActionsOf(db: Db, userId: string): Promise<OpenAction[]> {
  await mustFindUser(db, userId);
  const rows = await db
    .select({
      id: actions.id,
      title: actions.title,
      recommendationId: actions.recommendationId,
      dueDate: actions.dueDate,
      status: actions.status,
    })
    .from(actions)
    .where(and(eq(actions.ownerId, userId), notInArray(actions.status, [...finishedStatuses])))
    .orderBy(actions.dueDate, actions.id);
  return rows;
}

/** Hands every unfinished action of one person to another, in one transaction. */
export async function reassignOpenActions(
  db: Db,
  fromUserId: string,
  toUserId: string,
  context: WriteContext,
): Promise<number> {
  return db.transaction(async (tx) => {
    const from = await mustFindUser(tx, fromUserId);
    const regionId = await regionOfUnit(tx, from.unit.id);
    const [target] = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.id, toUserId), isNull(users.disabledAt)));
    if (!target || toUserId === fromUserId) {
      throw badRequest('Choose another person who is not disabled.', [
        { path: 'toUserId', message: 'must be another active user' },
      ]);
    }
    const open = await openActionsOf(tx, fromUserId);
    if (open.length === 0) return 0;
    await tx
      .update(actions)
      // A new revision, so an edit based on the old owner is refused rather than mixed in.
      .set({ ownerId: toUserId, revision: sql`${actions.revision} + 1`, updatedAt: context.now })
      .where(
        inArray(
          actions.id,
          open.map((action) => action.id),
        ),
      );
    for (const action of open) {
      await recordAudit(tx, {
        ...auditActor(context.actor),
        action: 'action.reassigned',
        subjectType: 'action',
        subjectId: action.id,
        regionId,
        requestId: context.requestId,
        before: { ownerId: fromUserId },
        after: { ownerId: toUserId },
      });
      await tellNewOwner(tx, toUserId, action.id, action.title, context);
    }
    return open.length;
  });
}
