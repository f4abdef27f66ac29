import type { Person } from '@tracker/shared';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';

import { actions } from '../db/schema/actions';
import { orgUnits } from '../db/schema/org-units';
import { users } from '../db/schema/users';
import { regionOfUnit } from '../org-units/queries';
import { type SignedInClient, demo } from '../testing/app';
import { routeTests } from '../testing/route-test';
import { mayOwnActionOf } from './owners';

const rec = (pdu: string, number: number) =>
  world.recommendations.find((r) => r.sourcePdu.name === pdu && r.number === number)!;

const world = routeTests(['admin', 'rpd', 'nationalLead']);
beforeAll(async () => {
  // A second region with its own staff, so "the action's region" is not the only region.
  const { db } = world.testApp.database;
  const [region] = await db
    .insert(orgUnits)
    .values({ code: 'NE', name: 'North East', type: 'region' })
    .returning();
  const [pdu] = await db
    .insert(orgUnits)
    .values({ code: 'NE-DUR', name: 'County Durham', type: 'pdu', parentId: region!.id })
    .returning();
  const added = await db
    .insert(users)
    .values([
      { email: 'rpd@ne.example', name: 'North East RPD', role: 'region_lead', unitId: region!.id },
      {
        email: 'hoo@ne.example',
        name: 'Durham HoO',
        role: 'head_of_operations',
        unitId: pdu!.id,
      },
    ])
    .returning();
  for (const person of added) world.ids[person.email] = person.id;
});

async function peopleWhoMayOwn(client: SignedInClient, unitId: string): Promise<Person[]> {
  const response = await client
    .get(`/api/v1/people?mayOwnActionsOf=${unitId}&limit=200`)
    .expect(200);
  return response.body.items as Person[];
}

describe('who may own an action', () => {
  it('lists, for every unit, exactly the people the rule on saving accepts', async () => {
    const { db } = world.testApp.database;
    const units = await db.select().from(orgUnits);
    const people = await db
      .select({ id: users.id, role: users.role, unitId: users.unitId, type: orgUnits.type })
      .from(users)
      .innerJoin(orgUnits, eq(orgUnits.id, users.unitId));
    const regionOf = new Map<string, string | null>();
    for (const unit of units) regionOf.set(unit.id, await regionOfUnit(db, unit.id));

    let checked = 0;
    for (const unit of units.filter((u) => u.type !== 'inspectorate')) {
      const owningUnit = {
        atHmpps: unit.type === 'hmpps',
        regionId: regionOf.get(unit.id) ?? '',
      };
      const expected = people
        .filter((person) =>
          mayOwnActionOf(
            { role: person.role, type: person.type, regionId: regionOf.get(person.unitId)! },
            owningUnit,
          ),
        )
        .map((person) => person.id)
        .sort();
      const listed = (await peopleWhoMayOwn(world.as.admin, unit.id))
        .map((person) => person.id)
        .sort();
      expect(listed, unit.name).toEqual(expected);
      checked += expected.length;
    }
    expect(checked).toBeGreaterThan(0);
  });

  it("offers a PDU action's region staff, never the administrator, the inspector, the national lead or another region", async () => {
    const wigan = rec('Wigan', 1).owningUnit.id;
    const emails = new Map(Object.entries(world.ids).map(([email, id]) => [id, email]));
    const offered = (await peopleWhoMayOwn(world.as.rpd, wigan)).map((person) =>
      emails.get(person.id),
    );
    expect(offered).toEqual(
      expect.arrayContaining([demo.rpd, demo.hooWigan, demo.hooTameside, demo.hooManchesterNorth]),
    );
    for (const never of [demo.admin, demo.inspector, demo.nationalLead, 'hoo@ne.example'])
      expect(offered).not.toContain(never);
  });

  it('says which field is wrong when the unit is not one that owns actions', async () => {
    const response = await world.as.rpd
      .get('/api/v1/people?mayOwnActionsOf=00000000-0000-4000-8000-000000000000')
      .expect(400);
    expect(response.body.errors).toEqual([expect.objectContaining({ path: 'mayOwnActionsOf' })]);
  });

  it('refuses the national lead or an administrator as owner of a PDU action, naming the field and writing nothing', async () => {
    const wigan1 = rec('Wigan', 1);
    const before = await world.testApp.database.db.select({ id: actions.id }).from(actions);
    for (const owner of [demo.nationalLead, demo.admin, 'hoo@ne.example']) {
      const response = await world.as.rpd
        .post(`/api/v1/recommendations/${wigan1.id}/actions`)
        .send({
          title: 'Owned by the wrong person',
          owningUnitId: wigan1.owningUnit.id,
          ownerId: world.ids[owner],
        });
      expect(response.status, owner).toBe(400);
      expect(response.body.errors).toEqual([expect.objectContaining({ path: 'ownerId' })]);
    }
    expect(await world.testApp.database.db.select({ id: actions.id }).from(actions)).toEqual(
      before,
    );
    await world.as.rpd
      .post(`/api/v1/recommendations/${wigan1.id}/actions`)
      .send({
        title: 'Tameside lends a trainer',
        owningUnitId: wigan1.owningUnit.id,
        ownerId: world.ids[demo.hooTameside],
      })
      .expect(201);
  });

  it('has HMPPS work owned at HMPPS, and a change of owner checked the same way', async () => {
    const hmpps = world.recommendations.find((r) => r.ownerLevel === 'hmpps')!;
    await world.as.nationalLead
      .post(`/api/v1/recommendations/${hmpps.id}/actions`)
      .send({
        title: 'Owned by the region lead',
        owningUnitId: hmpps.owningUnit.id,
        ownerId: world.ids[demo.rpd],
      })
      .expect(400);
    const created = await world.as.nationalLead
      .post(`/api/v1/recommendations/${hmpps.id}/actions`)
      .send({
        title: 'National guidance',
        owningUnitId: hmpps.owningUnit.id,
        ownerId: world.ids[demo.nationalLead],
      })
      .expect(201);
    const refused = await world.as.nationalLead
      .patch(`/api/v1/actions/${created.body.id}`)
      .set('if-match', String(created.headers.etag))
      .send({ ownerId: world.ids[demo.hooWigan] })
      .expect(400);
    expect(refused.body.errors).toEqual([expect.objectContaining({ path: 'ownerId' })]);
  });
});
