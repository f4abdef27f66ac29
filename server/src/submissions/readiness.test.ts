import type { Readiness, Recommendation } from '@tracker/shared';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';

import { actions } from '../db/schema/actions';
import { recommendations as recommendationRows } from '../db/schema/recommendations';
import { type SignedInClient, TestClock, demo } from '../testing/app';
import { planOf } from '../testing/plans';
import { routeTests } from '../testing/route-test';
let planId: string;

const rec = (pdu: string, number: number) =>
  world.recommendations.find((r) => r.sourcePdu.name === pdu && r.number === number)!;
const hmppsOwned = () => world.recommendations.filter((r) => r.ownerLevel === 'hmpps');

async function readiness(client: SignedInClient = world.as.rpd): Promise<Readiness> {
  return (await client.get(`/api/v1/action-plans/${planId}/readiness`).expect(200)).body;
}

async function stateOf(recommendation: Recommendation) {
  const found = (await readiness()).recommendations.find(
    (item) => item.recommendationId === recommendation.id,
  );
  return found && { state: found.state, mustAct: found.mustAct };
}

async function respond(client: SignedInClient, recommendation: Recommendation, body: object) {
  await client.put(`/api/v1/recommendations/${recommendation.id}/response`).send(body).expect(200);
}

async function addAction(recommendation: Recommendation, fields: object = {}) {
  const response = await world.as.rpd
    .post(`/api/v1/recommendations/${recommendation.id}/actions`)
    .send({
      title: `Deliver ${recommendation.number}`,
      owningUnitId: recommendation.owningUnit.id,
      ...fields,
    })
    .expect(201);
  return response.body.id as string;
}

const complete = (owner: string) => ({
  ownerId: world.ids[owner],
  dueDate: '2030-06-30',
  successMeasure: 'Audits show the change in 80% of cases',
});

const world = routeTests(['rpd', 'nationalLead'], {
  clock: new TestClock(new Date('2026-02-02T10:00:00Z')),
});
beforeAll(async () => {
  planId = (await planOf(world.testApp.database.db, world.recommendations[0]!.inspectionId)).id;
});

describe("each recommendation's readiness state", () => {
  it('lists every recommendation in the order of the problems, each needing a response from its lead', async () => {
    const fresh = await readiness();
    expect(fresh.recommendations).toHaveLength(world.recommendations.length);
    expect(fresh.recommendations.map((item) => item.recommendationId)).toEqual(
      fresh.problems.map((problem) => problem.recommendationId),
    );
    const hmpps = new Set(hmppsOwned().map((r) => r.id));
    expect(hmpps.size).toBeGreaterThan(0);
    for (const item of fresh.recommendations) {
      expect(item).toMatchObject({
        state: 'needs_response',
        mustAct: hmpps.has(item.recommendationId) ? 'national_lead' : 'region_lead',
      });
    }
    // The national lead reads the same states: who must act does not depend on who asks.
    expect((await readiness(world.as.nationalLead)).recommendations).toEqual(fresh.recommendations);
  });

  it('needs an action when agreed or partly agreed with none, and a cancelled action does not count', async () => {
    const wigan = rec('Wigan', 1);
    await respond(world.as.rpd, wigan, { decision: 'agreed' });
    expect(await stateOf(wigan)).toEqual({ state: 'needs_action', mustAct: 'region_lead' });

    const tameside = rec('Tameside', 1);
    await respond(world.as.rpd, tameside, {
      decision: 'partly_agreed',
      rationale: 'Staffing first',
      acceptedPart: 'The audit',
    });
    expect(await stateOf(tameside)).toEqual({ state: 'needs_action', mustAct: 'region_lead' });

    const cancelled = await addAction(tameside, complete(demo.hooTameside));
    expect(await stateOf(tameside)).toEqual({ state: 'ready', mustAct: null });
    await world.testApp.database.db
      .update(actions)
      .set({ status: 'cancelled' })
      .where(eq(actions.id, cancelled));
    expect(await stateOf(tameside)).toEqual({ state: 'needs_action', mustAct: 'region_lead' });
  });

  it('needs action details while an action lacks an owner, a due date or a success measure', async () => {
    const wigan = rec('Wigan', 1);
    const bare = await addAction(wigan);
    expect(await stateOf(wigan)).toEqual({
      state: 'action_details_needed',
      mustAct: 'region_lead',
    });
    await world.testApp.database.db
      .update(actions)
      .set({ ownerId: world.ids[demo.hooWigan]!, dueDate: '2030-06-30' })
      .where(eq(actions.id, bare));
    // The success measure alone still holds it back.
    expect(await stateOf(wigan)).toEqual({
      state: 'action_details_needed',
      mustAct: 'region_lead',
    });
    await world.testApp.database.db
      .update(actions)
      .set({ successMeasure: 'Audits show the change' })
      .where(eq(actions.id, bare));
    expect(await stateOf(wigan)).toEqual({ state: 'ready', mustAct: null });
  });

  it('needs a rationale when not agreed without one, and is ready with one', async () => {
    const manchester = rec('Manchester North', 1);
    // The API refuses "not agreed" without a rationale; a response from before that rule may lack one.
    await world.testApp.database.db
      .update(recommendationRows)
      .set({ responseDecision: 'not_agreed', responseRationale: null, respondedAt: new Date() })
      .where(eq(recommendationRows.id, manchester.id));
    expect(await stateOf(manchester)).toEqual({ state: 'needs_rationale', mustAct: 'region_lead' });
    await respond(world.as.rpd, manchester, {
      decision: 'not_agreed',
      rationale: 'Covered nationally.',
    });
    expect(await stateOf(manchester)).toEqual({ state: 'ready', mustAct: null });
  });

  it('leaves an HMPPS-owned recommendation to the national lead until they answer it', async () => {
    const hmpps = hmppsOwned()[0]!;
    expect(await stateOf(hmpps)).toEqual({ state: 'needs_response', mustAct: 'national_lead' });
    await world.as.rpd
      .put(`/api/v1/recommendations/${hmpps.id}/response`)
      .send({ decision: 'agreed' })
      .expect(403);
    await respond(world.as.nationalLead, hmpps, { decision: 'agreed' });
    expect(await stateOf(hmpps)).toEqual({ state: 'needs_action', mustAct: 'national_lead' });
  });

  it('agrees with the problems: ready exactly where a recommendation has none', async () => {
    const { problems, recommendations: states, ready } = await readiness();
    const withProblems = new Set(problems.map((problem) => problem.recommendationId));
    for (const item of states) {
      expect(item.state === 'ready').toBe(!withProblems.has(item.recommendationId));
    }
    expect(ready).toBe(false);
  });
});
