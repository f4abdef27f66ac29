import type { Inspection, InspectionPage } from '@tracker/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { routeTests } from '../testing/route-test';
let inspection: Inspection;

const world = routeTests(['rpd']);
beforeAll(async () => {
  const page = (await world.as.rpd.get('/api/v1/inspections').expect(200)).body as InspectionPage;
  expect(page.items).toHaveLength(1);
  expect(page.nextCursor).toBeNull();
  inspection = page.items[0]!;
});

function ratingsOf(pduName: string) {
  const pdu = inspection.inspectedPdus.find((p) => p.pdu.name === pduName);
  if (!pdu) throw new Error(`${pduName} is not among the inspected PDUs`);
  return pdu;
}

describe('GET /api/v1/inspections', () => {
  it('gives the regional review with its letter details', () => {
    expect(inspection).toMatchObject({
      kind: 'regional_review',
      letterDate: '2023-05-25',
      region: { name: 'Greater Manchester', type: 'region' },
      recommendationCount: 28,
    });
    expect(inspection.inspectedPdus.map((p) => p.pdu.name)).toEqual([
      'Manchester North',
      'Tameside',
      'Wigan',
    ]);
  });

  it('gives the Annexe two ratings exactly, with "not given" as null', () => {
    const manchesterNorth = ratingsOf('Manchester North');
    expect(manchesterNorth).toMatchObject({
      fieldworkStartMonth: '2023-02',
      overallRating: 'requires_improvement',
      score: { achieved: 10, max: 24 },
    });
    const mnStandards = Object.fromEntries(
      manchesterNorth.standards.map((s) => [s.code, s.rating]),
    );
    expect(mnStandards).toMatchObject({
      '1.1': 'requires_improvement',
      '1.2': 'good',
      '2.1': null,
      '2.2': 'inadequate',
    });

    const tameside = ratingsOf('Tameside');
    expect(tameside).toMatchObject({
      fieldworkStartMonth: '2023-03',
      score: { achieved: 7, max: 27 },
    });
    const tStandards = Object.fromEntries(tameside.standards.map((s) => [s.code, s.rating]));
    expect(tStandards).toMatchObject({
      '1.3': 'requires_improvement',
      '2.1': 'requires_improvement',
      '2.4': 'inadequate',
      '2.5': 'inadequate',
    });

    const wigan = ratingsOf('Wigan');
    expect(wigan).toMatchObject({
      overallRating: 'requires_improvement',
      score: null,
      fieldworkStartMonth: null,
    });
    expect(wigan.standards.every((s) => s.rating === null)).toBe(true);
  });

  it('filters by region', async () => {
    const byRegion = await world.as.rpd
      .get(`/api/v1/inspections?regionId=${inspection.region.id}`)
      .expect(200);
    expect(byRegion.body.items).toHaveLength(1);
    const other = await world.as.rpd
      .get('/api/v1/inspections?regionId=00000000-0000-4000-8000-000000000000')
      .expect(200);
    expect(other.body).toEqual({ items: [], nextCursor: null });
  });

  it('refuses a bad region id or limit with a 400 naming the field', async () => {
    const response = await world.as.rpd
      .get('/api/v1/inspections?regionId=gm&limit=500')
      .expect(400);
    expect((response.body.errors as { path: string }[]).map((e) => e.path).sort()).toEqual([
      'limit',
      'regionId',
    ]);
  });
});

describe('GET /api/v1/inspections/{id}', () => {
  it('returns the same inspection as the list', async () => {
    const response = await world.as.rpd.get(`/api/v1/inspections/${inspection.id}`).expect(200);
    expect(response.body).toEqual(inspection);
  });

  it('answers an unknown id with 404 problem+json', async () => {
    const response = await world.as.rpd
      .get('/api/v1/inspections/00000000-0000-4000-8000-000000000000')
      .expect(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});
