import type { OrgUnit, OrgUnitListQuery, OrgUnitPage } from '@tracker/shared';
import { type SQL, and, eq, inArray, or } from 'drizzle-orm';
import { z } from 'zod';

import type { ReadScope } from '../auth/policy';
import type { Db } from '../db/client';
import { orgUnits } from '../db/schema/org-units';
import { iso } from '../http/iso';
import { type KeysetOrder, afterCursor, orderByKeyset, toPage } from '../http/pagination';

type OrgUnitRow = typeof orgUnits.$inferSelect;

const byName: KeysetOrder = {
  name: 'name',
  columns: [orgUnits.name, orgUnits.id],
  descending: false,
  cursorValues: z.tuple([z.string(), z.uuid()]),
};

/** A region's people see the national units, their region and its PDUs; others see every unit. */
function visibleUnits(scope: ReadScope): SQL | undefined {
  if (!scope.regionId) return undefined;
  return or(
    inArray(orgUnits.type, ['hmpps', 'inspectorate']),
    eq(orgUnits.id, scope.regionId),
    eq(orgUnits.parentId, scope.regionId),
  );
}

export async function listOrgUnits(
  db: Db,
  query: OrgUnitListQuery,
  scope: ReadScope,
): Promise<OrgUnitPage> {
  const rows = await db
    .select()
    .from(orgUnits)
    .where(
      and(
        visibleUnits(scope),
        query.type ? eq(orgUnits.type, query.type) : undefined,
        query.parentId ? eq(orgUnits.parentId, query.parentId) : undefined,
        afterCursor(byName, query.cursor),
      ),
    )
    .orderBy(...orderByKeyset(byName))
    .limit(query.limit + 1);
  return toPage(rows, query.limit, byName, (row) => [row.name, row.id], toOrgUnit);
}

export async function findOrgUnit(
  db: Db,
  id: string,
  scope: ReadScope,
): Promise<{ unit: OrgUnit; visible: boolean } | undefined> {
  const [row] = await db.select().from(orgUnits).where(eq(orgUnits.id, id));
  if (!row) return undefined;
  const [visible] = await db
    .select({ id: orgUnits.id })
    .from(orgUnits)
    .where(and(eq(orgUnits.id, id), visibleUnits(scope)));
  return { unit: toOrgUnit(row), visible: Boolean(visible) };
}

export function toOrgUnit(row: OrgUnitRow): OrgUnit {
  return {
    id: row.id,
    name: row.name,
    type: row.type,
    code: row.code,
    parentId: row.parentId,
    retiredAt: row.retiredAt ? iso(row.retiredAt) : null,
    revision: row.revision,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}

/** The region a unit is in: itself for a region, its parent for a PDU, none for national units. */
export async function regionOfUnit(db: Db, unitId: string): Promise<string | null> {
  const [unit] = await db
    .select({ id: orgUnits.id, type: orgUnits.type, parentId: orgUnits.parentId })
    .from(orgUnits)
    .where(eq(orgUnits.id, unitId));
  if (unit?.type === 'region') return unit.id;
  if (unit?.type === 'pdu') return unit.parentId;
  return null;
}
