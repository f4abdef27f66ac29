import type { CreateOrgUnitRequest, OrgUnit, UpdateOrgUnitRequest } from '@tracker/shared';
import { and, count, eq, isNull, notInArray } from 'drizzle-orm';

import { recordAudit } from '../audit/record';
import { auditActor } from '../auth/actor';
import type { WriteContext } from '../auth/context';
import { forgetRecentSessionsIn, regionIdOf } from '../auth/sessions';
import type { Db } from '../db/client';
import { actions } from '../db/schema/actions';
import { apiClients } from '../db/schema/api-clients';
import { orgUnits } from '../db/schema/org-units';
import { users } from '../db/schema/users';
import { stale } from '../http/etag';
import { HttpProblem, badRequest, notFound } from '../http/errors';
import { toOrgUnit } from './queries';

type UnitRow = typeof orgUnits.$inferSelect;

const finishedStatuses = ['complete', 'verified_closed', 'cancelled'] as const;

async function mustFindUnit(tx: Db, id: string, forUpdate = false): Promise<UnitRow> {
  const query = tx.select().from(orgUnits).where(eq(orgUnits.id, id));
  const [unit] = forUpdate ? await query.for('update') : await query;
  if (!unit) throw notFound('Organisation unit', id);
  return unit;
}

/** The unit a new or moved one goes under: HMPPS for a region, a region in use for a PDU. */
async function parentFor(tx: Db, type: 'region' | 'pdu', parentId: string | undefined) {
  if (type === 'region') {
    if (parentId !== undefined) {
      const parent = await tx.select().from(orgUnits).where(eq(orgUnits.id, parentId));
      if (parent[0]?.type !== 'hmpps')
        throw badRequest('A region sits under HMPPS.', [
          { path: 'parentId', message: 'must be HMPPS, or left out, for a region' },
        ]);
    }
    const [hmpps] = await tx.select().from(orgUnits).where(eq(orgUnits.type, 'hmpps'));
    if (!hmpps)
      throw new HttpProblem(409, 'Conflict', 'There is no HMPPS unit to put a region under.');
    return hmpps;
  }
  if (parentId === undefined)
    throw badRequest('A PDU belongs to a region.', [
      { path: 'parentId', message: 'choose the region the PDU belongs to' },
    ]);
  const [region] = await tx.select().from(orgUnits).where(eq(orgUnits.id, parentId));
  if (!region || region.type !== 'region')
    throw badRequest('A PDU belongs to a region.', [
      { path: 'parentId', message: 'is not a region' },
    ]);
  if (region.retiredAt)
    throw badRequest(`${region.name} has been retired.`, [
      { path: 'parentId', message: 'is a retired region' },
    ]);
  return region;
}

async function checkCodeFree(tx: Db, code: string) {
  const [taken] = await tx
    .select({ id: orgUnits.id })
    .from(orgUnits)
    .where(eq(orgUnits.code, code));
  if (taken)
    throw new HttpProblem(409, 'Conflict', `Another unit already has the code "${code}".`, [
      { path: 'code', message: 'is already in use' },
    ]);
}

function audited(unit: UnitRow) {
  return {
    name: unit.name,
    parentId: unit.parentId,
    retiredAt: unit.retiredAt?.toISOString() ?? null,
  };
}

/**
 * Units are added one writer at a time (the HMPPS unit's row is the lock), so two administrators
 * adding the same code get a clear 409, not a clash inside the database.
 */
export async function lockUnitTree(tx: Db): Promise<UnitRow> {
  const [hmpps] = await tx.select().from(orgUnits).where(eq(orgUnits.type, 'hmpps')).for('update');
  if (!hmpps) throw new HttpProblem(409, 'Conflict', 'There is no HMPPS unit to add units under.');
  return hmpps;
}

export async function createOrgUnit(
  db: Db,
  input: CreateOrgUnitRequest,
  context: WriteContext,
): Promise<OrgUnit> {
  return db.transaction(async (tx) => {
    await lockUnitTree(tx);
    const parent = await parentFor(tx, input.type, input.parentId);
    await checkCodeFree(tx, input.code);
    const [created] = await tx
      .insert(orgUnits)
      .values({ name: input.name, code: input.code, type: input.type, parentId: parent.id })
      .returning();
    await recordAudit(tx, {
      ...auditActor(context.actor),
      action: 'org_unit.created',
      subjectType: 'org_unit',
      subjectId: created!.id,
      regionId: regionIdOf(created!),
      requestId: context.requestId,
      after: { code: created!.code, type: created!.type, ...audited(created!) },
    });
    return toOrgUnit(created!);
  });
}

/**
 * Why a unit cannot be retired yet: the people, API clients, open actions or PDUs that would be
 * left in a unit that takes no new work. Each is moved first, so nothing is left unowned.
 */
async function checkNothingLeftIn(tx: Db, unit: UnitRow): Promise<void> {
  const [people] = await tx
    .select({ n: count() })
    .from(users)
    .where(and(eq(users.unitId, unit.id), isNull(users.disabledAt)));
  const [clients] = await tx
    .select({ n: count() })
    .from(apiClients)
    .where(and(eq(apiClients.unitId, unit.id), isNull(apiClients.revokedAt)));
  const [openActions] = await tx
    .select({ n: count() })
    .from(actions)
    .where(
      and(eq(actions.owningUnitId, unit.id), notInArray(actions.status, [...finishedStatuses])),
    );
  const [pdus] = await tx
    .select({ n: count() })
    .from(orgUnits)
    .where(and(eq(orgUnits.parentId, unit.id), isNull(orgUnits.retiredAt)));
  const left = [
    [people?.n ?? 0, 'person', 'people', 'move or disable them'],
    [clients?.n ?? 0, 'API client', 'API clients', 'revoke them'],
    [openActions?.n ?? 0, 'open action', 'open actions', 'give them to another unit'],
    [pdus?.n ?? 0, 'PDU', 'PDUs', 'move or retire them'],
  ] as const;
  const blocking = left.filter(([n]) => n > 0);
  if (blocking.length === 0) return;
  const words = blocking.map(([n, one, many, fix]) => `${n} ${n === 1 ? one : many} (${fix})`);
  const why = `${unit.name} cannot be retired while it still has ${words.join(', ')}`;
  throw new HttpProblem(409, 'Conflict', `${why}.`, [{ path: 'retired', message: why }]);
}

export async function updateOrgUnit(
  db: Db,
  id: string,
  input: UpdateOrgUnitRequest,
  revision: () => number,
  context: WriteContext,
): Promise<OrgUnit> {
  return db.transaction(async (tx) => {
    const before = await mustFindUnit(tx, id, true);
    if (before.revision !== revision()) throw stale();
    if (before.type !== 'region' && before.type !== 'pdu')
      throw new HttpProblem(
        409,
        'Conflict',
        `${before.name} is not a region or PDU: it cannot be changed here.`,
      );

    let parentId = before.parentId;
    if (input.parentId !== undefined && input.parentId !== before.parentId) {
      if (before.type !== 'pdu')
        throw badRequest('Only a PDU moves, to another region.', [
          { path: 'parentId', message: 'a region cannot move' },
        ]);
      parentId = (await parentFor(tx, 'pdu', input.parentId)).id;
    }
    let retiredAt = before.retiredAt;
    if (input.retired === true && !before.retiredAt) {
      await checkNothingLeftIn(tx, before);
      retiredAt = context.now;
    } else if (input.retired === false && before.retiredAt) {
      const parent = parentId ? await mustFindUnit(tx, parentId) : null;
      if (parent?.retiredAt)
        throw badRequest(`${parent.name} has been retired: bring it back first.`, [
          { path: 'retired', message: 'is in a retired region' },
        ]);
      retiredAt = null;
    }

    const [after] = await tx
      .update(orgUnits)
      .set({
        name: input.name ?? before.name,
        parentId,
        retiredAt,
        revision: before.revision + 1,
        updatedAt: context.now,
      })
      .where(eq(orgUnits.id, id))
      .returning();
    // People in a moved PDU now see the new region's plans, not the old one's: at once here.
    if (parentId !== before.parentId) forgetRecentSessionsIn(id);
    await recordAudit(tx, {
      ...auditActor(context.actor),
      action: 'org_unit.updated',
      subjectType: 'org_unit',
      subjectId: id,
      regionId: regionIdOf(after!),
      requestId: context.requestId,
      before: audited(before),
      after: audited(after!),
    });
    return toOrgUnit(after!);
  });
}
