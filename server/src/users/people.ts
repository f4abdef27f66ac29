import { PersonListQuery, PersonPage, Problem } from '@tracker/shared';
import { type SQL, and, eq, inArray, isNull, or } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

import { access } from '../auth/access';
import { actorOf } from '../auth/context';
import { readScopeOf } from '../auth/policy';
import type { Db } from '../db/client';
import { orgUnits } from '../db/schema/org-units';
import { users } from '../db/schema/users';
import { ownerRoles } from '../actions/owners';
import { badRequest } from '../http/errors';
import { type KeysetOrder, afterCursor, orderByKeyset, toPage } from '../http/pagination';

const byName: KeysetOrder = {
  name: 'name',
  columns: [users.name, users.id],
  descending: false,
  cursorValues: z.tuple([z.string(), z.uuid()]),
};

/**
 * The people who may own an action of a unit, as the actions rule mayOwnActionOf says: HMPPS
 * staff for HMPPS work, otherwise the staff of the unit's region; never administrators or
 * inspectors.
 */
async function mayOwnActionsOf(db: Db, unitId: string): Promise<SQL> {
  const [unit] = await db
    .select({ id: orgUnits.id, type: orgUnits.type, parentId: orgUnits.parentId })
    .from(orgUnits)
    .where(eq(orgUnits.id, unitId));
  const regionId = unit?.type === 'region' ? unit.id : unit?.type === 'pdu' ? unit.parentId : null;
  if (!unit || (unit.type !== 'hmpps' && !regionId)) {
    throw badRequest('There is no such unit that owns actions.', [
      { path: 'mayOwnActionsOf', message: 'is not a PDU, region or HMPPS unit' },
    ]);
  }
  return and(
    inArray(users.role, [...ownerRoles]),
    unit.type === 'hmpps'
      ? eq(orgUnits.type, 'hmpps')
      : or(eq(orgUnits.id, regionId!), eq(orgUnits.parentId, regionId!)),
  )!;
}

/**
 * Who may be named to review an HMPPS plan of a region (an SFO review, an internal audit): a
 * national lead, or one of the region's leads (its lead for quality).
 */
export function mayReviewFor(regionId: string): SQL {
  return or(
    eq(users.role, 'national_lead'),
    and(eq(users.role, 'region_lead'), eq(users.unitId, regionId)),
  )!;
}

/** Active people in the caller's region (and at HMPPS), or everyone for national roles. */
async function listPeople(
  db: Db,
  query: PersonListQuery,
  regionId: string | null,
): Promise<PersonPage> {
  const owners = query.mayOwnActionsOf ? await mayOwnActionsOf(db, query.mayOwnActionsOf) : null;
  const rows = await db
    .select({
      id: users.id,
      name: users.name,
      role: users.role,
      unit: { id: orgUnits.id, name: orgUnits.name, type: orgUnits.type },
    })
    .from(users)
    .innerJoin(orgUnits, eq(orgUnits.id, users.unitId))
    .where(
      and(
        isNull(users.disabledAt),
        regionId
          ? or(
              eq(orgUnits.id, regionId),
              eq(orgUnits.parentId, regionId),
              inArray(orgUnits.type, ['hmpps']),
            )
          : undefined,
        query.unitId ? eq(users.unitId, query.unitId) : undefined,
        owners ?? undefined,
        query.mayReviewFor ? mayReviewFor(query.mayReviewFor) : undefined,
        afterCursor(byName, query.cursor),
      ),
    )
    .orderBy(...orderByKeyset(byName))
    .limit(query.limit + 1);
  return toPage(
    rows,
    query.limit,
    byName,
    (row) => [row.name, row.id],
    (row) => row,
  );
}

/** For owner pickers: who can be named on an action. */
const peopleRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/people',
    {
      config: {
        access: access.roles('admin', 'region_lead', 'head_of_operations', 'national_lead'),
      },
      schema: {
        tags: ['Users (administrators)'],
        summary: 'Active people who can own actions, within your sight',
        querystring: PersonListQuery,
        response: {
          200: PersonPage,
          400: Problem,
          401: Problem,
          403: Problem,
          429: Problem,
          500: Problem,
          503: Problem,
        },
      },
    },
    async (request) => listPeople(app.db, request.query, readScopeOf(actorOf(request)).regionId),
  );
};

export default peopleRoutes;
