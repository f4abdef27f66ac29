import type { InspectionLetter } from '@tracker/seeds';
import { and, asc, count, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';

import { createSession } from '../auth/sessions';
import type { Db } from '../db/client';
import { seedLetter } from '../db/seed';
import { actionPlans } from '../db/schema/action-plans';
import { actions } from '../db/schema/actions';
import { auditEvents } from '../db/schema/audit';
import { evidence } from '../db/schema/evidence';
import { orgUnits } from '../db/schema/org-units';
import {
  planEvents,
  planVersions,
  reviewMessages,
  reviewThreads,
} from '../db/schema/plan-versions';
import { recommendations } from '../db/schema/recommendations';
import { users } from '../db/schema/users';
import { expectFiguresToMatchRecount } from './figures';
import { type TestApp, demo } from './app';
import {
  type Model,
  type RecommendationKey,
  type RoleName,
  type UnitKey,
  initialModel,
  recommendationKeys,
} from './plan-life-model';
import { planOf } from './plans';

/** What every run shares: the app, one session per role, the units and people by key. */
export interface World {
  testApp: TestApp;
  db: Db;
  cookies: Record<RoleName, string>;
  /** Each role's user id: the actor every audit row of theirs names. */
  people: Record<RoleName, string>;
  units: Record<UnitKey, string>;
  /** Who owns new actions of each unit: an active person the server accepts as owner. */
  owners: Record<UnitKey, string>;
}

/** One run's plan, and the step counter that names each request in the audit trail. */
export interface Real {
  world: World;
  run: number;
  step: number;
  planId: string;
  recommendations: Record<RecommendationKey, string>;
}

const accounts: Record<RoleName, string> = {
  regionLead: demo.rpd,
  hooWigan: demo.hooWigan,
  hooTameside: demo.hooTameside,
  nationalLead: demo.nationalLead,
  inspector: demo.inspector,
  admin: demo.admin,
};

const unitCodes: Record<UnitKey, string> = {
  wigan: 'wigan',
  tameside: 'tameside',
  region: 'greater-manchester',
  hmpps: 'hmpps',
};

const ownerAccounts: Record<UnitKey, string> = {
  wigan: demo.hooWigan,
  tameside: demo.hooTameside,
  region: demo.rpd,
  hmpps: demo.nationalLead,
};

/** Sessions straight in the table: signing in six times with scrypt would cost a second. */
export async function createWorld(testApp: TestApp): Promise<World> {
  const db = testApp.database.db;
  const people = new Map((await db.select().from(users)).map((user) => [user.email, user.id]));
  const units = new Map((await db.select().from(orgUnits)).map((unit) => [unit.code, unit.id]));
  const cookies = {} as Record<RoleName, string>;
  const ids = {} as Record<RoleName, string>;
  for (const [role, email] of Object.entries(accounts) as [RoleName, string][]) {
    ids[role] = people.get(email)!;
    const session = await createSession(db, ids[role], testApp.clock.now());
    cookies[role] = `${testApp.app.sessionCookieName}=${session.token}`;
  }
  const byKey = <Value>(of: (key: UnitKey) => Value) =>
    Object.fromEntries(
      (Object.keys(unitCodes) as UnitKey[]).map((key) => [key, of(key)]),
    ) as Record<UnitKey, Value>;
  return {
    testApp,
    db,
    cookies,
    people: ids,
    units: byKey((key) => units.get(unitCodes[key])!),
    owners: byKey((key) => people.get(ownerAccounts[key])!),
  };
}

/** A Greater Manchester letter with one recommendation per owner level; each run gets its own. */
function runLetter(run: number): InspectionLetter {
  const pdu = (name: string, code: string) => ({
    name,
    code,
    fieldworkStartMonth: null,
    rating: { overall: null, score: null, standards: [] },
  });
  const recommendation = (
    sourcePduCode: string,
    number: number,
    ownerLevel: 'pdu' | 'region' | 'hmpps',
  ) => ({
    sourcePduCode,
    number,
    text: `improve ${ownerLevel} work ${number}`,
    ownerLevel,
    themes: ['staffing' as const],
  });
  // The seed knows an inspection by region, type and letter date: a date per run.
  const letterDate = new Date(Date.UTC(2031, 0, 1) + run * 86_400_000).toISOString().slice(0, 10);
  return {
    region: { name: 'Greater Manchester', code: 'greater-manchester' },
    pdus: [pdu('Wigan', 'wigan'), pdu('Tameside', 'tameside')],
    inspection: {
      title: `Model run ${run}`,
      kind: 'regional_review',
      letterDate,
      author: 'A',
      addressee: 'B',
    },
    // In the order of recommendationKeys.
    recommendations: [
      recommendation('wigan', 1, 'pdu'),
      recommendation('tameside', 1, 'pdu'),
      recommendation('wigan', 2, 'region'),
      recommendation('tameside', 2, 'hmpps'),
    ],
    outcomeMeasures: [],
  };
}

/** Answers straight in the database: two agreed, two not (see agreedRecommendations). */
const responses: Record<RecommendationKey, 'agreed' | 'partly_agreed' | 'not_agreed'> = {
  wigan: 'agreed',
  tameside: 'partly_agreed',
  region: 'not_agreed',
  hmpps: 'not_agreed',
};

/** A fresh draft plan for one run, and the model that goes with it. */
export async function startRun(world: World, run: number): Promise<{ model: Model; real: Real }> {
  const { db } = world;
  const { created, inspectionId } = await seedLetter(db, runLetter(run));
  if (!created) throw new Error(`run ${run} found its letter loaded already`);
  const rows = await db
    .select({ id: recommendations.id })
    .from(recommendations)
    .where(eq(recommendations.inspectionId, inspectionId))
    .orderBy(asc(recommendations.position));
  const ids = Object.fromEntries(
    recommendationKeys.map((key, index) => [key, rows[index]!.id]),
  ) as Record<RecommendationKey, string>;
  for (const key of recommendationKeys) {
    await db
      .update(recommendations)
      .set({
        responseDecision: responses[key],
        responseRationale: 'Decided for the model run.',
        responseAcceptedPart: responses[key] === 'partly_agreed' ? 'The first part' : null,
        respondedAt: world.testApp.clock.now(),
      })
      .where(eq(recommendations.id, ids[key]));
  }
  const plan = await planOf(db, inspectionId);
  return {
    model: initialModel(plan.revision, await auditRowCount(db)),
    real: { world, run, step: 0, planId: plan.id, recommendations: ids },
  };
}

export interface Sent {
  requestId: string;
  response: LightMyRequestResponse;
}

/** One request as `role`, named so its audit rows can be found. */
export async function send(
  real: Real,
  role: RoleName,
  request: {
    method: InjectOptions['method'];
    url: string;
    body?: object;
    headers?: Record<string, string>;
  },
): Promise<Sent> {
  const requestId = `plan-life-${real.run}-${real.step}`;
  const response = await real.world.testApp.app.inject({
    method: request.method,
    url: request.url,
    headers: { cookie: real.world.cookies[role], 'x-request-id': requestId, ...request.headers },
    ...(request.body ? { payload: request.body } : {}),
  });
  return { requestId, response };
}

export async function auditRowCount(db: Db): Promise<number> {
  const [row] = await db.select({ rows: count() }).from(auditEvents);
  return Number(row!.rows);
}

async function auditRowsOf(db: Db, requestId: string) {
  return db
    .select({ action: auditEvents.action, actor: auditEvents.actorUserId })
    .from(auditEvents)
    .where(eq(auditEvents.requestId, requestId));
}

/**
 * The request's audit rows are exactly those expected, and the table grew by that much only.
 * A refusal is audited after the answer is sent, so its row is waited for (briefly).
 */
export async function expectAudit(
  real: Real,
  model: Model,
  sent: { requestId: string; role: RoleName },
  expected: string | null,
) {
  const want = expected ? [{ action: expected, actor: real.world.people[sent.role] }] : [];
  let actual = await auditRowsOf(real.world.db, sent.requestId);
  for (let waited = 0; actual.length < want.length && waited < 2000; waited += 10) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    actual = await auditRowsOf(real.world.db, sent.requestId);
  }
  expect(actual, `audit rows of ${sent.requestId}`).toEqual(want);
  model.auditRows += want.length;
  expect(await auditRowCount(real.world.db), 'audit rows in all').toBe(model.auditRows);
}

/** The run's plan as stored, in the model's terms, to compare after every step. */
async function storedState(real: Real) {
  const { db } = real.world;
  const actionRows = await db
    .select({
      id: actions.id,
      title: actions.title,
      dueDate: actions.dueDate,
      status: actions.status,
      revision: actions.revision,
      unitId: actions.owningUnitId,
      submitted: sql<boolean>`${actions.firstSubmittedAt} is not null`,
    })
    .from(actions)
    .where(inArray(actions.recommendationId, Object.values(real.recommendations)));
  // Counted apart: drizzle leaves columns unqualified inside a select's sql, so a correlated
  // subquery there would compare the evidence table with itself.
  const counts = await db
    .select({ actionId: evidence.actionId, live: count() })
    .from(evidence)
    .innerJoin(actions, eq(actions.id, evidence.actionId))
    .where(
      and(
        inArray(actions.recommendationId, Object.values(real.recommendations)),
        isNull(evidence.removedAt),
      ),
    )
    .groupBy(evidence.actionId);
  const live = new Map(counts.map((row) => [row.actionId, Number(row.live)]));
  const [plan] = await db
    .select({ status: actionPlans.status, revision: actionPlans.revision })
    .from(actionPlans)
    .where(eq(actionPlans.id, real.planId));
  const versions = await db
    .select({
      number: planVersions.number,
      kind: planVersions.kind,
      decision: planVersions.decision,
    })
    .from(planVersions)
    .where(eq(planVersions.planId, real.planId))
    .orderBy(asc(planVersions.number));
  const threads = await db
    .select({ id: reviewThreads.id, messages: count(reviewMessages.id) })
    .from(reviewThreads)
    .leftJoin(reviewMessages, eq(reviewMessages.threadId, reviewThreads.id))
    .where(eq(reviewThreads.planId, real.planId))
    .groupBy(reviewThreads.id);
  const events = await db
    .select({ kind: planEvents.kind, versionNumber: planEvents.versionNumber })
    .from(planEvents)
    .where(eq(planEvents.planId, real.planId))
    .orderBy(asc(planEvents.sequence));
  return {
    events,
    actions: actionRows.map((row) => ({ ...row, evidence: live.get(row.id) ?? 0 })),
    plan: plan!,
    versions,
    threads,
  };
}

/** After every step: the stored plan is exactly what the model says. */
export async function expectStateMatches(real: Real, model: Model) {
  const stored = await storedState(real);
  // Sorted here, not by the database: uuid and string order need not agree.
  const byId = <Row extends { id: string }>(rows: Row[]) =>
    [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  expect(stored.plan, 'plan').toEqual({ status: model.status, revision: model.revision });
  expect(byId(stored.actions), 'actions').toEqual(
    byId(
      model.actions.map((action) => ({
        id: action.id,
        title: action.title,
        dueDate: action.dueDate,
        status: action.status,
        revision: action.revision,
        unitId: real.world.units[action.unit],
        submitted: action.submitted,
        evidence: action.evidence.filter((item) => !item.removed).length,
      })),
    ),
  );
  expect(stored.events, 'timeline').toEqual(model.events);
  expect(stored.versions, 'versions').toEqual(
    model.versions.map(({ number, kind, decision }) => ({ number, kind, decision })),
  );
  expect(
    byId(stored.threads.map((thread) => ({ id: thread.id, messages: Number(thread.messages) }))),
    'threads',
  ).toEqual(byId(model.threads).map(({ id, messages }) => ({ id, messages })));
  await expectFiguresToMatchRecount(real.world.db, real.world.testApp.clock.now(), {
    planId: real.planId,
  });
}

/** The threads a review opened, oldest first, to reply to later. */
export async function threadsOpenedBy(real: Real, versionNumber: number) {
  const rows = await real.world.db
    .select({ id: reviewThreads.id, messages: count(reviewMessages.id) })
    .from(reviewThreads)
    .innerJoin(planVersions, eq(planVersions.id, reviewThreads.versionId))
    .leftJoin(reviewMessages, eq(reviewMessages.threadId, reviewThreads.id))
    .where(and(eq(reviewThreads.planId, real.planId), eq(planVersions.number, versionNumber)))
    .groupBy(reviewThreads.id);
  return rows.map((row) => ({ id: row.id, messages: Number(row.messages) }));
}
