import type { OutcomeMeasure, OutcomeMeasurePage, Recommendation } from '@tracker/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { routeTests } from '../testing/route-test';
let measures: OutcomeMeasure[];
let recommendations: Recommendation[];

const world = routeTests(['rpd']);
beforeAll(async () => {
  measures = (await world.as.rpd.get('/api/v1/outcome-measures?limit=200').expect(200)).body.items;
  recommendations = (await world.as.rpd.get('/api/v1/recommendations?limit=200').expect(200)).body
    .items;
});

describe('GET /api/v1/outcome-measures', () => {
  it('holds at least eight baselines from the letter, each quoting its source', () => {
    expect(measures.length).toBeGreaterThanOrEqual(8);
    for (const measure of measures) {
      expect(measure.baseline.source.length).toBeGreaterThan(20);
      expect(measure.baseline.period.length).toBeGreaterThan(0);
      expect(measure.target).toBeNull();
      expect(measure.readings).toEqual([]);
    }
  });

  it('includes the regional probation officer vacancy rate of 24 per cent in January 2023', () => {
    const vacancy = measures.find((m) => m.baseline.value === 24 && /vacancy/i.test(m.name));
    expect(vacancy).toBeDefined();
    expect(vacancy!.baseline).toMatchObject({
      date: '2023-01-01',
      period: expect.stringContaining('January 2023'),
    });
    expect(vacancy!.baseline.source).toContain('24 per cent');
    expect(vacancy!.direction).toBe('lower_is_better');
  });

  it('includes enforcement not undertaken in 27 out of 70 cases', () => {
    const enforcement = measures.find((m) => m.baseline.source.includes('27 out of 70 cases'));
    expect(enforcement?.baseline.value).toBe(27);
  });

  it('filters by recommendation and by inspection', async () => {
    const recommendationId = measures[0]!.recommendationId;
    const byRecommendation = await world.as.rpd
      .get(`/api/v1/outcome-measures?recommendationId=${recommendationId}`)
      .expect(200);
    expect(byRecommendation.body.items.length).toBeGreaterThan(0);
    expect(
      byRecommendation.body.items.every(
        (m: OutcomeMeasure) => m.recommendationId === recommendationId,
      ),
    ).toBe(true);

    const inspectionId = recommendations[0]!.inspectionId;
    const byInspection = await world.as.rpd
      .get(`/api/v1/outcome-measures?inspectionId=${inspectionId}&limit=200`)
      .expect(200);
    expect(byInspection.body.items).toHaveLength(measures.length);
  });

  it("pages without gaps and follows the letter's order of recommendations", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const response: { body: OutcomeMeasurePage } = await world.as.rpd
        .get(`/api/v1/outcome-measures?limit=3${cursor ? `&cursor=${cursor}` : ''}`)
        .expect(200);
      seen.push(...response.body.items.map((m: OutcomeMeasure) => m.id));
      cursor = response.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(measures.map((m) => m.id));
    const position = (id: string) => recommendations.findIndex((r) => r.id === id);
    const positions = measures.map((m) => position(m.recommendationId));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it('gives one measure by id, 404 for an unknown one, 400 for a bad filter', async () => {
    const one = await world.as.rpd.get(`/api/v1/outcome-measures/${measures[0]!.id}`).expect(200);
    expect(one.body).toEqual(measures[0]);
    await world.as.rpd
      .get('/api/v1/outcome-measures/00000000-0000-4000-8000-000000000000')
      .expect(404);
    const bad = await world.as.rpd.get('/api/v1/outcome-measures?recommendationId=7').expect(400);
    expect(bad.body.errors[0].path).toBe('recommendationId');
  });
});
