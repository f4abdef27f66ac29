import type {
  Action,
  ActionAllowed,
  ActionPlan,
  PlanAllowed,
  PlanVersion,
  Recommendation,
  RecommendationAllowed,
  ReviewThread,
} from '@tracker/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type SignedInClient, type TestApp, TestClock, demo } from '../testing/app';
import { routeTestWorld } from '../testing/route-test';
import { declineAllBut, planOf } from '../testing/plans';

/**
 * The `allowed` each action, recommendation, plan, version and review thread carries, as several
 * people read it while the plan is a draft, submitted and returned: the same answers as the
 * policy gives their requests.
 */

let testApp: TestApp;
let people: Record<
  'rpd' | 'hooWigan' | 'hooTameside' | 'nationalLead' | 'inspector' | 'admin',
  SignedInClient
>;
let recommendations: Recommendation[];
let ids: Record<string, string>;
let planId: string;
let wiganAction: Action;
let hmppsAction: Action;

const rec = (pdu: string, number: number) =>
  recommendations.find((r) => r.sourcePdu.name === pdu && r.number === number)!;
const hmppsRec = () => recommendations.find((r) => r.ownerLevel === 'hmpps')!;
const plan = (path = '') => `/api/v1/action-plans/${planId}${path}`;

/** An action complete enough for the plan to be submitted, added by `client`. */
const addAction = async (client: SignedInClient, to: Recommendation, owner: string) =>
  (
    await client
      .post(`/api/v1/recommendations/${to.id}/actions`)
      .send({
        title: 'Audit 20 cases a month',
        owningUnitId: to.owningUnit.id,
        ownerId: ids[owner],
        dueDate: '2030-06-30',
        successMeasure: 'Audits agree',
      })
      .expect(201)
  ).body as Action;

beforeAll(async () => {
  ({
    testApp,
    recommendations,
    ids,
    as: people,
  } = await routeTestWorld(
    ['rpd', 'hooWigan', 'hooTameside', 'nationalLead', 'inspector', 'admin'],
    { clock: new TestClock(new Date('2026-02-02T10:00:00Z')) },
  ));
  planId = (await planOf(testApp.database.db, recommendations[0]!.inspectionId)).id;
  wiganAction = await addAction(people.hooWigan, rec('Wigan', 1), demo.hooWigan);
  hmppsAction = await addAction(people.nationalLead, hmppsRec(), demo.nationalLead);
});
afterAll(() => testApp.close());

const none: ActionAllowed = {
  change: false,
  addProgress: false,
  addEvidence: false,
  verify: false,
  moveUnit: false,
};
const changes = { ...none, change: true, addProgress: true, addEvidence: true };
const leads: ActionAllowed = {
  change: true,
  addProgress: true,
  addEvidence: true,
  verify: true,
  moveUnit: true,
};

const looks: RecommendationAllowed = {
  readLivePlan: true,
  respond: false,
  close: false,
  reopen: false,
  addAction: false,
  chooseActionUnit: false,
  link: false,
};
const addsOwn = { ...looks, addAction: true };
const addsAny = { ...addsOwn, chooseActionUnit: true };
const leadsRecommendation: RecommendationAllowed = {
  readLivePlan: true,
  respond: true,
  close: true,
  reopen: true,
  link: true,
  addAction: true,
  chooseActionUnit: true,
};

/** What each person may do with the action, read alone and in the recommendation's list. */
async function actionAllowed(person: keyof typeof people, action: Action) {
  const client = people[person];
  const one = (await client.get(`/api/v1/actions/${action.id}`).expect(200)).body as Action;
  const list = (
    await client.get(`/api/v1/actions?recommendationId=${action.recommendationId}`).expect(200)
  ).body.items as Action[];
  expect(list.find((item) => item.id === action.id)?.allowed).toEqual(one.allowed);
  return one.allowed;
}

async function recommendationAllowed(person: keyof typeof people, recommendation: Recommendation) {
  const client = people[person];
  const one = (await client.get(`/api/v1/recommendations/${recommendation.id}`).expect(200))
    .body as Recommendation;
  const list = (
    await client
      .get(`/api/v1/recommendations?inspectionId=${recommendation.inspectionId}&limit=100`)
      .expect(200)
  ).body.items as Recommendation[];
  expect(list.find((item) => item.id === recommendation.id)?.allowed).toEqual(one.allowed);
  return one.allowed;
}

async function planAllowed(person: keyof typeof people) {
  const one = (await people[person].get(plan()).expect(200)).body as ActionPlan;
  const list = (
    await people[person]
      .get(`/api/v1/action-plans?inspectionId=${recommendations[0]!.inspectionId}`)
      .expect(200)
  ).body.items as ActionPlan[];
  expect(list.find((item) => item.id === planId)?.allowed).toEqual(one.allowed);
  return one.allowed;
}

const readsPlan: PlanAllowed = {
  readLivePlan: true,
  submit: false,
  askNationalLead: false,
  respondForRegion: false,
  respondForHmpps: false,
  importActions: false,
};
/** Those who change actions are offered the import (the server decides each row). */
const importsPlan: PlanAllowed = { ...readsPlan, importActions: true };

/** The same answers whatever the plan's status: the policy does not look at it. */
async function expectTheRules() {
  // Only its region lead submits the plan and asks the national lead; each lead answers their part.
  expect(await planAllowed('rpd')).toEqual({
    ...importsPlan,
    submit: true,
    askNationalLead: true,
    respondForRegion: true,
  });
  expect(await planAllowed('nationalLead')).toEqual({ ...importsPlan, respondForHmpps: true });
  expect(await planAllowed('hooWigan')).toEqual(importsPlan);
  expect(await planAllowed('hooTameside')).toEqual(importsPlan);
  expect(await planAllowed('admin')).toEqual(readsPlan);

  // A PDU's action: its PDU changes it, the region lead leads it, no one else touches it.
  expect(await actionAllowed('rpd', wiganAction)).toEqual(leads);
  expect(await actionAllowed('hooWigan', wiganAction)).toEqual(changes);
  expect(await actionAllowed('hooTameside', wiganAction)).toEqual(none);
  expect(await actionAllowed('nationalLead', wiganAction)).toEqual(none);
  expect(await actionAllowed('admin', wiganAction)).toEqual(none);
  // HMPPS work: the national lead leads it; the region lead may not change it.
  expect(await actionAllowed('nationalLead', hmppsAction)).toEqual(leads);
  expect(await actionAllowed('hooWigan', hmppsAction)).toEqual(none);
  // Inspectors never see a live action.
  await people.inspector.get(`/api/v1/actions/${wiganAction.id}`).expect(404);

  expect(await recommendationAllowed('rpd', rec('Wigan', 1))).toEqual(leadsRecommendation);
  expect(await recommendationAllowed('hooWigan', rec('Wigan', 1))).toEqual(addsOwn);
  expect(await recommendationAllowed('hooTameside', rec('Wigan', 1))).toEqual(looks);
  expect(await recommendationAllowed('nationalLead', rec('Wigan', 1))).toEqual(looks);
  expect(await recommendationAllowed('nationalLead', hmppsRec())).toEqual(leadsRecommendation);
  expect(await recommendationAllowed('rpd', hmppsRec())).toEqual(addsAny);
  // Administrators keep letters in order: they may link any recommendation, and do nothing else.
  expect(await recommendationAllowed('admin', rec('Wigan', 1))).toEqual({ ...looks, link: true });
  expect(await recommendationAllowed('inspector', rec('Wigan', 1))).toEqual({
    ...looks,
    readLivePlan: false,
  });
}

/** Whether each person may review version 1: the inspectorate, until it is reviewed. */
async function expectReviewedBy(reviewers: (keyof typeof people)[]) {
  for (const person of Object.keys(people) as (keyof typeof people)[]) {
    const version = (await people[person].get(plan('/versions/1')).expect(200)).body as PlanVersion;
    expect(version.allowed, person).toEqual({ review: reviewers.includes(person) });
  }
}

/** Who may reply in each thread, by its subject: the same in the list and in a reply's answer. */
async function replies(person: keyof typeof people) {
  const threads = (await people[person].get(plan('/threads')).expect(200)).body
    .items as ReviewThread[];
  return Object.fromEntries(threads.map((thread) => [thread.subjectId, thread.allowed.reply]));
}

/** Inspectors see the plan once it is submitted, and may do nothing with the live plan. */
async function expectInspectorReadsOnly() {
  expect(await planAllowed('inspector')).toEqual({ ...readsPlan, readLivePlan: false });
}

describe('allowed', () => {
  it('says what each person may do with a draft plan', async () => {
    expect((await people.rpd.get(plan()).expect(200)).body.status).toBe('draft');
    await expectTheRules();
    // A draft is hidden from inspectors altogether.
    await people.inspector.get(plan()).expect(404);
  });

  it('is unchanged once the plan is submitted, and once it is returned', async () => {
    const inspectionId = recommendations[0]!.inspectionId;
    await declineAllBut(testApp.database.db, inspectionId, [rec('Wigan', 1).id, hmppsRec().id]);
    await people.rpd
      .put(`/api/v1/recommendations/${rec('Wigan', 1).id}/response`)
      .send({ decision: 'agreed' })
      .expect(200);
    await people.nationalLead
      .put(`/api/v1/recommendations/${hmppsRec().id}/response`)
      .send({ decision: 'agreed' })
      .expect(200);
    const etag = String((await people.rpd.get(plan()).expect(200)).headers.etag);
    await people.rpd
      .post(plan('/submissions'))
      .set('if-match', etag)
      .set('idempotency-key', 'allowed-1')
      .send({ declaration: true })
      .expect(201);
    expect((await people.rpd.get(plan()).expect(200)).body.status).toBe('submitted');
    await expectTheRules();
    await expectInspectorReadsOnly();
    await expectReviewedBy(['inspector']);

    await people.inspector
      .post(plan('/versions/1/review'))
      .send({
        decision: 'returned',
        reasons: 'More detail on the dates.',
        verdicts: [
          {
            subjectKind: 'recommendation',
            subjectId: rec('Wigan', 1).id,
            verdict: 'challenged',
            comment: 'Which cases are audited?',
          },
          { subjectKind: 'recommendation', subjectId: hmppsRec().id, verdict: 'accepted' },
        ],
      })
      .expect(200);
    expect((await people.rpd.get(plan()).expect(200)).body.status).toBe('returned');
    await expectTheRules();
    await expectInspectorReadsOnly();
    await expectReviewedBy([]);

    // Everyone in the review replies to a comment (any PDU of the region; administrators read
    // only); a verdict without a comment opens nothing to reply to.
    for (const person of ['rpd', 'hooWigan', 'hooTameside', 'nationalLead', 'inspector'] as const) {
      expect(await replies(person), person).toEqual({
        [rec('Wigan', 1).id]: true,
        [hmppsRec().id]: false,
      });
    }
    expect(await replies('admin')).toEqual({ [rec('Wigan', 1).id]: false, [hmppsRec().id]: false });
    const thread = (
      (await people.rpd.get(plan('/threads')).expect(200)).body.items as ReviewThread[]
    ).find((item) => item.subjectId === rec('Wigan', 1).id)!;
    const answer = (
      await people.hooWigan
        .post(`/api/v1/review-threads/${thread.id}/replies`)
        .send({ body: 'The ten oldest cases each month.' })
        .expect(201)
    ).body as ReviewThread;
    expect(answer.allowed).toEqual({ reply: true });
    await people.admin
      .post(`/api/v1/review-threads/${thread.id}/replies`)
      .send({ body: 'Noted.' })
      .expect(403);
  });
});
