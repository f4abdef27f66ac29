import type { NextStep, ReadinessProblem, Recommendation } from '@tracker/shared';
import { beforeAll, describe, expect, it } from 'vitest';

import { type SignedInClient, TestClock, demo } from '../testing/app';
import { declineAllBut, planOf } from '../testing/plans';
import { routeTests } from '../testing/route-test';
let planId: string;
let bareActionId: string;
const clock = new TestClock(new Date('2026-02-02T10:00:00Z'));

const plan = (path = '') => `/api/v1/action-plans/${planId}${path}`;
const rec = (pdu: string, number: number) =>
  world.recommendations.find((r) => r.sourcePdu.name === pdu && r.number === number)!;
const hmppsOwned = () => world.recommendations.filter((r) => r.ownerLevel === 'hmpps');

async function nextSteps(client: SignedInClient): Promise<NextStep[]> {
  return (await client.get('/api/v1/me/next-steps').expect(200)).body.items;
}

async function readiness(): Promise<ReadinessProblem[]> {
  return (await world.as.rpd.get(plan('/readiness')).expect(200)).body.problems;
}

/** The home page's counts are the readiness check's, counted by the database instead. */
async function expectCountsOfReadiness() {
  const problems = await readiness();
  const [step] = (await nextSteps(world.as.rpd)).filter((item) => item.kind === 'continue_plan');
  expect(step).toMatchObject({
    plan: { id: planId },
    problems: problems.filter(
      (problem) => problem.mustAct === 'region_lead' && problem.code !== 'no_response',
    ).length,
    waitingOnNationalLead: problems.filter((problem) => problem.mustAct === 'national_lead').length,
  });
}

async function respond(client: SignedInClient, recommendation: Recommendation, body: object) {
  await client.put(`/api/v1/recommendations/${recommendation.id}/response`).send(body).expect(200);
}

async function nationalLeadNotices() {
  const page = (await world.as.nationalLead.get('/api/v1/notifications').expect(200)).body;
  return page.items.filter((item: { kind: string }) => item.kind === 'response_requested');
}

const world = routeTests(['rpd', 'hooWigan', 'nationalLead', 'inspector'], { clock });
beforeAll(async () => {
  planId = (await planOf(world.testApp.database.db, world.recommendations[0]!.inspectionId)).id;
});

describe('readiness says who must act', () => {
  it('gives each HMPPS-owned recommendation without a response to the national lead', async () => {
    const problems = await readiness();
    const national = problems.filter((problem) => problem.mustAct === 'national_lead');
    expect(hmppsOwned().length).toBeGreaterThan(0);
    expect(national.map((problem) => problem.recommendationId)).toEqual(
      hmppsOwned().map((r) => r.id),
    );
    expect(national[0]!.message).toMatch(/has no response\. The HMPPS national lead answers it\.$/);
    const regional = problems.filter((problem) => problem.mustAct === 'region_lead');
    expect(regional).toHaveLength(world.recommendations.length - hmppsOwned().length);
    expect(regional[0]!.message).not.toMatch(/national lead/);
  });

  it('names the recommendation in every action problem', async () => {
    const wigan1 = rec('Wigan', 1);
    await respond(world.as.rpd, wigan1, { decision: 'agreed' });
    const bare = await world.as.rpd
      .post(`/api/v1/recommendations/${wigan1.id}/actions`)
      .send({ title: 'Bare action', owningUnitId: wigan1.owningUnit.id })
      .expect(201);
    bareActionId = bare.body.id;
    const messages = (await readiness())
      .filter((problem) => problem.subject.id === bare.body.id)
      .map((problem) => problem.message);
    expect(messages).toEqual([
      'Wigan 1: action "Bare action" has no owner.',
      'Wigan 1: action "Bare action" has no due date.',
      'Wigan 1: action "Bare action" has no success measure.',
    ]);
    await expectCountsOfReadiness();
  });
});

describe("the region lead's next steps", () => {
  it('counts what is answered and what stops submission, as readiness does', async () => {
    const steps = await nextSteps(world.as.rpd);
    const toAnswer = world.recommendations.length - hmppsOwned().length;
    expect(steps[0]).toMatchObject({
      kind: 'continue_plan',
      plan: { id: planId, status: 'draft', region: { name: 'Greater Manchester' } },
      answered: 1,
      toAnswer,
      // The bare action's three, not the unanswered recommendations: answered counts those.
      problems: 3,
      waitingOnNationalLead: hmppsOwned().length,
    });
    // Not agreed without a rationale is one problem; with one, none.
    await respond(world.as.rpd, rec('Tameside', 1), {
      decision: 'not_agreed',
      rationale: 'Done already',
    });
    await expectCountsOfReadiness();
    expect((await nextSteps(world.as.rpd))[0]).toMatchObject({ answered: 2 });
  });

  it("gives a head of operations their PDU's overdue and due-soon actions, as the dashboard counts them", async () => {
    expect(await nextSteps(world.as.hooWigan)).toEqual([]);
    const wigan2 = rec('Wigan', 2);
    for (const dueDate of ['2026-01-20', '2026-02-10', '2026-06-30']) {
      await world.as.hooWigan
        .post(`/api/v1/recommendations/${wigan2.id}/actions`)
        .send({
          title: `Due ${dueDate}`,
          owningUnitId: wigan2.owningUnit.id,
          ownerId: world.ids[demo.hooWigan],
          startDate: '2026-01-01',
          dueDate,
          successMeasure: 'Seen in case audits',
        })
        .expect(201);
    }
    const dashboard = (await world.as.rpd.get(plan('/summary')).expect(200)).body;
    const due = { overdue: dashboard.overdue.length, dueSoon: dashboard.dueSoon.length };
    expect(due).toEqual({ overdue: 1, dueSoon: 1 });
    expect(await nextSteps(world.as.hooWigan)).toEqual([
      { kind: 'actions_due', unit: expect.objectContaining({ name: 'Wigan' }), ...due },
    ]);
    expect((await nextSteps(world.as.rpd)).find((step) => step.kind === 'actions_due')).toEqual({
      kind: 'actions_due',
      unit: expect.objectContaining({ name: 'Greater Manchester', type: 'region' }),
      ...due,
    });
  });
});

describe('asking the national lead', () => {
  it('is refused to everyone but the region lead, and changes nothing', async () => {
    const ask = (client: SignedInClient) => client.post(plan('/national-lead-requests'));
    const hoo = await ask(world.as.hooWigan).expect(403);
    expect(hoo.headers['content-type']).toMatch(/^application\/problem\+json/);
    await ask(world.as.nationalLead).expect(403);
    await ask(world.as.inspector).expect(404);
    await world.as.rpd
      .post('/api/v1/action-plans/00000000-0000-4000-8000-000000000000/national-lead-requests')
      .expect(404);
    expect(await nationalLeadNotices()).toEqual([]);
  });

  it('tells the national lead once a day, names what waits, and shows on their home page', async () => {
    const before = await nextSteps(world.as.nationalLead);
    expect(before.find((step) => step.kind === 'answer_hmpps_items')).toMatchObject({
      plan: { id: planId },
      awaiting: hmppsOwned().length,
      askedAt: null,
    });

    const asked = (await world.as.rpd.post(plan('/national-lead-requests')).expect(200)).body;
    expect(asked.notified).toBe(1);
    expect(asked.recommendations.map((r: { id: string }) => r.id)).toEqual(
      hmppsOwned().map((r) => r.id),
    );
    const notices = await nationalLeadNotices();
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ link: `/plans/${planId}` });
    expect(notices[0].message).toContain(
      `${hmppsOwned()[0]!.sourcePdu.name} ${hmppsOwned()[0]!.number}`,
    );
    const after = (await nextSteps(world.as.nationalLead)).find(
      (step) => step.kind === 'answer_hmpps_items',
    );
    expect(after).toMatchObject({ askedAt: clock.now().toISOString() });

    clock.advanceMinutes(10);
    await world.as.rpd.post(plan('/national-lead-requests')).expect(200);
    expect(await nationalLeadNotices()).toHaveLength(1);

    const trail = (await world.testApp.database.db.query.auditEvents.findMany()).filter(
      (event) => event.action === 'plan.national_lead_asked',
    );
    expect(trail).toHaveLength(2);
    expect(trail[0]).toMatchObject({ subjectId: planId, actorUserId: world.ids[demo.rpd] });
  });

  it('is 409 once the national lead has answered everything', async () => {
    for (const recommendation of hmppsOwned())
      await respond(world.as.nationalLead, recommendation, {
        decision: 'not_agreed',
        rationale: 'National',
      });
    const refused = await world.as.rpd.post(plan('/national-lead-requests')).expect(409);
    expect(refused.body.detail).toBe('Nothing in this plan waits on the national lead.');
    expect(
      (await nextSteps(world.as.nationalLead)).some((s) => s.kind === 'answer_hmpps_items'),
    ).toBe(false);
    expect((await nextSteps(world.as.rpd))[0]).toMatchObject({ waitingOnNationalLead: 0 });
    await expectCountsOfReadiness();
  });
});

describe("the inspector's next steps", () => {
  it('lists a submitted version awaiting review; the plan then waits on no one else', async () => {
    expect(await nextSteps(world.as.inspector)).toEqual([]);
    const bare = await world.as.rpd.get(`/api/v1/actions/${bareActionId}`).expect(200);
    await world.as.rpd
      .delete(`/api/v1/actions/${bareActionId}`)
      .set('if-match', String(bare.headers.etag))
      .expect(204);
    await declineAllBut(world.testApp.database.db, world.recommendations[0]!.inspectionId, []);
    const etag = String((await world.as.rpd.get(plan()).expect(200)).headers.etag);
    await world.as.rpd
      .post(plan('/submissions'))
      .set('if-match', etag)
      .set('idempotency-key', 'next-steps-1')
      .send({ declaration: true })
      .expect(201);
    expect(await nextSteps(world.as.inspector)).toEqual([
      expect.objectContaining({
        kind: 'review_version',
        plan: expect.objectContaining({ id: planId }),
        versionNumber: 1,
      }),
    ]);
    await world.as.rpd.post(plan('/national-lead-requests')).expect(409);
    expect((await nextSteps(world.as.rpd)).some((s) => s.kind === 'continue_plan')).toBe(false);
  });

  it('gives a returned plan back to the region lead, with its counts, and nothing to the inspector', async () => {
    await world.as.inspector
      .post(plan('/versions/1/review'))
      .send({ decision: 'returned', reasons: 'Say who owns the Wigan work.' })
      .expect(200);
    expect(await nextSteps(world.as.inspector)).toEqual([]);
    const [step] = await nextSteps(world.as.rpd);
    expect(step).toMatchObject({
      kind: 'continue_plan',
      plan: { id: planId, status: 'returned' },
    });
    await expectCountsOfReadiness();
    // A head of operations is never handed the plan; their step is their PDU's actions.
    expect((await nextSteps(world.as.hooWigan)).some((s) => s.kind === 'continue_plan')).toBe(
      false,
    );
  });
});
