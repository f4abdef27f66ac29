import type { ActionPlan, Inspection, NextStep, Recommendation } from '@tracker/shared';
import { count, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';

import { auditEvents } from '../db/schema/audit';
import { inspections } from '../db/schema/inspections';
import { notifications } from '../db/schema/notifications';
import type { SignedInClient } from '../testing/app';
import { routeTests } from '../testing/route-test';

/*
 * Recommendations from HMPPS's own sources (a synthetic SFO review and internal audit of
 * Greater Manchester, loaded through the API): the plan is reviewed by the person an
 * administrator names, never the inspectorate, which does not see them at all.
 */

const world = routeTests(['admin', 'rpd', 'hooWigan', 'nationalLead', 'inspector']);

const regionId = () => world.units['greater-manchester']!.id;
const sfoReview = (overrides: object = {}) => ({
  title: 'Synthetic SFO review: Greater Manchester',
  kind: 'sfo_review',
  regionId: regionId(),
  letterDate: '2025-09-01',
  author: 'HMPPS SFO review team',
  addressee: 'Regional Probation Director, Greater Manchester',
  reviewerId: world.ids['national.lead@hmpps.example'],
  ...overrides,
});

function csv(rows: (string | number)[][]): Buffer {
  const headings = [
    'Source PDU',
    'Number',
    'Recommendation',
    'Owner level',
    'Owning unit',
    'Themes',
  ];
  const quote = (cell: string | number) => `"${String(cell).replace(/"/g, '""')}"`;
  return Buffer.from([headings, ...rows].map((row) => row.map(quote).join(',')).join('\r\n'));
}

async function loadWithRecommendation(
  body: object,
): Promise<{ inspection: Inspection; plan: ActionPlan; recommendation: Recommendation }> {
  const inspection = (await world.as.admin.post('/api/v1/inspections').send(body).expect(201))
    .body as Inspection;
  await world.as.admin
    .post(`/api/v1/inspections/${inspection.id}/recommendation-imports?mode=apply`)
    .attach(
      'file',
      csv([
        [
          'Wigan',
          1,
          'Review how risk was managed before the further offence.',
          'PDU',
          'Wigan',
          'Risk of harm',
        ],
      ]),
      { filename: 'sfo.csv' },
    )
    .expect(200);
  const plan = (
    await world.as.admin.get(`/api/v1/action-plans?inspectionId=${inspection.id}`).expect(200)
  ).body.items[0] as ActionPlan;
  const recommendation = (
    await world.as.admin.get(`/api/v1/recommendations?inspectionId=${inspection.id}`).expect(200)
  ).body.items[0] as Recommendation;
  return { inspection, plan, recommendation };
}

/** The region lead answers the one recommendation and sends the plan. */
async function answerAndSubmit(plan: ActionPlan, recommendation: Recommendation) {
  await world.as.rpd
    .put(`/api/v1/recommendations/${recommendation.id}/response`)
    .send({ decision: 'not_agreed', rationale: 'Addressed by the regional risk improvement plan.' })
    .expect(200);
  const etag = String(
    (await world.as.rpd.get(`/api/v1/action-plans/${plan.id}`).expect(200)).headers.etag,
  );
  await world.as.rpd
    .post(`/api/v1/action-plans/${plan.id}/submissions`)
    .set('if-match', etag)
    .set('idempotency-key', `submit-${plan.id}`)
    .send({ declaration: true })
    .expect(201);
}

const nextSteps = async (client: SignedInClient) =>
  (await client.get('/api/v1/me/next-steps').expect(200)).body.items as NextStep[];

const inspectionRows = async () =>
  (await world.testApp.database.db.select({ n: count() }).from(inspections))[0]!.n;

let sfo: Awaited<ReturnType<typeof loadWithRecommendation>>;
beforeAll(async () => {
  sfo = await loadWithRecommendation(sfoReview());
});

describe('loading an HMPPS source', () => {
  it('names its reviewer, and says so on the inspection and its plan', () => {
    const nationalLead = { id: world.ids['national.lead@hmpps.example'], name: expect.any(String) };
    expect(sfo.inspection).toMatchObject({ kind: 'sfo_review', reviewer: nationalLead });
    expect(sfo.plan).toMatchObject({ inspectionKind: 'sfo_review', reviewer: nationalLead });
  });

  it('refuses an HMPPS kind without a reviewer, an inspectorate kind with one, and a reviewer who may not review, creating nothing', async () => {
    const before = await inspectionRows();
    const missing = await world.as.admin
      .post('/api/v1/inspections')
      .send(sfoReview({ reviewerId: undefined, letterDate: '2025-09-02' }))
      .expect(400);
    expect(missing.body.errors).toEqual([
      { path: 'reviewerId', message: expect.stringMatching(/^is required/) },
    ]);
    const inspectorate = await world.as.admin
      .post('/api/v1/inspections')
      .send(sfoReview({ kind: 'regional_review', letterDate: '2025-09-03' }))
      .expect(400);
    expect(inspectorate.body.errors[0].path).toBe('reviewerId');
    for (const who of ['hoo.wigan@gm.probation.example', 'inspector@hmiprobation.example']) {
      const refused = await world.as.admin
        .post('/api/v1/inspections')
        .send(sfoReview({ reviewerId: world.ids[who], letterDate: '2025-09-04' }))
        .expect(400);
      expect(refused.body.errors[0].path).toBe('reviewerId');
    }
    expect(await inspectionRows()).toBe(before);
  });

  it("offers as reviewers only national leads and the region's leads", async () => {
    const people = (
      await world.as.admin.get(`/api/v1/people?mayReviewFor=${regionId()}`).expect(200)
    ).body.items as { id: string; role: string }[];
    expect(people.map((person) => person.id).sort()).toEqual(
      [world.ids['national.lead@hmpps.example'], world.ids['rpd@gm.probation.example']].sort(),
    );
  });
});

describe('what the inspectorate sees of it', () => {
  it('sees neither the inspection, its recommendations nor its plan, even once submitted', async () => {
    await answerAndSubmit(sfo.plan, sfo.recommendation);
    const inspector = world.as.inspector;
    const listed = (await inspector.get('/api/v1/inspections').expect(200)).body
      .items as Inspection[];
    expect(listed.map((inspection) => inspection.kind)).not.toContain('sfo_review');
    expect(listed.length).toBeGreaterThan(0);
    await inspector.get(`/api/v1/inspections/${sfo.inspection.id}`).expect(404);
    await inspector.get(`/api/v1/recommendations/${sfo.recommendation.id}`).expect(404);
    const recommendations = (
      await inspector.get(`/api/v1/recommendations?inspectionId=${sfo.inspection.id}`).expect(200)
    ).body.items;
    expect(recommendations).toEqual([]);
    await inspector.get(`/api/v1/action-plans/${sfo.plan.id}`).expect(404);
    await inspector.get(`/api/v1/action-plans/${sfo.plan.id}/versions/1`).expect(404);
    const plans = (await inspector.get('/api/v1/action-plans').expect(200)).body
      .items as ActionPlan[];
    expect(plans.map((plan) => plan.id)).not.toContain(sfo.plan.id);
    await inspector
      .post(`/api/v1/action-plans/${sfo.plan.id}/versions/1/review`)
      .send({ decision: 'accepted' })
      .expect(404);
    expect(await nextSteps(inspector)).toEqual([]);
  });

  it('tells the named reviewer, not the inspectors, that a version awaits review', async () => {
    const told = await world.testApp.database.db
      .select({ recipientId: notifications.recipientId })
      .from(notifications)
      .where(eq(notifications.kind, 'version_to_review'));
    expect(told.map((row) => row.recipientId)).toEqual([world.ids['national.lead@hmpps.example']]);
  });
});

describe('the named reviewer', () => {
  it('finds the version on their home page and may review it; no one else may', async () => {
    expect(await nextSteps(world.as.nationalLead)).toContainEqual(
      expect.objectContaining({
        kind: 'review_version',
        versionNumber: 1,
        plan: expect.objectContaining({ id: sfo.plan.id }),
      }),
    );
    const version = (
      await world.as.nationalLead.get(`/api/v1/action-plans/${sfo.plan.id}/versions/1`).expect(200)
    ).body;
    expect(version.allowed.review).toBe(true);
    const asLead = (
      await world.as.rpd.get(`/api/v1/action-plans/${sfo.plan.id}/versions/1`).expect(200)
    ).body;
    expect(asLead.allowed.review).toBe(false);
    const refused = await world.as.rpd
      .post(`/api/v1/action-plans/${sfo.plan.id}/versions/1/review`)
      .send({ decision: 'accepted' })
      .expect(403);
    expect(refused.body.detail).toMatch(/reviewer an administrator named/);

    await world.as.nationalLead
      .post(`/api/v1/action-plans/${sfo.plan.id}/versions/1/review`)
      .send({ decision: 'accepted' })
      .expect(200);
    const plan = (await world.as.rpd.get(`/api/v1/action-plans/${sfo.plan.id}`).expect(200)).body;
    expect(plan.status).toMatch(/accepted|closed/);
  });

  it('never reviews a version they sent themselves', async () => {
    const audit = await loadWithRecommendation(
      sfoReview({
        kind: 'internal_audit',
        title: 'Synthetic internal audit: Greater Manchester',
        reviewerId: world.ids['rpd@gm.probation.example'],
      }),
    );
    await answerAndSubmit(audit.plan, audit.recommendation);
    const version = (
      await world.as.rpd.get(`/api/v1/action-plans/${audit.plan.id}/versions/1`).expect(200)
    ).body;
    expect(version.allowed.review).toBe(false);
    const refused = await world.as.rpd
      .post(`/api/v1/action-plans/${audit.plan.id}/versions/1/review`)
      .send({ decision: 'accepted' })
      .expect(403);
    expect(refused.body.detail).toMatch(/You sent this version/);
    expect(await nextSteps(world.as.rpd)).not.toContainEqual(
      expect.objectContaining({ kind: 'review_version' }),
    );

    // The administrator names someone else; the version now waits on them.
    const renamed = await world.as.admin
      .put(`/api/v1/inspections/${audit.inspection.id}/reviewer`)
      .send({ reviewerId: world.ids['national.lead@hmpps.example'] })
      .expect(200);
    expect(renamed.body.reviewer.id).toBe(world.ids['national.lead@hmpps.example']);
    const [named] = await world.testApp.database.db
      .select({ n: count() })
      .from(auditEvents)
      .where(eq(auditEvents.action, 'inspection.reviewer_named'));
    expect(named!.n).toBe(1);
    await world.as.nationalLead
      .post(`/api/v1/action-plans/${audit.plan.id}/versions/1/review`)
      .send({ decision: 'returned', reasons: 'Say what the audit found in Wigan.' })
      .expect(200);
  });

  it('is named only by administrators, and only for HMPPS kinds', async () => {
    await world.as.rpd
      .put(`/api/v1/inspections/${sfo.inspection.id}/reviewer`)
      .send({ reviewerId: world.ids['rpd@gm.probation.example'] })
      .expect(403);
    const letter = world.recommendations[0]!.inspectionId;
    const refused = await world.as.admin
      .put(`/api/v1/inspections/${letter}/reviewer`)
      .send({ reviewerId: world.ids['national.lead@hmpps.example'] })
      .expect(409);
    expect(refused.body.errors[0].path).toBe('reviewerId');
    const [row] = await world.testApp.database.db
      .select({ reviewerId: inspections.reviewerId })
      .from(inspections)
      .where(eq(inspections.id, letter));
    expect(row!.reviewerId).toBeNull();
  });
});
