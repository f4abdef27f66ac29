import type { OrgUnit } from '@tracker/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { routeTests } from '../testing/route-test';
let units: OrgUnit[];

const world = routeTests(['rpd']);
beforeAll(async () => {
  units = (await world.as.rpd.get('/api/v1/org-units').expect(200)).body.items;
});

describe('GET /api/v1/org-units', () => {
  it('holds the tree HMPPS > Greater Manchester > three PDUs, and the inspectorate', () => {
    const byName = Object.fromEntries(units.map((u) => [u.name, u]));
    expect(Object.keys(byName).sort()).toEqual([
      'Greater Manchester',
      'HM Inspectorate of Probation',
      'HM Prison and Probation Service',
      'Manchester North',
      'Tameside',
      'Wigan',
    ]);
    const hmpps = byName['HM Prison and Probation Service']!;
    const region = byName['Greater Manchester']!;
    expect(hmpps.parentId).toBeNull();
    expect(region).toMatchObject({ type: 'region', parentId: hmpps.id });
    for (const pdu of ['Manchester North', 'Tameside', 'Wigan']) {
      expect(byName[pdu]).toMatchObject({ type: 'pdu', parentId: region.id });
    }
    expect(byName['HM Inspectorate of Probation']).toMatchObject({
      type: 'inspectorate',
      parentId: null,
    });
  });

  it('filters by type and by parent, and pages by name', async () => {
    const pdus = await world.as.rpd.get('/api/v1/org-units?type=pdu').expect(200);
    expect(pdus.body.items.map((u: OrgUnit) => u.name)).toEqual([
      'Manchester North',
      'Tameside',
      'Wigan',
    ]);

    const region = units.find((u) => u.type === 'region')!;
    const children = await world.as.rpd.get(`/api/v1/org-units?parentId=${region.id}`).expect(200);
    expect(children.body.items).toHaveLength(3);

    const first = await world.as.rpd.get('/api/v1/org-units?limit=4').expect(200);
    const second = await world.as.rpd
      .get(`/api/v1/org-units?limit=4&cursor=${first.body.nextCursor}`)
      .expect(200);
    expect([...first.body.items, ...second.body.items].map((u: OrgUnit) => u.id)).toEqual(
      units.map((u) => u.id),
    );
    expect(second.body.nextCursor).toBeNull();
  });

  it('refuses an unknown type with a 400 naming it', async () => {
    const response = await world.as.rpd.get('/api/v1/org-units?type=county').expect(400);
    expect(response.body.errors[0].path).toBe('type');
  });

  it('gives one unit by id, and 404 for an unknown one', async () => {
    const wigan = units.find((u) => u.name === 'Wigan')!;
    expect((await world.as.rpd.get(`/api/v1/org-units/${wigan.id}`).expect(200)).body).toEqual(
      wigan,
    );
    await world.as.rpd.get('/api/v1/org-units/00000000-0000-4000-8000-000000000000').expect(404);
  });
});
