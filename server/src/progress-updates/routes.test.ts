import type { Action, ProgressUpdate, Recommendation } from '@tracker/shared';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';

import { progressUpdates } from '../db/schema/actions';
import { evidence } from '../db/schema/evidence';
import { TestClock, demo, signedInClient } from '../testing/app';
import { routeTests } from '../testing/route-test';
const clock = new TestClock(new Date('2026-02-01T09:00:00Z'));
let action: Action;

const world = routeTests(['rpd', 'hooWigan'], { clock });
beforeAll(async () => {
  const recommendations = (await world.as.rpd.get('/api/v1/recommendations?limit=200').expect(200))
    .body.items as Recommendation[];
  const wigan2 = recommendations.find((r) => r.sourcePdu.name === 'Wigan' && r.number === 2)!;
  action = (
    await world.as.hooWigan
      .post(`/api/v1/recommendations/${wigan2.id}/actions`)
      .send({
        title: 'Staff development plan',
        owningUnitId: wigan2.owningUnit.id,
        dueDate: '2026-06-30',
      })
      .expect(201)
  ).body;
});

describe('progress updates', () => {
  it("append to the action's history and move its percentage and status in the same change", async () => {
    const posted = await world.as.hooWigan
      .post(`/api/v1/actions/${action.id}/updates`)
      .send({ narrative: 'Plan drafted with the team', percentComplete: 25, status: 'in_progress' })
      .expect(201);
    expect(posted.body).toMatchObject({
      narrative: 'Plan drafted with the team',
      percentComplete: 25,
      statusChange: 'in_progress',
    });
    const after = await world.as.rpd.get(`/api/v1/actions/${action.id}`).expect(200);
    expect(after.body).toMatchObject({ percentComplete: 25, status: 'in_progress', revision: 2 });
    expect(after.headers.etag).toBe('"2"');
  });

  it('list newest first, with author and time', async () => {
    clock.advanceMinutes(1);
    await world.as.hooWigan
      .post(`/api/v1/actions/${action.id}/updates`)
      .send({ narrative: 'Half the team trained', percentComplete: 50 })
      .expect(201);
    const list = await world.as.rpd.get(`/api/v1/actions/${action.id}/updates`).expect(200);
    const narratives = (list.body.items as ProgressUpdate[]).map((u) => u.narrative);
    expect(narratives).toEqual(['Half the team trained', 'Plan drafted with the team']);
    expect(list.body.items[0]).toMatchObject({
      author: { name: 'Demo Head of Operations, Wigan' },
      statusChange: null,
    });
  });

  it('keep every update when several are posted at once', async () => {
    const before = await world.testApp.database.db.$count(
      progressUpdates,
      eq(progressUpdates.actionId, action.id),
    );
    const results = await Promise.all(
      [1, 2, 3, 4, 5].map((n) =>
        world.as.hooWigan
          .post(`/api/v1/actions/${action.id}/updates`)
          .send({ narrative: `Parallel ${n}` }),
      ),
    );
    expect(results.every((r) => r.status === 201)).toBe(true);
    expect(
      await world.testApp.database.db.$count(
        progressUpdates,
        eq(progressUpdates.actionId, action.id),
      ),
    ).toBe(before + 5);
    const current = (await world.as.rpd.get(`/api/v1/actions/${action.id}`).expect(200))
      .body as Action;
    expect(current.revision).toBe(3 + 5);
  });

  it('apply the status rules: no completion without evidence, and nothing is appended when refused', async () => {
    const before = await world.testApp.database.db.$count(progressUpdates);
    const refused = await world.as.hooWigan
      .post(`/api/v1/actions/${action.id}/updates`)
      .send({ narrative: 'All done', status: 'complete' })
      .expect(409);
    expect(refused.body.errors[0].path).toBe('status');
    expect(await world.testApp.database.db.$count(progressUpdates)).toBe(before);

    await world.testApp.database.db.insert(evidence).values({
      actionId: action.id,
      kind: 'link',
      title: 'Training log',
      url: 'https://example.org/log',
    });
    await world.as.hooWigan
      .post(`/api/v1/actions/${action.id}/updates`)
      .send({ narrative: 'All done', status: 'complete' })
      .expect(201);
    expect((await world.as.rpd.get(`/api/v1/actions/${action.id}`).expect(200)).body).toMatchObject(
      {
        status: 'complete',
        percentComplete: 100,
      },
    );
  });

  it('are refused for people who may not change the action, and cannot be edited or deleted', async () => {
    const hooTameside = signedInClient(
      world.testApp.app,
      await world.testApp.signIn(demo.hooTameside),
    );
    await hooTameside
      .post(`/api/v1/actions/${action.id}/updates`)
      .send({ narrative: 'Not mine' })
      .expect(403);
    const inspector = signedInClient(world.testApp.app, await world.testApp.signIn(demo.inspector));
    await inspector.get(`/api/v1/actions/${action.id}/updates`).expect(404);
    const [first] = (await world.as.rpd.get(`/api/v1/actions/${action.id}/updates`).expect(200))
      .body.items as ProgressUpdate[];
    await world.as.rpd
      .patch(`/api/v1/actions/${action.id}/updates/${first!.id}`)
      .send({ narrative: 'x' })
      .expect(404);
    await world.as.rpd.delete(`/api/v1/actions/${action.id}/updates/${first!.id}`).expect(404);
    const bad = await world.as.hooWigan
      .post(`/api/v1/actions/${action.id}/updates`)
      .send({ narrative: '', percentComplete: 150 })
      .expect(400);
    expect((bad.body.errors as { path: string }[]).map((e) => e.path).sort()).toEqual([
      'narrative',
      'percentComplete',
    ]);
  });
});
