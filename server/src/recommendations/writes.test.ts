import type { Recommendation } from '@tracker/shared';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';

import { auditEvents } from '../db/schema/audit';
import { evidence } from '../db/schema/evidence';
import { demo, signedInClient } from '../testing/app';
import { routeTests } from '../testing/route-test';

const rec = (pdu: string, number: number) =>
  world.recommendations.find((r) => r.sourcePdu.name === pdu && r.number === number)!;

const world = routeTests(['rpd', 'nationalLead', 'hooWigan']);

describe('responding to a recommendation', () => {
  it('the region lead agrees a PDU recommendation; it is audited', async () => {
    const response = await world.as.rpd
      .put(`/api/v1/recommendations/${rec('Wigan', 1).id}/response`)
      .send({ decision: 'agreed' })
      .expect(200);
    expect(response.body.response).toMatchObject({
      decision: 'agreed',
      rationale: null,
      acceptedPart: null,
    });
    const [event] = await world.testApp.database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'recommendation.responded'));
    expect(event).toMatchObject({ subjectId: rec('Wigan', 1).id, after: { decision: 'agreed' } });
  });

  it('needs a rationale unless agreed, and the accepted part when partly agreed', async () => {
    const url = `/api/v1/recommendations/${rec('Tameside', 3).id}/response`;
    const partly = await world.as.rpd.put(url).send({ decision: 'partly_agreed' }).expect(400);
    expect((partly.body.errors as { path: string }[]).map((e) => e.path).sort()).toEqual([
      'acceptedPart',
      'rationale',
    ]);
    const not = await world.as.rpd.put(url).send({ decision: 'not_agreed' }).expect(400);
    expect(not.body.errors).toEqual([{ path: 'rationale', message: expect.any(String) }]);
    const ok = await world.as.rpd
      .put(url)
      .send({
        decision: 'partly_agreed',
        rationale: 'Funding covers one SPO post',
        acceptedPart: 'Recruit one additional SPO',
      })
      .expect(200);
    expect(ok.body.response).toMatchObject({
      decision: 'partly_agreed',
      acceptedPart: 'Recruit one additional SPO',
    });
  });

  it('is for the national lead on HMPPS recommendations, and not for a head of operations', async () => {
    const hmpps = rec('Tameside', 9);
    await world.as.rpd
      .put(`/api/v1/recommendations/${hmpps.id}/response`)
      .send({ decision: 'agreed' })
      .expect(403);
    await world.as.nationalLead
      .put(`/api/v1/recommendations/${hmpps.id}/response`)
      .send({ decision: 'agreed' })
      .expect(200);
    await world.as.hooWigan
      .put(`/api/v1/recommendations/${rec('Wigan', 2).id}/response`)
      .send({ decision: 'agreed' })
      .expect(403);
    const inspector = signedInClient(world.testApp.app, await world.testApp.signIn(demo.inspector));
    await inspector
      .put(`/api/v1/recommendations/${rec('Wigan', 2).id}/response`)
      .send({ decision: 'agreed' })
      .expect(403);
  });
});

describe('correcting a recommendation', () => {
  it('a lead or an administrator corrects themes and the owning unit, which must fit the owner level', async () => {
    const target = rec('Manchester North', 6);
    const themes = await world.as.rpd
      .patch(`/api/v1/recommendations/${target.id}`)
      .send({ themes: ['management_oversight', 'staffing'] })
      .expect(200);
    expect(themes.body.themes).toEqual(['management_oversight', 'staffing']);
    const misfit = await world.as.rpd
      .patch(`/api/v1/recommendations/${target.id}`)
      .send({ owningUnitId: world.units.wigan!.id })
      .expect(400);
    expect(misfit.body.errors[0].path).toBe('owningUnitId');
    const admin = signedInClient(world.testApp.app, await world.testApp.signIn(demo.admin));
    const pdu = rec('Wigan', 3);
    await admin
      .patch(`/api/v1/recommendations/${pdu.id}`)
      .send({ owningUnitId: world.units.tameside!.id })
      .expect(200);
    await admin
      .patch(`/api/v1/recommendations/${pdu.id}`)
      .send({ owningUnitId: world.units.wigan!.id })
      .expect(200);
    await world.as.hooWigan
      .patch(`/api/v1/recommendations/${pdu.id}`)
      .send({ themes: ['training'] })
      .expect(403);
    const unknown = await world.as.rpd
      .patch(`/api/v1/recommendations/${pdu.id}`)
      .send({ text: 'rewritten' })
      .expect(400);
    expect(unknown.body.errors[0].path).toBe('text');
  });
});

describe('closing and reopening', () => {
  it('closes only when every action is verified closed or cancelled, with a note; reopening needs a reason', async () => {
    const target = rec('Wigan', 4);
    await world.as.rpd
      .put(`/api/v1/recommendations/${target.id}/response`)
      .send({ decision: 'agreed' })
      .expect(200);
    await world.as.rpd
      .post(`/api/v1/recommendations/${target.id}/close`)
      .send({ closingNote: 'Done' })
      .expect(409);
    const action = (
      await world.as.hooWigan
        .post(`/api/v1/recommendations/${target.id}/actions`)
        .send({
          title: 'Complaints leaflet in every interview room',
          owningUnitId: target.owningUnit.id,
        })
        .expect(201)
    ).body;
    await world.testApp.database.db
      .insert(evidence)
      .values({ actionId: action.id, kind: 'note', title: 'Photos', note: 'All 12 rooms' });
    await world.as.hooWigan
      .patch(`/api/v1/actions/${action.id}`)
      .set('if-match', '"1"')
      .send({ status: 'complete' })
      .expect(200);
    expect(
      (await world.as.rpd.get(`/api/v1/recommendations/${target.id}`).expect(200)).body.status,
    ).toBe('actions_complete');
    await world.as.rpd
      .post(`/api/v1/recommendations/${target.id}/close`)
      .send({ closingNote: 'Done' })
      .expect(409);
    await world.as.rpd
      .patch(`/api/v1/actions/${action.id}`)
      .set('if-match', '"2"')
      .send({ status: 'verified_closed' })
      .expect(200);

    await world.as.hooWigan
      .post(`/api/v1/recommendations/${target.id}/close`)
      .send({ closingNote: 'Done' })
      .expect(403);
    const missingNote = await world.as.rpd
      .post(`/api/v1/recommendations/${target.id}/close`)
      .send({})
      .expect(400);
    expect(missingNote.body.errors[0].path).toBe('closingNote');
    const closed = await world.as.rpd
      .post(`/api/v1/recommendations/${target.id}/close`)
      .send({ closingNote: 'Leaflets in place; complaints up from 2 to 9 a quarter' })
      .expect(200);
    expect(closed.body).toMatchObject({
      status: 'closed',
      closingNote: expect.stringContaining('Leaflets'),
    });
    expect(
      (await world.as.rpd.get(`/api/v1/recommendations?status=closed`).expect(200)).body.items,
    ).toHaveLength(1);

    const noReason = await world.as.rpd
      .post(`/api/v1/recommendations/${target.id}/reopen`)
      .send({})
      .expect(400);
    expect(noReason.body.errors[0].path).toBe('reason');
    const reopened = await world.as.rpd
      .post(`/api/v1/recommendations/${target.id}/reopen`)
      .send({ reason: 'Re-inspection found gaps' })
      .expect(200);
    expect(reopened.body).toMatchObject({ status: 'actions_complete', closedAt: null });
    await world.as.rpd
      .post(`/api/v1/recommendations/${target.id}/reopen`)
      .send({ reason: 'again' })
      .expect(409);
  });

  it('closes a not-agreed recommendation without actions', async () => {
    const target = rec('Manchester North', 8);
    await world.as.rpd
      .put(`/api/v1/recommendations/${target.id}/response`)
      .send({ decision: 'not_agreed', rationale: 'The Redfern Building closes in 2026' })
      .expect(200);
    await world.as.rpd
      .post(`/api/v1/recommendations/${target.id}/close`)
      .send({ closingNote: 'Not agreed: building closing' })
      .expect(200);
  });

  it('needs a reason the reviewer reads to close while an outcome measure is not met', async () => {
    const target = rec('Manchester North', 6);
    await world.as.rpd
      .put(`/api/v1/recommendations/${target.id}/response`)
      .send({ decision: 'not_agreed', rationale: 'Covered by the regional oversight plan' })
      .expect(200);
    const measure = (
      await world.as.rpd
        .post(`/api/v1/recommendations/${target.id}/outcome-measures`)
        .send({
          name: 'Cases with sufficient management oversight',
          unit: 'per cent',
          direction: 'higher_is_better',
          baseline: {
            value: 55,
            date: '2023-03-01',
            period: 'At inspection',
            source: '55 per cent.',
          },
          target: { value: 80, date: '2026-12-31' },
        })
        .expect(201)
    ).body;
    const refused = await world.as.rpd
      .post(`/api/v1/recommendations/${target.id}/close`)
      .send({ closingNote: 'Oversight plan in place' })
      .expect(400);
    expect(refused.body.detail).toContain('Cases with sufficient management oversight');
    expect(refused.body.errors).toEqual([
      { path: 'unmetMeasuresReason', message: 'is required while an outcome measure is not met' },
    ]);
    const still = (await world.as.rpd.get(`/api/v1/recommendations/${target.id}`).expect(200)).body;
    expect(still.status).not.toBe('closed');

    const closed = await world.as.rpd
      .post(`/api/v1/recommendations/${target.id}/close`)
      .send({
        closingNote: 'Oversight plan in place',
        unmetMeasuresReason: 'The next audit is in March; the plan is already in every team.',
      })
      .expect(200);
    expect(closed.body).toMatchObject({
      status: 'closed',
      unmetMeasuresReason: 'The next audit is in March; the plan is already in every team.',
    });
    // Reopened and closed again once the measure is met: no reason asked for, none kept.
    await world.as.rpd
      .post(`/api/v1/recommendations/${target.id}/reopen`)
      .send({ reason: 'Check the measure' })
      .expect(200);
    for (const [value, readingDate] of [
      [82, '2026-01-01'],
      [85, '2026-04-01'],
    ] as const)
      await world.as.rpd
        .post(`/api/v1/outcome-measures/${measure.id}/readings`)
        .send({ value, readingDate })
        .expect(201);
    const again = await world.as.rpd
      .post(`/api/v1/recommendations/${target.id}/close`)
      .send({ closingNote: 'Oversight held for a quarter', unmetMeasuresReason: 'unused' })
      .expect(200);
    expect(again.body.unmetMeasuresReason).toBeNull();
  });

  it("keeps the region's response and closing note from inspectors, who read them in versions", async () => {
    const target = rec('Manchester North', 7);
    await world.as.rpd
      .put(`/api/v1/recommendations/${target.id}/response`)
      .send({ decision: 'not_agreed', rationale: 'Draft thinking, not sent' })
      .expect(200);
    await world.as.rpd
      .post(`/api/v1/recommendations/${target.id}/close`)
      .send({ closingNote: 'Closed in the draft' })
      .expect(200);
    const inspector = signedInClient(world.testApp.app, await world.testApp.signIn(demo.inspector));
    const one = (await inspector.get(`/api/v1/recommendations/${target.id}`).expect(200)).body;
    const listed = (
      await inspector.get(`/api/v1/recommendations?limit=200`).expect(200)
    ).body.items.find((r: Recommendation) => r.id === target.id);
    for (const seen of [one, listed]) {
      expect(seen).toMatchObject({ text: target.text, response: null, closingNote: null });
      expect(seen.closedAt).toBeNull();
    }
    const lead = (await world.as.rpd.get(`/api/v1/recommendations/${target.id}`).expect(200)).body;
    expect(lead).toMatchObject({
      response: { decision: 'not_agreed', rationale: 'Draft thinking, not sent' },
      closingNote: 'Closed in the draft',
    });
  });
});
