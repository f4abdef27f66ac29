import type { OrgUnit, Recommendation } from '@tracker/shared';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { auditEvents } from '../db/schema/audit';
import { evidence } from '../db/schema/evidence';
import { type SignedInClient, type TestApp, demo, signedInClient } from '../testing/app';
import { routeTestWorld } from '../testing/route-test';

let testApp: TestApp;
let rpd: SignedInClient;
let nationalLead: SignedInClient;
let hooWigan: SignedInClient;
let recommendations: Recommendation[];
let units: Record<string, OrgUnit>;

const rec = (pdu: string, number: number) =>
  recommendations.find((r) => r.sourcePdu.name === pdu && r.number === number)!;

beforeAll(async () => {
  ({
    testApp,
    recommendations,
    units,
    as: { rpd, nationalLead, hooWigan },
  } = await routeTestWorld(['rpd', 'nationalLead', 'hooWigan']));
});
afterAll(() => testApp.close());

describe('responding to a recommendation', () => {
  it('the region lead agrees a PDU recommendation; it is audited', async () => {
    const response = await rpd
      .put(`/api/v1/recommendations/${rec('Wigan', 1).id}/response`)
      .send({ decision: 'agreed' })
      .expect(200);
    expect(response.body.response).toMatchObject({
      decision: 'agreed',
      rationale: null,
      acceptedPart: null,
    });
    const [event] = await testApp.database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'recommendation.responded'));
    expect(event).toMatchObject({ subjectId: rec('Wigan', 1).id, after: { decision: 'agreed' } });
  });

  it('needs a rationale unless agreed, and the accepted part when partly agreed', async () => {
    const url = `/api/v1/recommendations/${rec('Tameside', 3).id}/response`;
    const partly = await rpd.put(url).send({ decision: 'partly_agreed' }).expect(400);
    expect((partly.body.errors as { path: string }[]).map((e) => e.path).sort()).toEqual([
      'acceptedPart',
      'rationale',
    ]);
    const not = await rpd.put(url).send({ decision: 'not_agreed' }).expect(400);
    expect(not.body.errors).toEqual([{ path: 'rationale', message: expect.any(String) }]);
    const ok = await rpd
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
    await rpd
      .put(`/api/v1/recommendations/${hmpps.id}/response`)
      .send({ decision: 'agreed' })
      .expect(403);
    await nationalLead
      .put(`/api/v1/recommendations/${hmpps.id}/response`)
      .send({ decision: 'agreed' })
      .expect(200);
    await hooWigan
      .put(`/api/v1/recommendations/${rec('Wigan', 2).id}/response`)
      .send({ decision: 'agreed' })
      .expect(403);
    const inspector = signedInClient(testApp.app, await testApp.signIn(demo.inspector));
    await inspector
      .put(`/api/v1/recommendations/${rec('Wigan', 2).id}/response`)
      .send({ decision: 'agreed' })
      .expect(403);
  });
});

describe('correcting a recommendation', () => {
  it('a lead or an administrator corrects themes and the owning unit, which must fit the owner level', async () => {
    const target = rec('Manchester North', 6);
    const themes = await rpd
      .patch(`/api/v1/recommendations/${target.id}`)
      .send({ themes: ['management_oversight', 'staffing'] })
      .expect(200);
    expect(themes.body.themes).toEqual(['management_oversight', 'staffing']);
    const misfit = await rpd
      .patch(`/api/v1/recommendations/${target.id}`)
      .send({ owningUnitId: units.wigan!.id })
      .expect(400);
    expect(misfit.body.errors[0].path).toBe('owningUnitId');
    const admin = signedInClient(testApp.app, await testApp.signIn(demo.admin));
    const pdu = rec('Wigan', 3);
    await admin
      .patch(`/api/v1/recommendations/${pdu.id}`)
      .send({ owningUnitId: units.tameside!.id })
      .expect(200);
    await admin
      .patch(`/api/v1/recommendations/${pdu.id}`)
      .send({ owningUnitId: units.wigan!.id })
      .expect(200);
    await hooWigan
      .patch(`/api/v1/recommendations/${pdu.id}`)
      .send({ themes: ['training'] })
      .expect(403);
    const unknown = await rpd
      .patch(`/api/v1/recommendations/${pdu.id}`)
      .send({ text: 'rewritten' })
      .expect(400);
    expect(unknown.body.errors[0].path).toBe('text');
  });
});

describe('closing and reopening', () => {
  it('closes only when every action is verified closed or cancelled, with a note; reopening needs a reason', async () => {
    const target = rec('Wigan', 4);
    await rpd
      .put(`/api/v1/recommendations/${target.id}/response`)
      .send({ decision: 'agreed' })
      .expect(200);
    await rpd
      .post(`/api/v1/recommendations/${target.id}/close`)
      .send({ closingNote: 'Done' })
      .expect(409);
    const action = (
      await hooWigan
        .post(`/api/v1/recommendations/${target.id}/actions`)
        .send({
          title: 'Complaints leaflet in every interview room',
          owningUnitId: target.owningUnit.id,
        })
        .expect(201)
    ).body;
    await testApp.database.db
      .insert(evidence)
      .values({ actionId: action.id, kind: 'note', title: 'Photos', note: 'All 12 rooms' });
    await hooWigan
      .patch(`/api/v1/actions/${action.id}`)
      .set('if-match', '"1"')
      .send({ status: 'complete' })
      .expect(200);
    expect((await rpd.get(`/api/v1/recommendations/${target.id}`).expect(200)).body.status).toBe(
      'actions_complete',
    );
    await rpd
      .post(`/api/v1/recommendations/${target.id}/close`)
      .send({ closingNote: 'Done' })
      .expect(409);
    await rpd
      .patch(`/api/v1/actions/${action.id}`)
      .set('if-match', '"2"')
      .send({ status: 'verified_closed' })
      .expect(200);

    await hooWigan
      .post(`/api/v1/recommendations/${target.id}/close`)
      .send({ closingNote: 'Done' })
      .expect(403);
    const missingNote = await rpd
      .post(`/api/v1/recommendations/${target.id}/close`)
      .send({})
      .expect(400);
    expect(missingNote.body.errors[0].path).toBe('closingNote');
    const closed = await rpd
      .post(`/api/v1/recommendations/${target.id}/close`)
      .send({ closingNote: 'Leaflets in place; complaints up from 2 to 9 a quarter' })
      .expect(200);
    expect(closed.body).toMatchObject({
      status: 'closed',
      closingNote: expect.stringContaining('Leaflets'),
    });
    expect(
      (await rpd.get(`/api/v1/recommendations?status=closed`).expect(200)).body.items,
    ).toHaveLength(1);

    const noReason = await rpd
      .post(`/api/v1/recommendations/${target.id}/reopen`)
      .send({})
      .expect(400);
    expect(noReason.body.errors[0].path).toBe('reason');
    const reopened = await rpd
      .post(`/api/v1/recommendations/${target.id}/reopen`)
      .send({ reason: 'Re-inspection found gaps' })
      .expect(200);
    expect(reopened.body).toMatchObject({ status: 'actions_complete', closedAt: null });
    await rpd
      .post(`/api/v1/recommendations/${target.id}/reopen`)
      .send({ reason: 'again' })
      .expect(409);
  });

  it('closes a not-agreed recommendation without actions', async () => {
    const target = rec('Manchester North', 8);
    await rpd
      .put(`/api/v1/recommendations/${target.id}/response`)
      .send({ decision: 'not_agreed', rationale: 'The Redfern Building closes in 2026' })
      .expect(200);
    await rpd
      .post(`/api/v1/recommendations/${target.id}/close`)
      .send({ closingNote: 'Not agreed: building closing' })
      .expect(200);
  });

  it("keeps the region's response and closing note from inspectors, who read them in versions", async () => {
    const target = rec('Manchester North', 7);
    await rpd
      .put(`/api/v1/recommendations/${target.id}/response`)
      .send({ decision: 'not_agreed', rationale: 'Draft thinking, not sent' })
      .expect(200);
    await rpd
      .post(`/api/v1/recommendations/${target.id}/close`)
      .send({ closingNote: 'Closed in the draft' })
      .expect(200);
    const inspector = signedInClient(testApp.app, await testApp.signIn(demo.inspector));
    const one = (await inspector.get(`/api/v1/recommendations/${target.id}`).expect(200)).body;
    const listed = (
      await inspector.get(`/api/v1/recommendations?limit=200`).expect(200)
    ).body.items.find((r: Recommendation) => r.id === target.id);
    for (const seen of [one, listed]) {
      expect(seen).toMatchObject({ text: target.text, response: null, closingNote: null });
      expect(seen.closedAt).toBeNull();
    }
    const lead = (await rpd.get(`/api/v1/recommendations/${target.id}`).expect(200)).body;
    expect(lead).toMatchObject({
      response: { decision: 'not_agreed', rationale: 'Draft thinking, not sent' },
      closingNote: 'Closed in the draft',
    });
  });
});
