import type { OrgUnit, OrgUnitListQuery, OrgUnitPage } from '@tracker/shared';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';

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

export async function listOrgUnits(db: Db, query: OrgUnitListQuery): Promise<OrgUnitPage> {
  const rows = await db
    .select()
    .from(orgUnits)
    .where(
      and(
        query.type ? eq(orgUnits.type, query.type) : undefined,
        query.parentId ? eq(orgUnits.parentId, query.parentId) : undefined,
        afterCursor(byName, query.cursor),
      ),
    )
    .orderBy(...orderByKeyset(byName))
    .limit(query.limit + 1);
  return toPage(rows, query.limit, byName, (row) => [row.name, row.id], toOrgUnit);
}

export async function findOrgUnit(db: Db, id: string): Promise<OrgUnit | undefined> {
  const [row] = await db.select().from(orgUnits).where(eq(orgUnits.id, id));
  return row && toOrgUnit(row);
}

function toOrgUnit(row: OrgUnitRow): OrgUnit {
  return {
    id: row.id,
    name: row.name,
    type: row.type,
    code: row.code,
    parentId: row.parentId,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}
