import { describe, expect, it } from 'vitest';
import { routeTests } from '../testing/route-test';

const world = routeTests(['rpd']);

describe('GET /api/v1/action-plans', () => {
  it('holds one empty draft plan for the Greater Manchester inspection', async () => {
    const inspections = await world.as.rpd.get('/api/v1/inspections').expect(200);
    const inspectionId = inspections.body.items[0].id;
    const plans = await world.as.rpd
      .get(`/api/v1/action-plans?inspectionId=${inspectionId}`)
      .expect(200);
    expect(plans.body.items).toHaveLength(1);
    expect(plans.body.items[0]).toMatchObject({
      inspectionId,
      status: 'draft',
      region: { name: 'Greater Manchester' },
    });

    const one = await world.as.rpd
      .get(`/api/v1/action-plans/${plans.body.items[0].id}`)
      .expect(200);
    expect(one.body).toEqual(plans.body.items[0]);
  });

  it('filters by status', async () => {
    expect(
      (await world.as.rpd.get('/api/v1/action-plans?status=draft').expect(200)).body.items,
    ).toHaveLength(1);
    expect(
      (await world.as.rpd.get('/api/v1/action-plans?status=submitted').expect(200)).body.items,
    ).toHaveLength(0);
    const bad = await world.as.rpd.get('/api/v1/action-plans?status=sent').expect(400);
    expect(bad.body.errors[0].path).toBe('status');
  });

  it('answers an unknown plan with 404 problem+json', async () => {
    const response = await world.as.rpd
      .get('/api/v1/action-plans/00000000-0000-4000-8000-000000000000')
      .expect(404);
    expect(response.body).toMatchObject({ status: 404, title: 'Not found' });
  });
});
