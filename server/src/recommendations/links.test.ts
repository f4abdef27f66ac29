import type { Readiness, Recommendation, RecommendationLink } from '@tracker/shared';
import { eq, inArray } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';

import { livePlanDocument } from '../action-plans/document';
import { auditEvents } from '../db/schema/audit';
import { planVersions } from '../db/schema/plan-versions';
import { defaultMeasureSettings } from '../outcome-measures/met';
import { recommendationLinks, recommendations } from '../db/schema/recommendations';
import { seedDemoAccounts, seedLetter } from '../db/seed';
import { type SignedInClient, demoPassword, signedInClient } from '../testing/app';
import { fingerprint } from '../testing/fingerprint';
import { northWestLetter } from '../testing/other-region';
import { declineAllBut, planOf } from '../testing/plans';
import { routeTests } from '../testing/route-test';

/**
 * A second region, made up for the test: North West's own letter, whose region-owned
 * recommendation repeats an HMPPS-owned one of the Greater Manchester letter.
 */
const synthetic = northWestLetter();
const syntheticLetter = {
  ...synthetic,
  inspection: { ...synthetic.inspection, title: 'Synthetic regional review: North West' },
  recommendations: [
    { ...synthetic.recommendations[0]!, ownerLevel: 'pdu' as const },
    {
      sourcePduCode: 'liverpool-north',
      number: 2,
      text: 'Synthetic: ensure sufficient resource for enhanced management oversight.',
      ownerLevel: 'region' as const,
      themes: ['management_oversight' as const],
    },
  ],
};
const syntheticLead = {
  email: 'region.lead@synthetic-north-west.example',
  name: 'Synthetic North West lead',
  role: 'region_lead' as const,
  unitCode: 'north-west',
};

const world = routeTests(['rpd', 'hooWigan', 'nationalLead', 'inspector', 'admin'], {
  prepare: async ({ database }) => {
    await seedLetter(database.db, syntheticLetter);
    await seedDemoAccounts(database.db, [syntheticLead], {
      password: demoPassword,
      nodeEnv: 'test',
    });
  },
});

let northWestLead: SignedInClient;
beforeAll(async () => {
  northWestLead = signedInClient(
    world.testApp.app,
    await world.testApp.signIn(syntheticLead.email),
  );
});

const rec = (pdu: string, number: number): Recommendation =>
  world.recommendations.find((r) => r.sourcePdu.name === pdu && r.number === number)!;
const linksUrl = (recommendation: Recommendation) =>
  `/api/v1/recommendations/${recommendation.id}/links`;

async function linksOf(client: SignedInClient, recommendation: Recommendation) {
  return (await client.get(linksUrl(recommendation)).expect(200)).body
    .items as RecommendationLink[];
}

async function link(
  client: SignedInClient,
  from: Recommendation,
  to: Recommendation,
  relation: string,
  status = 201,
) {
  return client.post(linksUrl(from)).send({ toRecommendationId: to.id, relation }).expect(status);
}

/** Row counts and latest changes of the business tables, links among them. */
const businessData = () => fingerprint(world.testApp.database.db);

describe('linking recommendations', () => {
  it('the region lead links Tameside 3 as overlapping Wigan 9, seen from both ends, and removes it; audited', async () => {
    const created = await link(world.as.rpd, rec('Tameside', 3), rec('Wigan', 9), 'overlaps');
    expect(created.body).toMatchObject({
      fromRecommendationId: rec('Tameside', 3).id,
      toRecommendationId: rec('Wigan', 9).id,
      relation: 'overlaps',
      direction: 'outgoing',
      other: {
        hidden: false,
        label: 'Wigan 9',
        region: { name: 'Greater Manchester' },
        ownerLevel: 'hmpps',
        status: 'open',
        canOpen: true,
      },
      allowed: { delete: true },
    });
    const fromWigan = await linksOf(world.as.nationalLead, rec('Wigan', 9));
    expect(fromWigan).toEqual([
      expect.objectContaining({
        id: created.body.id,
        direction: 'incoming',
        other: expect.objectContaining({ label: 'Tameside 3' }),
        // The national lead leads Wigan 9, not Tameside 3, the end the link is from.
        allowed: { delete: false },
      }),
    ]);
    const [event] = await world.testApp.database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.subjectId, created.body.id));
    expect(event).toMatchObject({
      action: 'recommendation_link.created',
      subjectType: 'recommendation_link',
      after: { fromRecommendationId: rec('Tameside', 3).id, relation: 'overlaps' },
    });

    await world.as.rpd.delete(`/api/v1/recommendation-links/${created.body.id}`).expect(204);
    expect(await linksOf(world.as.rpd, rec('Tameside', 3))).toEqual([]);
    const events = await world.testApp.database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.subjectId, created.body.id));
    expect(events.map((e) => e.action)).toEqual([
      'recommendation_link.created',
      'recommendation_link.deleted',
    ]);
    await world.as.rpd.delete(`/api/v1/recommendation-links/${created.body.id}`).expect(404);
  });

  it('the national lead links Wigan 9 as repeating Wigan 8; an administrator may link too', async () => {
    await link(world.as.nationalLead, rec('Wigan', 9), rec('Wigan', 8), 'repeats');
    const admin = await link(world.as.admin, rec('Wigan', 7), rec('Wigan', 5), 'overlaps');
    await world.as.admin.delete(`/api/v1/recommendation-links/${admin.body.id}`).expect(204);
    // Wigan 9 is HMPPS-owned: the region lead does not lead it.
    const before = await businessData();
    await link(world.as.rpd, rec('Wigan', 9), rec('Manchester North', 1), 'overlaps', 403);
    expect(await businessData()).toBe(before);
  });

  it('makes one link for a request repeated with the same Idempotency-Key', async () => {
    const send = () =>
      world.as.rpd
        .post(linksUrl(rec('Wigan', 5)))
        .set('idempotency-key', 'link-wigan-5-6')
        .send({ toRecommendationId: rec('Wigan', 6).id, relation: 'overlaps' });
    const first = await send().expect(201);
    const again = await send().expect(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body.id).toBe(first.body.id);
    await world.as.rpd.delete(`/api/v1/recommendation-links/${first.body.id}`).expect(204);
  });

  it('refuses, changing nothing, a link to itself, a duplicate, and a circle', async () => {
    const before = await businessData();
    const self = await link(
      world.as.nationalLead,
      rec('Wigan', 9),
      rec('Wigan', 9),
      'repeats',
      400,
    );
    expect(self.body.errors).toEqual([{ path: 'toRecommendationId', message: expect.any(String) }]);
    const twice = await link(
      world.as.nationalLead,
      rec('Wigan', 9),
      rec('Wigan', 8),
      'overlaps',
      409,
    );
    expect(twice.body.errors).toEqual([
      { path: 'toRecommendationId', message: expect.any(String) },
    ]);
    // Wigan 9 repeats Wigan 8, so Wigan 8 cannot be addressed by (or repeat) Wigan 9.
    const circle = await link(
      world.as.nationalLead,
      rec('Wigan', 8),
      rec('Wigan', 9),
      'addressed_by',
      409,
    );
    expect(circle.body.errors).toEqual([
      { path: 'toRecommendationId', message: expect.stringMatching(/already repeats/) },
    ]);
    expect(await businessData()).toBe(before);

    // Through another: Wigan 8 addressed by Tameside 10, which may then not repeat Wigan 9.
    await link(world.as.nationalLead, rec('Wigan', 8), rec('Tameside', 10), 'addressed_by');
    await link(world.as.nationalLead, rec('Tameside', 10), rec('Wigan', 9), 'repeats', 409);
    // Overlapping is no circle: it says nothing of who answers whom.
    await link(world.as.nationalLead, rec('Tameside', 10), rec('Wigan', 9), 'overlaps');
    // ...and it is one link, whichever end it is made from.
    await link(world.as.nationalLead, rec('Wigan', 9), rec('Tameside', 10), 'overlaps', 409);
  });

  it('is 404 across regions for a region lead, from either end, and 403 to who sees but may not change', async () => {
    const before = await businessData();
    const liverpool = rec('Liverpool North', 1);
    await link(world.as.rpd, liverpool, rec('Wigan', 1), 'overlaps', 404);
    await world.as.rpd.get(linksUrl(liverpool)).expect(404);
    // The other end out of sight: named in the 404.
    const hiddenEnd = await link(world.as.rpd, rec('Wigan', 1), liverpool, 'overlaps', 404);
    expect(hiddenEnd.body.detail).toContain(liverpool.id);
    await link(northWestLead, liverpool, rec('Wigan', 1), 'overlaps', 404);
    // Heads of operations and inspectors see the letter but do not link it.
    await link(world.as.hooWigan, rec('Wigan', 1), rec('Wigan', 2), 'overlaps', 403);
    await link(world.as.inspector, rec('Wigan', 1), rec('Wigan', 2), 'overlaps', 403);
    expect(await businessData()).toBe(before);

    const made = await link(world.as.rpd, rec('Wigan', 1), rec('Wigan', 2), 'overlaps');
    const url = `/api/v1/recommendation-links/${made.body.id}`;
    await world.as.hooWigan.delete(url).expect(403);
    await world.as.inspector.delete(url).expect(403);
    await northWestLead.delete(url).expect(404);
    await world.as.nationalLead.delete(url).expect(403);
    expect((await linksOf(world.as.inspector, rec('Wigan', 1)))[0]).toMatchObject({
      other: { label: 'Wigan 2', decision: null },
      allowed: { delete: false },
    });
    await world.as.rpd.delete(url).expect(204);
  });
});

describe('an HMPPS recommendation tracked once, in every region that links to it', () => {
  it("shows the national lead's status change on it in both regions' plans", async () => {
    const wigan9 = rec('Wigan', 9);
    const liverpool2 = rec('Liverpool North', 2);
    // The North West lead cannot open Greater Manchester's letter, but national work is
    // everyone's to see: they may link to it.
    await northWestLead.get(`/api/v1/recommendations/${wigan9.id}`).expect(404);
    await link(northWestLead, liverpool2, wigan9, 'repeats');
    const [seen] = await linksOf(northWestLead, liverpool2);
    expect(seen!.other).toMatchObject({ label: 'Wigan 9', status: 'open', canOpen: false });

    await world.as.nationalLead
      .post(`/api/v1/recommendations/${wigan9.id}/actions`)
      .send({ title: 'National oversight programme', owningUnitId: wigan9.owningUnit.id })
      .expect(201);

    const [after] = await linksOf(northWestLead, liverpool2);
    expect(after!.other).toMatchObject({ label: 'Wigan 9', status: 'in_progress' });
    // The North West plan's list of recommendations carries it too, for its task list.
    const northWestPlan = (
      await northWestLead
        .get(`/api/v1/recommendations?inspectionId=${liverpool2.inspectionId}`)
        .expect(200)
    ).body.items as Recommendation[];
    expect(northWestPlan.find((r) => r.id === liverpool2.id)!.nationalLinks).toEqual([
      { relation: 'repeats', id: wigan9.id, label: 'Wigan 9', status: 'in_progress' },
    ]);
    const inGreaterManchester = (
      await world.as.rpd.get(`/api/v1/recommendations/${wigan9.id}`).expect(200)
    ).body as Recommendation;
    expect(inGreaterManchester.status).toBe('in_progress');
    // Greater Manchester sees the link from its side; the North West end is not its to see.
    const fromGm = await linksOf(world.as.rpd, wigan9);
    expect(fromGm.find((l) => l.fromRecommendationId === liverpool2.id)!.other).toEqual({
      hidden: true,
      description: 'A recommendation in another region',
    });
  });
});

describe('answering a recommendation "addressed by" another', () => {
  it('is accepted only with an addressed_by link to it, and the response names it', async () => {
    const tameside3 = rec('Tameside', 3);
    const wigan9 = rec('Wigan', 9);
    const url = `/api/v1/recommendations/${tameside3.id}/response`;
    const answer = {
      decision: 'addressed_by',
      addressedById: wigan9.id,
      rationale: 'National work.',
    };
    const before = await businessData();
    const refused = await world.as.rpd.put(url).send(answer).expect(409);
    expect(refused.body.errors).toEqual([{ path: 'addressedById', message: expect.any(String) }]);
    await world.as.rpd.put(url).send({ decision: 'addressed_by', rationale: 'x' }).expect(400);
    expect(await businessData()).toBe(before);

    // A repeats link is not enough: the link must say the other addresses it.
    const repeats = await link(world.as.rpd, tameside3, wigan9, 'repeats');
    await world.as.rpd.put(url).send(answer).expect(409);
    await world.as.rpd.delete(`/api/v1/recommendation-links/${repeats.body.id}`).expect(204);

    const addressed = await link(world.as.rpd, tameside3, wigan9, 'addressed_by');
    const answered = await world.as.rpd.put(url).send(answer).expect(200);
    expect(answered.body.response).toMatchObject({
      decision: 'addressed_by',
      addressedBy: { id: wigan9.id, label: 'Wigan 9' },
      rationale: 'National work.',
    });
    // The link the response relies on stays until the response changes.
    await world.as.rpd.delete(`/api/v1/recommendation-links/${addressed.body.id}`).expect(409);
  });

  it('passes readiness with no actions of its own', async () => {
    const tameside3 = rec('Tameside', 3);
    const { db } = world.testApp.database;
    await declineAllBut(db, tameside3.inspectionId, [tameside3.id]);
    const plan = await planOf(db, tameside3.inspectionId);
    const readiness = (
      await world.as.rpd.get(`/api/v1/action-plans/${plan.id}/readiness`).expect(200)
    ).body as Readiness;
    expect(readiness.problems.filter((p) => p.recommendationId === tameside3.id)).toEqual([]);
    expect(
      readiness.recommendations.find((r) => r.recommendationId === tameside3.id),
    ).toMatchObject({
      state: 'ready',
    });
    // The export names the recommendation that addresses it where it gives the decision.
    const csv = await world.as.rpd
      .get(`/api/v1/action-plans/${plan.id}/export?format=csv`)
      .expect(200);
    expect(csv.text).toMatch(/Tameside,3,[^\n]*Addressed by Wigan 9/);
    // What is left is the national lead's action on Wigan 9 (no owner, no due date yet).
    expect(new Set(readiness.problems.map((p) => p.recommendationId))).toEqual(
      new Set([rec('Wigan', 9).id]),
    );
  });
});

describe('closing a recommendation addressed by another', () => {
  it('waits until the one addressing it is closed', async () => {
    const url = `/api/v1/recommendations/${rec('Tameside', 3).id}/close`;
    const body = { closingNote: 'Wigan 9 delivered it.' };
    await world.as.rpd.post(url).send(body).expect(409);
    await world.testApp.database.db
      .update(recommendations)
      .set({ status: 'closed', closedAt: new Date() })
      .where(eq(recommendations.id, rec('Wigan', 9).id));
    // Its outcome measure from the letter is not met yet: the reviewer is told why it closes.
    const unmet = await world.as.rpd.post(url).send(body).expect(400);
    expect(unmet.body.errors[0].path).toBe('unmetMeasuresReason');
    const closed = await world.as.rpd
      .post(url)
      .send({ ...body, unmetMeasuresReason: 'Measured with Wigan 9 from next quarter.' })
      .expect(200);
    expect(closed.body.status).toBe('closed');
  });
});

describe('a version sent before links existed', () => {
  it('is read back as it was stored, without addressed-by or national links', async () => {
    const { db } = world.testApp.database;
    const plan = await planOf(db, rec('Wigan', 1).inspectionId);
    const now = new Date();
    const document = await livePlanDocument(
      db,
      plan.inspectionId,
      { on: now, by: 'Earlier' },
      { rag: { now, dueSoonDays: 14 }, measures: defaultMeasureSettings },
    );
    // As the service stored versions before: neither field in it.
    const earlier = JSON.parse(JSON.stringify(document), (key, value) =>
      key === 'nationalLinks' || key === 'addressedBy' ? undefined : value,
    );
    await db.insert(planVersions).values({
      planId: plan.id,
      number: 1,
      kind: 'submission',
      document: earlier,
      submittedByLabel: 'Earlier',
    });
    const version = await world.as.rpd
      .get(`/api/v1/action-plans/${plan.id}/versions/1`)
      .expect(200);
    expect(version.body.recommendations[0]).not.toHaveProperty('nationalLinks');
    await world.as.rpd
      .get(`/api/v1/action-plans/${plan.id}/export?format=csv&version=1`)
      .expect(200);
  });
});

describe('the audit trail of links', () => {
  it('holds a row for every link made and removed', async () => {
    const { db } = world.testApp.database;
    const events = await db
      .select()
      .from(auditEvents)
      .where(
        inArray(auditEvents.action, ['recommendation_link.created', 'recommendation_link.deleted']),
      );
    const links = await db.select().from(recommendationLinks);
    const created = events.filter((e) => e.action === 'recommendation_link.created');
    const deleted = events.filter((e) => e.action === 'recommendation_link.deleted');
    expect(created.length - deleted.length).toBe(links.length);
  });
});
