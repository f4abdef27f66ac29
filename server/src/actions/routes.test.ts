import type { Action } from '@tracker/shared';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';

import { auditEvents } from '../db/schema/audit';
import { evidence } from '../db/schema/evidence';
import { TestClock, demo, signedInClient } from '../testing/app';
import { routeTests } from '../testing/route-test';

const rec = (pdu: string, number: number) =>
  world.recommendations.find((r) => r.sourcePdu.name === pdu && r.number === number)!;

const world = routeTests(['rpd', 'hooWigan', 'hooTameside'], {
  clock: new TestClock(new Date('2026-02-01T12:00:00Z')),
});

async function addWiganAction(overrides: object = {}): Promise<{ action: Action; etag: string }> {
  const wigan1 = rec('Wigan', 1);
  const response = await world.as.hooWigan
    .post(`/api/v1/recommendations/${wigan1.id}/actions`)
    .send({
      title: 'Audit management oversight in 20 cases a month',
      owningUnitId: wigan1.owningUnit.id,
      ownerId: world.ids[demo.hooWigan],
      startDate: '2026-01-05',
      dueDate: '2026-03-31',
      successMeasure: 'Oversight judged sufficient in 80% of audited cases',
      ...overrides,
    })
    .expect(201);
  return { action: response.body, etag: String(response.headers.etag) };
}

describe('adding actions', () => {
  it("a head of operations adds an action to their PDU's recommendation; it moves the recommendation on", async () => {
    const { action, etag } = await addWiganAction();
    expect(etag).toBe('"1"');
    expect(action).toMatchObject({
      owningUnit: { name: 'Wigan' },
      owner: { id: world.ids[demo.hooWigan], disabled: false },
      dueDate: '2026-03-31',
      originalDueDate: '2026-03-31',
      status: 'not_started',
      rag: 'green',
      waiting: false,
      evidenceCount: 0,
    });
    const recommendation = await world.as.rpd
      .get(`/api/v1/recommendations/${action.recommendationId}`)
      .expect(200);
    expect(recommendation.body.status).toBe('in_progress');
    const [audit] = await world.testApp.database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.subjectId, action.id));
    expect(audit).toMatchObject({
      action: 'action.created',
      actorUserId: world.ids[demo.hooWigan],
    });
  });

  it("refuses a head of operations on another PDU's recommendation (403), and a unit the recommendation may not use (400)", async () => {
    const tameside1 = rec('Tameside', 1);
    await world.as.hooWigan
      .post(`/api/v1/recommendations/${tameside1.id}/actions`)
      .send({ title: 'Not mine', owningUnitId: tameside1.owningUnit.id })
      .expect(403);
    const wrongUnit = await world.as.rpd
      .post(`/api/v1/recommendations/${tameside1.id}/actions`)
      .send({ title: 'Wrong unit', owningUnitId: rec('Wigan', 1).owningUnit.id })
      .expect(400);
    expect(wrongUnit.body.errors[0].path).toBe('owningUnitId');
  });

  it('refuses unknown fields and bad dates, naming them', async () => {
    const response = await world.as.rpd
      .post(`/api/v1/recommendations/${rec('Wigan', 2).id}/actions`)
      .send({
        title: '',
        owningUnitId: rec('Wigan', 2).owningUnit.id,
        dueDate: '31/03/2026',
        status: 'complete',
      })
      .expect(400);
    expect((response.body.errors as { path: string }[]).map((e) => e.path).sort()).toEqual([
      'dueDate',
      'status',
      'title',
    ]);
  });
});

describe('text fields', () => {
  it('refuse line breaks and control characters on one line, naming each field; descriptions keep their lines', async () => {
    const wigan1 = rec('Wigan', 1);
    const refused = await world.as.rpd
      .post(`/api/v1/recommendations/${wigan1.id}/actions`)
      .send({
        title: 'Audit oversight\r\nSign in again here: https://evil.example/sign-in',
        ownerRole: 'Senior \u202eofficer',
        description: 'Ring the bell \u0007',
        owningUnitId: wigan1.owningUnit.id,
      })
      .expect(400);
    expect((refused.body.errors as { path: string }[]).map((e) => e.path).sort()).toEqual([
      'description',
      'ownerRole',
      'title',
    ]);
    const { action } = await addWiganAction({ description: 'First line\r\n\tSecond line' });
    expect(action.description).toBe('First line\r\n\tSecond line');
    const renamed = await world.as.rpd
      .patch(`/api/v1/actions/${action.id}`)
      .set('if-match', '"1"')
      .send({ title: 'Two\u2028lines' })
      .expect(400);
    expect(renamed.body.errors).toEqual([
      { path: 'title', message: 'must be one line, without control characters' },
    ]);
  });
});

describe('changing actions', () => {
  it('needs If-Match (428); a stale one is refused (412) and changes nothing', async () => {
    const { action } = await addWiganAction();
    await world.as.hooWigan
      .patch(`/api/v1/actions/${action.id}`)
      .send({ percentComplete: 10 })
      .expect(428);
    const first = await world.as.hooWigan
      .patch(`/api/v1/actions/${action.id}`)
      .set('if-match', '"1"')
      .send({ percentComplete: 10 })
      .expect(200);
    expect(first.headers.etag).toBe('"2"');
    const second = await world.as.rpd
      .patch(`/api/v1/actions/${action.id}`)
      .set('if-match', '"1"')
      .send({ percentComplete: 90 })
      .expect(412);
    expect(second.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(
      (await world.as.rpd.get(`/api/v1/actions/${action.id}`).expect(200)).body.percentComplete,
    ).toBe(10);
  });

  it('of two PATCHes with the same ETag at once, exactly one wins and nothing is lost', async () => {
    const { action } = await addWiganAction();
    const results = await Promise.all(
      [20, 30].map((percent) =>
        world.as.hooWigan
          .patch(`/api/v1/actions/${action.id}`)
          .set('if-match', '"1"')
          .send({ percentComplete: percent }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 412]);
    const winner = results.find((r) => r.status === 200)!.body as Action;
    expect(
      (await world.as.rpd.get(`/api/v1/actions/${action.id}`).expect(200)).body.percentComplete,
    ).toBe(winner.percentComplete);
  });

  it('lets a Wigan head of operations read a Tameside action (200) but not change it (403)', async () => {
    const tameside2 = rec('Tameside', 2);
    const created = await world.as.hooTameside
      .post(`/api/v1/recommendations/${tameside2.id}/actions`)
      .send({ title: 'Tameside contingency plans', owningUnitId: tameside2.owningUnit.id })
      .expect(201);
    await world.as.hooWigan.get(`/api/v1/actions/${created.body.id}`).expect(200);
    await world.as.hooWigan
      .patch(`/api/v1/actions/${created.body.id}`)
      .set('if-match', '"1"')
      .send({ title: 'Mine now' })
      .expect(403);
    await world.as.hooWigan
      .delete(`/api/v1/actions/${created.body.id}`)
      .set('if-match', '"1"')
      .expect(403);
  });

  it('keeps the first agreed due date; a later change needs a reason and goes into the history', async () => {
    const { action } = await addWiganAction();
    const noReason = await world.as.hooWigan
      .patch(`/api/v1/actions/${action.id}`)
      .set('if-match', '"1"')
      .send({ dueDate: '2026-04-30' })
      .expect(400);
    expect(noReason.body.errors).toEqual([
      { path: 'dueDateChangeReason', message: expect.any(String) },
    ]);
    const moved = await world.as.hooWigan
      .patch(`/api/v1/actions/${action.id}`)
      .set('if-match', '"1"')
      .send({ dueDate: '2026-04-30', dueDateChangeReason: 'Waiting for the new audit tool' })
      .expect(200);
    expect(moved.body).toMatchObject({
      dueDate: '2026-04-30',
      originalDueDate: '2026-03-31',
      dueDateHistory: [
        {
          fromDate: '2026-03-31',
          toDate: '2026-04-30',
          reason: 'Waiting for the new audit tool',
          changedBy: { id: world.ids[demo.hooWigan] },
        },
      ],
    });
  });

  it('will not complete without evidence; only the lead verifies and closes; cancelling and reopening need reasons', async () => {
    const { action } = await addWiganAction();
    const noEvidence = await world.as.hooWigan
      .patch(`/api/v1/actions/${action.id}`)
      .set('if-match', '"1"')
      .send({ status: 'complete' })
      .expect(409);
    expect(noEvidence.body.errors[0].path).toBe('status');

    await world.testApp.database.db.insert(evidence).values({
      actionId: action.id,
      kind: 'note',
      title: 'Audit results',
      note: '18 of 20 sufficient',
    });
    const complete = await world.as.hooWigan
      .patch(`/api/v1/actions/${action.id}`)
      .set('if-match', '"1"')
      .send({ status: 'complete' })
      .expect(200);
    expect(complete.body).toMatchObject({
      status: 'complete',
      percentComplete: 100,
      rag: null,
      evidenceCount: 1,
    });

    await world.as.hooWigan
      .patch(`/api/v1/actions/${action.id}`)
      .set('if-match', '"2"')
      .send({ status: 'verified_closed' })
      .expect(403);
    await world.as.rpd
      .patch(`/api/v1/actions/${action.id}`)
      .set('if-match', '"2"')
      .send({ status: 'verified_closed' })
      .expect(200);

    const reopenWithoutReason = await world.as.rpd
      .patch(`/api/v1/actions/${action.id}`)
      .set('if-match', '"3"')
      .send({ status: 'in_progress' })
      .expect(400);
    expect(reopenWithoutReason.body.errors[0].path).toBe('statusReason');
    await world.as.rpd
      .patch(`/api/v1/actions/${action.id}`)
      .set('if-match', '"3"')
      .send({ status: 'in_progress', statusReason: 'Re-audit found gaps' })
      .expect(200);
    const cancelWithoutReason = await world.as.rpd
      .patch(`/api/v1/actions/${action.id}`)
      .set('if-match', '"4"')
      .send({ status: 'cancelled' })
      .expect(400);
    expect(cancelWithoutReason.body.errors[0].path).toBe('statusReason');
  });

  it('derives RAG on the server and lets only the lead override it, with a reason', async () => {
    const { action } = await addWiganAction({ dueDate: '2026-02-10', startDate: '2026-01-01' });
    expect(action.rag).toBe('amber');
    const override = await world.as.hooWigan
      .patch(`/api/v1/actions/${action.id}`)
      .set('if-match', '"1"')
      .send({ ragOverride: { rating: 'green', reason: 'On track' } })
      .expect(403);
    expect(override.headers['content-type']).toMatch(/^application\/problem\+json/);
    const led = await world.as.rpd
      .patch(`/api/v1/actions/${action.id}`)
      .set('if-match', '"1"')
      .send({ ragOverride: { rating: 'green', reason: 'Team reallocated; will land on time' } })
      .expect(200);
    expect(led.body).toMatchObject({
      rag: 'green',
      ragOverride: { rating: 'green', reason: 'Team reallocated; will land on time' },
    });
    await world.as.hooWigan
      .patch(`/api/v1/actions/${action.id}`)
      .set('if-match', '"2"')
      .send({ ragOverride: null })
      .expect(403);
    expect((await world.as.rpd.get(`/api/v1/actions/${action.id}`).expect(200)).body.revision).toBe(
      2,
    );
  });

  it('refuses a head of operations moving their action to another unit (403), even a unit it may not go to', async () => {
    const tameside2 = rec('Tameside', 2);
    const created = await world.as.hooTameside
      .post(`/api/v1/recommendations/${tameside2.id}/actions`)
      .send({ title: 'Tameside rota review', owningUnitId: tameside2.owningUnit.id })
      .expect(201);
    const manchesterNorth = rec('Manchester North', 1).owningUnit.id;
    const region = world.recommendations.find((r) => r.ownerLevel === 'region')!.owningUnit.id;
    for (const owningUnitId of [manchesterNorth, region]) {
      const moved = await world.as.hooTameside
        .patch(`/api/v1/actions/${created.body.id}`)
        .set('if-match', '"1"')
        .send({ owningUnitId })
        .expect(403);
      expect(moved.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    const after = (await world.as.rpd.get(`/api/v1/actions/${created.body.id}`).expect(200)).body;
    expect(after).toMatchObject({ owningUnit: { name: 'Tameside' }, revision: 1 });
  });

  it('refuses a due date before the start date, on adding and on moving either date (400)', async () => {
    const wigan1 = rec('Wigan', 1);
    const backwards = await world.as.hooWigan
      .post(`/api/v1/recommendations/${wigan1.id}/actions`)
      .send({
        title: 'Backwards',
        owningUnitId: wigan1.owningUnit.id,
        startDate: '2026-03-01',
        dueDate: '2026-02-01',
      })
      .expect(400);
    expect(backwards.body.errors).toEqual([
      { path: 'dueDate', message: expect.stringContaining('2026-03-01') },
    ]);
    const { action } = await addWiganAction({ startDate: '2026-01-05', dueDate: '2026-03-31' });
    const earlyDue = await world.as.hooWigan
      .patch(`/api/v1/actions/${action.id}`)
      .set('if-match', '"1"')
      .send({ dueDate: '2026-01-04', dueDateChangeReason: 'Sooner' })
      .expect(400);
    expect(earlyDue.body.errors[0].path).toBe('dueDate');
    const lateStart = await world.as.hooWigan
      .patch(`/api/v1/actions/${action.id}`)
      .set('if-match', '"1"')
      .send({ startDate: '2026-04-01' })
      .expect(400);
    expect(lateStart.body.errors[0].path).toBe('startDate');
    const both = await world.as.hooWigan
      .patch(`/api/v1/actions/${action.id}`)
      .set('if-match', '"1"')
      .send({ startDate: '2026-04-01', dueDate: '2026-04-30', dueDateChangeReason: 'Later' })
      .expect(200);
    expect(both.body).toMatchObject({ startDate: '2026-04-01', dueDate: '2026-04-30' });
    // The same day is fine: a one-day action.
    await addWiganAction({ startDate: '2026-02-02', dueDate: '2026-02-02' });
  });

  it('refuses dependency loops, and waits while a dependency is unfinished', async () => {
    const first = (await addWiganAction({ title: 'First' })).action;
    const second = (await addWiganAction({ title: 'Second', dependsOn: [first.id] })).action;
    expect(second).toMatchObject({ waiting: true, dependsOn: [first.id] });
    const loop = await world.as.hooWigan
      .patch(`/api/v1/actions/${first.id}`)
      .set('if-match', '"1"')
      .send({ dependsOn: [second.id] })
      .expect(400);
    expect(loop.body.errors[0].path).toBe('dependsOn');
    const self = await world.as.hooWigan
      .patch(`/api/v1/actions/${first.id}`)
      .set('if-match', '"1"')
      .send({ dependsOn: [first.id] })
      .expect(400);
    expect(self.body.errors[0].path).toBe('dependsOn');
    await world.as.rpd
      .patch(`/api/v1/actions/${first.id}`)
      .set('if-match', '"1"')
      .send({ status: 'cancelled', statusReason: 'Superseded' })
      .expect(200);
    expect((await world.as.rpd.get(`/api/v1/actions/${second.id}`).expect(200)).body.waiting).toBe(
      false,
    );
  });

  it('deletes a draft action (If-Match), and hides actions from inspectors and other regions', async () => {
    const { action } = await addWiganAction();
    const inspector = signedInClient(world.testApp.app, await world.testApp.signIn(demo.inspector));
    await inspector.get(`/api/v1/actions/${action.id}`).expect(404);
    expect((await inspector.get('/api/v1/actions').expect(200)).body.items).toEqual([]);
    await world.as.hooWigan.delete(`/api/v1/actions/${action.id}`).expect(428);
    await world.as.hooWigan
      .delete(`/api/v1/actions/${action.id}`)
      .set('if-match', '"1"')
      .expect(204);
    await world.as.rpd.get(`/api/v1/actions/${action.id}`).expect(404);
  });

  it('lists with filters, soonest due first, across pages', async () => {
    const wiganId = rec('Wigan', 1).owningUnit.id;
    const all = (
      await world.as.rpd.get(`/api/v1/actions?owningUnitId=${wiganId}&limit=200`).expect(200)
    ).body.items as Action[];
    expect(all.length).toBeGreaterThan(3);
    const dates = all.map((a) => a.dueDate ?? '9999-12-31');
    expect(dates).toEqual([...dates].sort());
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: Action[]; nextCursor: string | null } } = await world.as.rpd
        .get(`/api/v1/actions?owningUnitId=${wiganId}&limit=2${cursor ? `&cursor=${cursor}` : ''}`)
        .expect(200);
      paged.push(...page.body.items.map((a) => a.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(paged).toEqual(all.map((a) => a.id));
    const mine = (
      await world.as.rpd
        .get(`/api/v1/actions?ownerId=${world.ids[demo.hooWigan]}&status=not_started`)
        .expect(200)
    ).body.items as Action[];
    expect(
      mine.every((a) => a.owner?.id === world.ids[demo.hooWigan] && a.status === 'not_started'),
    ).toBe(true);
  });
});
