import type { Recommendation, RecommendationPage } from '@tracker/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { routeTests } from '../testing/route-test';
let all: Recommendation[];

async function list(query: string): Promise<RecommendationPage> {
  const response = await world.as.rpd.get(`/api/v1/recommendations?${query}`).expect(200);
  return response.body as RecommendationPage;
}

function unitId(name: string): string {
  const unit = [...all.map((r) => r.sourcePdu), ...all.map((r) => r.owningUnit)].find(
    (u) => u.name === name,
  );
  if (!unit) throw new Error(`no unit ${name}`);
  return unit.id;
}

const world = routeTests(['rpd']);
beforeAll(async () => {
  all = (await list('limit=200')).items;
});

describe('GET /api/v1/recommendations', () => {
  it("lists the 28 recommendations in the letter's order", () => {
    expect(all).toHaveLength(28);
    expect(all.map((r) => `${r.sourcePdu.name} ${r.number}`).slice(0, 10)).toEqual([
      ...[1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => `Manchester North ${n}`),
      'Tameside 1',
    ]);
  });

  it('filters by owner level: exactly the four HMPPS recommendations', async () => {
    const page = await list('ownerLevel=hmpps');
    expect(page.items.map((r) => `${r.sourcePdu.name} ${r.number}`)).toEqual([
      'Tameside 9',
      'Tameside 10',
      'Wigan 8',
      'Wigan 9',
    ]);
    expect(page.items.every((r) => r.owningUnit.name === 'HM Prison and Probation Service')).toBe(
      true,
    );
    expect((await list('ownerLevel=pdu')).items).toHaveLength(14);
    expect((await list('ownerLevel=region')).items).toHaveLength(10);
  });

  it('filters by source PDU, owning unit, inspection, theme and status', async () => {
    const wigan = await list(`sourcePduId=${unitId('Wigan')}`);
    expect(wigan.items).toHaveLength(9);
    expect(wigan.items.every((r) => r.sourcePdu.name === 'Wigan')).toBe(true);

    const ownedByRegion = await list(`owningUnitId=${unitId('Greater Manchester')}`);
    expect(ownedByRegion.items).toHaveLength(10);
    expect(ownedByRegion.items.every((r) => r.ownerLevel === 'region')).toBe(true);

    const ownedByTameside = await list(`owningUnitId=${unitId('Tameside')}`);
    expect(ownedByTameside.items.map((r) => r.number)).toEqual([1, 2, 3, 4, 5]);

    expect((await list(`inspectionId=${all[0]!.inspectionId}`)).items).toHaveLength(28);
    expect((await list('inspectionId=00000000-0000-4000-8000-000000000000')).items).toHaveLength(0);

    const victims = await list('theme=victims');
    const expectedVictims = all.filter((r) => r.themes.includes('victims'));
    expect(expectedVictims.length).toBeGreaterThan(0);
    expect(victims.items.map((r) => r.id)).toEqual(expectedVictims.map((r) => r.id));

    expect((await list('status=open')).items).toHaveLength(28);
    expect((await list('status=closed')).items).toHaveLength(0);
  });

  it('combines filters', async () => {
    const page = await list(`ownerLevel=region&sourcePduId=${unitId('Manchester North')}`);
    expect(page.items.map((r) => r.number)).toEqual([6, 7, 8, 9]);
  });

  it('pages with an opaque cursor, without gaps or repeats, in both directions', async () => {
    for (const sort of ['letter', '-letter', 'updatedAt', '-updatedAt']) {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: RecommendationPage = await list(
          `limit=5&sort=${sort}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        );
        expect(page.items.length).toBeLessThanOrEqual(5);
        seen.push(...page.items.map((r) => r.id));
        cursor = page.nextCursor;
        pages += 1;
      } while (cursor && pages < 20);
      expect(pages, sort).toBe(6);
      expect(new Set(seen).size, sort).toBe(28);
      if (sort === '-letter') expect(seen).toEqual(all.map((r) => r.id).reverse());
      if (sort === 'letter') expect(seen).toEqual(all.map((r) => r.id));
    }
  });

  it('gives a null nextCursor on the last page', async () => {
    expect((await list('limit=28')).nextCursor).toBeNull();
    expect((await list('limit=27')).nextCursor).not.toBeNull();
  });

  it.each([
    ['ownerLevel=nobody', 'ownerLevel'],
    ['theme=cats', 'theme'],
    ['status=done', 'status'],
    ['sourcePduId=not-a-uuid', 'sourcePduId'],
    ['owningUnitId=1', 'owningUnitId'],
    ['inspectionId=x', 'inspectionId'],
    ['limit=201', 'limit'],
    ['limit=0', 'limit'],
    ['limit=ten', 'limit'],
    ['sort=sideways', 'sort'],
  ])('refuses %s with a 400 problem naming %s', async (query, field) => {
    const response = await world.as.rpd.get(`/api/v1/recommendations?${query}`).expect(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({
      type: expect.any(String),
      title: 'Invalid request',
      status: 400,
    });
    expect(response.body.detail).toContain(field);
    expect(response.body.errors).toEqual([{ path: field, message: expect.any(String) }]);
  });

  it('refuses a forged cursor or one from another sort with a 400 naming cursor', async () => {
    const first = await list('limit=5&sort=letter');
    const forged = Buffer.from(
      JSON.stringify({ o: 'letter', k: ["'; drop table x; --", 1, 'x'] }),
    ).toString('base64url');
    for (const query of [
      'cursor=not-base64-json',
      `cursor=${forged}`,
      `sort=updatedAt&cursor=${first.nextCursor}`,
    ]) {
      const response = await world.as.rpd.get(`/api/v1/recommendations?${query}`).expect(400);
      expect(response.body.errors).toEqual([{ path: 'cursor', message: expect.any(String) }]);
    }
  });
});

describe('GET /api/v1/recommendations/{id}', () => {
  it('returns one recommendation with its source, owner and verbatim text', async () => {
    const target = all.find((r) => r.sourcePdu.name === 'Tameside' && r.number === 1)!;
    const response = await world.as.rpd.get(`/api/v1/recommendations/${target.id}`).expect(200);
    expect(response.body).toEqual(target);
    expect(response.body.text).toBe(
      'ensure interventions and services available locally are utilised to deliver appropriate services to support desistence and risk of harm',
    );
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('answers an unknown id with a 404 problem and a malformed one with a 400', async () => {
    const missing = await world.as.rpd
      .get('/api/v1/recommendations/00000000-0000-4000-8000-000000000000')
      .expect(404);
    expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(missing.body).toMatchObject({ status: 404, title: 'Not found' });

    const malformed = await world.as.rpd.get('/api/v1/recommendations/42').expect(400);
    expect(malformed.body.errors).toEqual([{ path: 'id', message: expect.any(String) }]);
  });
});
