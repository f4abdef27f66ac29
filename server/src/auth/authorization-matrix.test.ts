import { eq } from 'drizzle-orm';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { seedLetter } from '../db/seed';
import { actionPlans } from '../db/schema/action-plans';
import { actions } from '../db/schema/actions';
import { evidence, evidenceFiles } from '../db/schema/evidence';
import { recommendationLinks, recommendations } from '../db/schema/recommendations';
import { planVersions, reviewMessages, reviewThreads } from '../db/schema/plan-versions';
import { notifications } from '../db/schema/notifications';
import { outcomeMeasures } from '../db/schema/outcome-measures';
import { defaultMeasureSettings } from '../outcome-measures/met';
import { livePlanDocument } from '../action-plans/document';
import { type TestApp, createTestApp, demo } from '../testing/app';
import { fingerprint as businessFingerprint } from '../testing/fingerprint';
import { northWestLetter } from '../testing/other-region';

/**
 * Every role x every /api/v1 route x a subject in the Wigan PDU, in Tameside (another PDU of
 * the same region) and in another region. One table says what each should answer; a route
 * missing from the table fails the test.
 */

const actors = [
  'anonymous',
  'admin',
  'regionLead',
  'hooWigan',
  'nationalLead',
  'inspector',
  'apiRead',
  'revokedToken',
] as const;
type ActorName = (typeof actors)[number];
const subjects = ['wigan', 'tameside', 'otherRegion'] as const;
type SubjectName = (typeof subjects)[number];

type Statuses = Partial<Record<ActorName, number>> & { default: number };
type Expectation = Statuses | Record<SubjectName, Statuses>;

const signedIn = (status: number): Statuses => ({
  default: status,
  anonymous: 401,
  revokedToken: 401,
});
const onlyFor = (status: number, ...allowed: ActorName[]): Statuses => ({
  ...signedIn(403),
  ...Object.fromEntries(allowed.map((actor) => [actor, status])),
});
/** Region-scoped people see their own region (both PDUs) and get 404 for another region. */
const inRegion = (visible: Statuses): Record<SubjectName, Statuses> => ({
  wigan: visible,
  tameside: visible,
  otherRegion: { ...visible, regionLead: 404, hooWigan: 404, apiRead: 404 },
});
/** The same answer whichever subject. */
const anySubject = (statuses: Statuses): Record<SubjectName, Statuses> => ({
  wigan: statuses,
  tameside: statuses,
  otherRegion: statuses,
});
const hiddenFromInspectors = (statuses: Record<SubjectName, Statuses>) =>
  Object.fromEntries(
    Object.entries(statuses).map(([subject, s]) => [subject, { ...s, inspector: 404 }]),
  ) as Record<SubjectName, Statuses>;

/** Different answers per subject: a Wigan one, a Tameside one, another region's. */
const bySubject = (wigan: Statuses, tameside: Statuses, otherRegion: Statuses) => ({
  wigan,
  tameside,
  otherRegion,
});
/** Another region's subject is hidden from region-scoped people. */
const outsideRegion = (statuses: Statuses): Statuses => ({
  ...statuses,
  regionLead: 404,
  hooWigan: 404,
  apiRead: statuses.apiRead ?? 404,
});
/** A read-only API client is refused any write before its scope is looked at. */
const write = (statuses: Statuses): Statuses => ({ ...statuses, apiRead: 403 });
/** Changing an action: its PDU's head of operations and the region lead; inspectors never see it. */
const actionChange = (status: number) =>
  bySubject(
    { ...signedIn(403), regionLead: status, hooWigan: status, inspector: 404 },
    { ...signedIn(403), regionLead: status, inspector: 404 },
    outsideRegion(write({ ...signedIn(403), inspector: 404 })),
  );
/** A lead's act on a region's recommendation (administrators may also correct). */
const leadOnly = (status: number, extra: Partial<Record<ActorName, number>> = {}) =>
  bySubject(
    { ...signedIn(403), regionLead: status, ...extra },
    { ...signedIn(403), regionLead: status, ...extra },
    outsideRegion(write({ ...signedIn(403), ...extra })),
  );

const matrix: Record<string, Expectation> = {
  'POST /api/v1/session': { default: 401, revokedToken: 401 },
  // Signing out is a write: a read-only API client may not.
  'DELETE /api/v1/session': { ...signedIn(204), apiRead: 403 },
  'GET /api/v1/me': signedIn(200),
  'GET /api/v1/me/next-steps': signedIn(200),
  'PUT /api/v1/me/password': { ...signedIn(400), apiRead: 403 },
  'POST /api/v1/password': { default: 400, revokedToken: 401 },
  'GET /api/v1/sign-in-options': { default: 200, revokedToken: 401 },
  // Public; the table's literal ":number" is no issuer's number, so 400 before anything else.
  'GET /api/v1/oidc/:number/sign-in': { default: 400, revokedToken: 401 },
  'GET /api/v1/oidc/:number/callback': { default: 400, revokedToken: 401 },
  'GET /api/v1/users': onlyFor(200, 'admin'),
  'GET /api/v1/pending-accounts': onlyFor(200, 'admin'),
  // No pending account has these ids: the administrator is let through to find none.
  'POST /api/v1/pending-accounts/:id/approval': anySubject(onlyFor(404, 'admin')),
  'DELETE /api/v1/pending-accounts/:id': anySubject(onlyFor(404, 'admin')),
  'POST /api/v1/users': onlyFor(201, 'admin'),
  'GET /api/v1/users/:id': anySubject(onlyFor(200, 'admin')),
  'PATCH /api/v1/users/:id': anySubject(onlyFor(200, 'admin')),
  'POST /api/v1/users/:id/password-reset': anySubject(onlyFor(200, 'admin')),
  'POST /api/v1/users/:id/disable': anySubject(onlyFor(200, 'admin')),
  'POST /api/v1/users/:id/enable': anySubject(onlyFor(200, 'admin')),
  'GET /api/v1/users/:id/open-actions': anySubject(onlyFor(200, 'admin')),
  'POST /api/v1/users/:id/reassign-actions': anySubject(onlyFor(200, 'admin')),
  'GET /api/v1/people': onlyFor(200, 'admin', 'regionLead', 'hooWigan', 'nationalLead', 'apiRead'),
  'GET /api/v1/api-clients': onlyFor(200, 'admin'),
  'POST /api/v1/api-clients': onlyFor(201, 'admin'),
  'POST /api/v1/api-clients/:id/revoke': anySubject(onlyFor(200, 'admin')),
  'GET /api/v1/audit-events': onlyFor(200, 'admin', 'regionLead', 'apiRead'),
  'GET /api/v1/outbox-emails': onlyFor(200, 'admin'),
  'GET /api/v1/org-units': signedIn(200),
  'GET /api/v1/org-units/:id': inRegion(signedIn(200)),
  'POST /api/v1/org-units': onlyFor(201, 'admin'),
  // An empty sheet: the administrator's dry run reports nothing to add.
  'POST /api/v1/org-unit-imports': onlyFor(200, 'admin'),
  // Sent with a stale If-Match: the administrator gets 412, so the unit survives the test.
  'PATCH /api/v1/org-units/:id': anySubject(onlyFor(412, 'admin')),
  'GET /api/v1/inspections': signedIn(200),
  'GET /api/v1/inspections/:id': inRegion(signedIn(200)),
  'POST /api/v1/inspections': onlyFor(201, 'admin'),
  // Both plans have been submitted in setUp, so an administrator's import finds no draft: 409.
  'POST /api/v1/inspections/:id/recommendation-imports': anySubject(onlyFor(409, 'admin')),
  // A CSV: the letter needs a workbook of named sheets, so the administrator is refused 400.
  'POST /api/v1/inspections/:id/letter-imports': anySubject(onlyFor(400, 'admin')),
  'GET /api/v1/inspections/:id/letter-imports/template': anySubject(onlyFor(200, 'admin')),
  // Both inspections are the inspectorate's: the administrator is told it names no reviewer.
  'PUT /api/v1/inspections/:id/reviewer': anySubject(onlyFor(409, 'admin')),
  'GET /api/v1/recommendations': signedIn(200),
  'GET /api/v1/recommendations/:id': inRegion(signedIn(200)),
  'GET /api/v1/outcome-measures': signedIn(200),
  'GET /api/v1/outcome-measures/:id': hiddenFromInspectors(inRegion(signedIn(200))),
  'GET /api/v1/action-plans': signedIn(200),
  // Both plans have been submitted (version 1), so inspectors see them, never their live data.
  'GET /api/v1/action-plans/:id': inRegion(signedIn(200)),
  'GET /api/v1/action-plans/:id/summary': hiddenFromInspectors(inRegion(signedIn(200))),
  'PUT /api/v1/recommendations/:id/response': leadOnly(200),
  'PATCH /api/v1/recommendations/:id': leadOnly(200, { admin: 200 }),
  // Allowed callers get 409: the recommendation has no finished actions / is not closed.
  // Links: anyone who sees the letter reads them; its lead or an administrator makes them.
  'GET /api/v1/recommendations/:id/links': inRegion(signedIn(200)),
  'POST /api/v1/recommendations/:id/links': leadOnly(201, { admin: 201 }),
  // Each subject link is one a response relies on ("addressed by"): allowed callers get 409,
  // so it survives the test.
  'DELETE /api/v1/recommendation-links/:id': leadOnly(409, { admin: 409 }),
  'POST /api/v1/recommendations/:id/close': leadOnly(409),
  'POST /api/v1/recommendations/:id/reopen': leadOnly(409),
  'POST /api/v1/recommendations/:id/actions': bySubject(
    { ...signedIn(403), regionLead: 201, hooWigan: 201, inspector: 404 },
    { ...signedIn(403), regionLead: 201, inspector: 404 },
    outsideRegion(write({ ...signedIn(403), inspector: 404 })),
  ),
  'POST /api/v1/recommendations/:id/outcome-measures': actionChange(201),
  'POST /api/v1/outcome-measures/:id/readings': actionChange(201),
  // Sent without If-Match: allowed callers get 428, so seeded measures survive the test.
  'PATCH /api/v1/outcome-measures/:id': actionChange(428),
  'DELETE /api/v1/outcome-measures/:id': actionChange(428),
  'GET /api/v1/actions': signedIn(200),
  'GET /api/v1/actions/:id': hiddenFromInspectors(inRegion(signedIn(200))),
  'PATCH /api/v1/actions/:id': actionChange(200),
  // Sent with a stale If-Match: allowed callers get 412, so the subject survives the test.
  'DELETE /api/v1/actions/:id': actionChange(412),
  'GET /api/v1/actions/:id/updates': hiddenFromInspectors(inRegion(signedIn(200))),
  'GET /api/v1/actions/:id/evidence': hiddenFromInspectors(inRegion(signedIn(200))),
  'POST /api/v1/actions/:id/evidence': actionChange(201),
  'GET /api/v1/evidence/:id/content': hiddenFromInspectors(inRegion(signedIn(200))),
  // The region lead removes each item first, so the Wigan head of operations then finds it gone.
  'POST /api/v1/evidence/:id/remove': (() => {
    const statuses = actionChange(200);
    return { ...statuses, wigan: { ...statuses.wigan, hooWigan: 409 } };
  })(),
  'POST /api/v1/actions/:id/updates': actionChange(201),
  'GET /api/v1/action-plans/:id/readiness': hiddenFromInspectors(inRegion(signedIn(200))),
  // The region lead may submit; the plan awaits review already, so they get 409.
  'POST /api/v1/action-plans/:id/submissions': bySubject(
    write({ ...signedIn(403), regionLead: 409 }),
    write({ ...signedIn(403), regionLead: 409 }),
    outsideRegion(write(signedIn(403))),
  ),
  // Only the plan's region lead asks; the plan awaits review already, so they get 409.
  'POST /api/v1/action-plans/:id/national-lead-requests': bySubject(
    write({ ...signedIn(403), regionLead: 409, inspector: 404 }),
    write({ ...signedIn(403), regionLead: 409, inspector: 404 }),
    outsideRegion(write({ ...signedIn(403), inspector: 404 })),
  ),
  'GET /api/v1/action-plans/:id/versions': inRegion(signedIn(200)),
  'GET /api/v1/action-plans/:id/versions/:number': inRegion(signedIn(200)),
  'GET /api/v1/action-plans/:id/versions/:number/diff/:other': hiddenFromInspectors(
    inRegion(signedIn(200)),
  ),
  'GET /api/v1/action-plans/:id/versions/:number/evidence/:evidenceId/content': inRegion(
    signedIn(200),
  ),
  'GET /api/v1/action-plans/:id/threads': inRegion(signedIn(200)),
  'GET /api/v1/action-plans/:id/history': inRegion(signedIn(200)),
  // The inspectorate and the plan's region take part in threads; national leads too.
  'POST /api/v1/review-threads/:id/replies': bySubject(
    write({ ...signedIn(403), regionLead: 201, hooWigan: 201, nationalLead: 201, inspector: 201 }),
    write({ ...signedIn(403), regionLead: 201, hooWigan: 201, nationalLead: 201, inspector: 201 }),
    outsideRegion(write({ ...signedIn(403), nationalLead: 201, inspector: 201 })),
  ),
  // Live exports and imports are live plan data; each imported row is authorised on its own.
  'GET /api/v1/action-plans/:id/export': hiddenFromInspectors(inRegion(signedIn(200))),
  // Every role reads the roll-up within its own scope (tested in roll-up/roll-up.test.ts).
  'GET /api/v1/roll-up': signedIn(200),
  'GET /api/v1/roll-up/export': signedIn(200),
  'POST /api/v1/action-plans/:id/imports': bySubject(
    write({ ...signedIn(200), inspector: 404 }),
    write({ ...signedIn(200), inspector: 404 }),
    outsideRegion(write({ ...signedIn(200), inspector: 404 })),
  ),
  // People have notifications; API clients do not (and a read-only one may not write).
  'GET /api/v1/notifications': { ...signedIn(200), apiRead: 403 },
  'POST /api/v1/notifications/read-all': { ...signedIn(200), apiRead: 403 },
  // The subjects are the region lead's notifications: only they may mark them read.
  'POST /api/v1/notifications/:id/read': anySubject({
    ...signedIn(404),
    regionLead: 200,
    apiRead: 403,
  }),
  // Calendar feeds are people's own; the feed itself answers only to its token (none sent).
  'POST /api/v1/calendar-feeds': { ...signedIn(201), apiRead: 403 },
  'GET /api/v1/calendar-feeds': { ...signedIn(200), apiRead: 403 },
  'POST /api/v1/calendar-feeds/:id/revoke': anySubject({
    ...signedIn(404),
    regionLead: 200,
    apiRead: 403,
  }),
  'GET /api/v1/calendar-feeds/:id/calendar.ics': anySubject({ default: 401 }),
  // Last of the plan's rows: the first review decides the version, the next finds it decided.
  'POST /api/v1/action-plans/:id/versions/:number/review': bySubject(
    write({ ...signedIn(403), inspector: 200 }),
    write({ ...signedIn(403), inspector: 409 }),
    outsideRegion(write({ ...signedIn(403), inspector: 200 })),
  ),
};

/**
 * The reads while both plans are drafts, where they differ from the table above: nothing has
 * been submitted, so inspectors see no plan at all and there is no version 1 for anyone.
 */
const noVersionYet = anySubject(signedIn(404));
const draftReads: Record<string, Expectation> = {
  'GET /api/v1/action-plans/:id': hiddenFromInspectors(inRegion(signedIn(200))),
  'GET /api/v1/action-plans/:id/versions': hiddenFromInspectors(inRegion(signedIn(200))),
  'GET /api/v1/action-plans/:id/versions/:number': noVersionYet,
  'GET /api/v1/action-plans/:id/versions/:number/diff/:other': noVersionYet,
  'GET /api/v1/action-plans/:id/versions/:number/evidence/:evidenceId/content': noVersionYet,
  'GET /api/v1/action-plans/:id/threads': hiddenFromInspectors(inRegion(signedIn(200))),
  'GET /api/v1/action-plans/:id/history': hiddenFromInspectors(inRegion(signedIn(200))),
};

/**
 * Written into the live plan (responses, actions, measures) of every subject: an inspector's
 * answer must never hold it. The draft's is frozen into version 1 on submission, where
 * inspectors may read it; what the region writes after that is live again.
 */
const draftMarker = 'draft-only-5e1c';
const sinceSubmissionMarker = 'since-submission-9b27';

let testApp: TestApp;
const credentials = {} as Record<ActorName, Record<string, string>>;
/** Ids of the subjects of each resource, by subject name. */
const subjectIds = {} as Record<string, Record<SubjectName, string>>;
let emailCounter = 0;
let inspectorateId: string;
/** The other region, where administrators load new inspections. */
let northWestId: string;
/** An active person actions may be handed to. */
let reassignTargetId: string;
/** Greater Manchester recommendations new links point to, one after another (never a subject). */
let linkTargets: string[];
/** The PDU each subject recommendation came from (actions added to it belong there). */
let recommendationUnits: Record<SubjectName, string>;

/** Cheap fingerprint of business data: row counts and the latest change of each table. */
const fingerprint = () => businessFingerprint(testApp.database.db);

async function setUp() {
  testApp = await createTestApp({ env: { SIGNIN_MAX_FAILURES: '1000' } });
  const db = testApp.database.db;
  await seedLetter(
    db,
    northWestLetter([
      {
        recommendation: { sourcePduCode: 'liverpool-north', number: 1 },
        name: 'Vacancies',
        unit: 'per cent',
        direction: 'lower_is_better',
        baseline: { value: 10, date: null, period: 'now', source: 'ten per cent' },
      },
    ]),
  );

  const admin = await testApp.signIn(demo.admin);
  const adminApi = (method: 'get' | 'post', url: string) =>
    request(testApp.app.server)[method](url).set('cookie', admin);
  const units = Object.fromEntries(
    (
      (await adminApi('get', '/api/v1/org-units').expect(200)).body.items as {
        code: string;
        id: string;
      }[]
    ).map((u) => [u.code, u.id]),
  );
  subjectIds['org-units'] = {
    wigan: units.wigan!,
    tameside: units.tameside!,
    otherRegion: units['liverpool-north']!,
  };
  inspectorateId = units['hmi-probation']!;
  northWestId = units['north-west']!;

  const inspectionList = (await adminApi('get', '/api/v1/inspections').expect(200)).body.items as {
    id: string;
    region: { name: string };
  }[];
  const gmInspection = inspectionList.find((i) => i.region.name === 'Greater Manchester')!.id;
  const nwInspection = inspectionList.find((i) => i.region.name === 'North West')!.id;
  subjectIds.inspections = {
    wigan: gmInspection,
    tameside: gmInspection,
    otherRegion: nwInspection,
  };

  const recs = (await adminApi('get', '/api/v1/recommendations?limit=200').expect(200)).body
    .items as {
    id: string;
    number: number;
    sourcePdu: { name: string };
  }[];
  const recFor = (pdu: string) => recs.find((r) => r.sourcePdu.name === pdu)!.id;
  subjectIds.recommendations = {
    wigan: recFor('Wigan'),
    tameside: recFor('Tameside'),
    otherRegion: recFor('Liverpool North'),
  };

  subjectIds['recommendation-links'] = await responseLinks(recs, nwInspection);
  linkTargets = recs
    .filter(
      (r) =>
        r.sourcePdu.name !== 'Liverpool North' &&
        r.id !== subjectIds.recommendations!.wigan &&
        r.id !== subjectIds.recommendations!.tameside,
    )
    .map((r) => r.id);

  const rpdCookie = await testApp.signIn(demo.rpd);
  const addAction = async (recommendationId: string, owningUnitId: string) =>
    (
      await request(testApp.app.server)
        .post(`/api/v1/recommendations/${recommendationId}/actions`)
        .set('cookie', rpdCookie)
        .send({ title: 'Subject action', owningUnitId })
        .expect(201)
    ).body.id as string;
  const [nwRecommendation] = await db
    .select()
    .from(recommendations)
    .where(eq(recommendations.text, 'improve something'));
  const [nwAction] = await db
    .insert(actions)
    .values({
      recommendationId: nwRecommendation!.id,
      title: 'North West action',
      owningUnitId: nwRecommendation!.owningUnitId,
    })
    .returning({ id: actions.id });
  subjectIds.actions = {
    wigan: await addAction(subjectIds.recommendations.wigan, units.wigan!),
    tameside: await addAction(subjectIds.recommendations.tameside, units.tameside!),
    otherRegion: nwAction!.id,
  };
  subjectIds.evidence = {} as Record<SubjectName, string>;
  for (const subject of subjects) {
    const [file] = await db
      .insert(evidenceFiles)
      .values({ content: Buffer.from('%PDF-1.4 matrix') })
      .returning({ id: evidenceFiles.id });
    const [item] = await db
      .insert(evidence)
      .values({
        actionId: subjectIds.actions[subject],
        kind: 'file',
        title: 'Matrix file',
        fileId: file!.id,
        fileName: 'matrix.pdf',
        mediaType: 'application/pdf',
        sizeBytes: 15,
        sha256: 'x',
      })
      .returning({ id: evidence.id });
    subjectIds.evidence[subject] = item!.id;
  }
  recommendationUnits = {
    wigan: units.wigan!,
    tameside: units.tameside!,
    otherRegion: units['liverpool-north']!,
  };

  const measures = (await adminApi('get', '/api/v1/outcome-measures?limit=200').expect(200)).body
    .items as {
    id: string;
    recommendationId: string;
  }[];
  const recSource = new Map(recs.map((r) => [r.id, r.sourcePdu.name]));
  const measureFor = (pdu: string) =>
    measures.find((m) => recSource.get(m.recommendationId) === pdu)!.id;
  subjectIds['outcome-measures'] = {
    wigan: measureFor('Wigan'),
    tameside: measureFor('Tameside'),
    otherRegion: measureFor('Liverpool North'),
  };

  const plans = (await adminApi('get', '/api/v1/action-plans').expect(200)).body.items as {
    id: string;
    region: { name: string };
  }[];
  const gmPlan = plans.find((p) => p.region.name === 'Greater Manchester')!.id;
  subjectIds['action-plans'] = {
    wigan: gmPlan,
    tameside: gmPlan,
    otherRegion: plans.find((p) => p.region.name === 'North West')!.id,
  };

  const rpdId = (await adminApi('get', '/api/v1/users?limit=200').expect(200)).body.items.find(
    (user: { email: string }) => user.email === demo.rpd,
  ).id as string;
  subjectIds['calendar-feeds'] = {} as Record<SubjectName, string>;
  for (const subject of subjects) {
    const feed = await request(testApp.app.server)
      .post('/api/v1/calendar-feeds')
      .set('cookie', rpdCookie)
      .send({})
      .expect(201);
    subjectIds['calendar-feeds'][subject] = feed.body.id;
  }
  subjectIds.notifications = {} as Record<SubjectName, string>;
  for (const subject of subjects) {
    const [notice] = await db
      .insert(notifications)
      .values({ recipientId: rpdId, kind: 'comment', message: `For ${subject}`, link: '/' })
      .returning({ id: notifications.id });
    subjectIds.notifications[subject] = notice!.id;
  }
  // Users and API clients acted upon are made for the test, so no actor loses its own session.
  const subjectUser = async (name: string, role: string, unitId: string) =>
    (
      await adminApi('post', '/api/v1/users')
        .send({ email: `${name}@subjects.example`, name, role, unitId })
        .expect(201)
    ).body.user.id as string;
  subjectIds.users = {
    wigan: await subjectUser('subject-wigan', 'head_of_operations', units.wigan!),
    tameside: await subjectUser('subject-tameside', 'head_of_operations', units.tameside!),
    otherRegion: await subjectUser('subject-nw', 'region_lead', units['north-west']!),
  };
  subjectIds['pending-accounts'] = {
    wigan: crypto.randomUUID(),
    tameside: crypto.randomUUID(),
    otherRegion: crypto.randomUUID(),
  };
  const client = async (name: string, unitId: string, permission = 'read') =>
    (await adminApi('post', '/api/v1/api-clients').send({ name, unitId, permission }).expect(201))
      .body as {
      client: { id: string };
      token: string;
    };
  subjectIds['api-clients'] = {
    wigan: (await client('subject-wigan', units.wigan!)).client.id,
    tameside: (await client('subject-tameside', units.tameside!)).client.id,
    otherRegion: (await client('subject-nw', units['north-west']!)).client.id,
  };

  const apiRead = await client('matrix reader', units['greater-manchester']!);
  const revoked = await client('matrix revoked', units['greater-manchester']!);
  await adminApi('post', `/api/v1/api-clients/${revoked.client.id}/revoke`).expect(200);

  credentials.anonymous = {};
  credentials.admin = { cookie: admin };
  credentials.regionLead = { cookie: await testApp.signIn(demo.rpd) };
  reassignTargetId = (
    await request(testApp.app.server).get('/api/v1/me').set(credentials.regionLead)
  ).body.id;
  credentials.hooWigan = { cookie: await testApp.signIn(demo.hooWigan) };
  credentials.nationalLead = { cookie: await testApp.signIn(demo.nationalLead) };
  credentials.inspector = { cookie: await testApp.signIn(demo.inspector) };
  credentials.apiRead = { authorization: `Bearer ${apiRead.token}` };
  credentials.revokedToken = { authorization: `Bearer ${revoked.token}` };
  await writeLivePlan(draftMarker);
}

/**
 * In each subject's place, a recommendation answered "addressed by" another through a link
 * (Wigan 2 by Wigan 3, Tameside 2 by Tameside 4, and a second North West recommendation by
 * the first): the links are the subjects of their removal, which the response stops.
 */
async function responseLinks(
  recs: { id: string; number: number; sourcePdu: { name: string } }[],
  nwInspection: string,
): Promise<Record<SubjectName, string>> {
  const db = testApp.database.db;
  const find = (pdu: string, number: number) =>
    recs.find((r) => r.sourcePdu.name === pdu && r.number === number)!.id;
  const [first] = await db
    .select()
    .from(recommendations)
    .where(eq(recommendations.inspectionId, nwInspection));
  const [second] = await db
    .insert(recommendations)
    .values({ ...first!, id: undefined, number: 2, position: 2, text: 'improve something else' })
    .returning({ id: recommendations.id });
  const linked = async (from: string, to: string) => {
    const [made] = await db
      .insert(recommendationLinks)
      .values({ fromRecommendationId: from, toRecommendationId: to, relation: 'addressed_by' })
      .returning({ id: recommendationLinks.id });
    await db
      .update(recommendations)
      .set({
        responseDecision: 'addressed_by',
        responseAddressedById: to,
        responseRationale: 'Addressed by the other',
        respondedAt: new Date(),
      })
      .where(eq(recommendations.id, from));
    return made!.id;
  };
  return {
    wigan: await linked(find('Wigan', 2), find('Wigan', 3)),
    tameside: await linked(find('Tameside', 2), find('Tameside', 4)),
    otherRegion: await linked(second!.id, first!.id),
  };
}

/** Submits both plans (version 1, with a review thread each); the region then writes on. */
async function submitPlans() {
  subjectIds['review-threads'] = {} as Record<SubjectName, string>;
  for (const subject of subjects) {
    const threadId = await submittedWithThread(subjectIds['action-plans']![subject]);
    subjectIds['review-threads'][subject] = threadId;
  }
  await writeLivePlan(sinceSubmissionMarker);
}

/** Puts the marker into every subject's live response, action and outcome measure. */
async function writeLivePlan(marker: string) {
  const db = testApp.database.db;
  for (const subject of subjects) {
    await db
      .update(recommendations)
      .set({
        responseDecision: 'partly_agreed',
        responseRationale: `Rationale ${marker}`,
        responseAcceptedPart: `Part ${marker}`,
        respondedAt: new Date(),
      })
      .where(eq(recommendations.id, subjectIds.recommendations![subject]));
    await db
      .update(actions)
      .set({ description: `Description ${marker}` })
      .where(eq(actions.id, subjectIds.actions![subject]));
    await db
      .update(outcomeMeasures)
      .set({ name: `Measure ${marker}` })
      .where(eq(outcomeMeasures.id, subjectIds['outcome-measures']![subject]));
  }
}

/** Sets both plans' status, as a review deciding them would. */
async function setPlanStatus(status: 'submitted' | 'returned') {
  for (const planId of new Set(Object.values(subjectIds['action-plans']!)))
    await testApp.database.db.update(actionPlans).set({ status }).where(eq(actionPlans.id, planId));
}

/**
 * Freezes a plan as version 1 (as a submission would; the matrix's plans are not complete) and
 * opens a commented thread on its first recommendation. Both subjects of a region share it.
 */
const threadOfPlan = new Map<string, string>();
async function submittedWithThread(planId: string): Promise<string> {
  if (threadOfPlan.has(planId)) return threadOfPlan.get(planId)!;
  const db = testApp.database.db;
  const [plan] = await db.select().from(actionPlans).where(eq(actionPlans.id, planId));
  const now = new Date();
  const document = await livePlanDocument(
    db,
    plan!.inspectionId,
    { on: now, by: 'Matrix' },
    { rag: { now, dueSoonDays: 14 }, measures: defaultMeasureSettings },
  );
  const [version] = await db
    .insert(planVersions)
    .values({ planId, number: 1, kind: 'submission', document, submittedByLabel: 'Matrix' })
    .returning({ id: planVersions.id });
  await db.update(actionPlans).set({ status: 'submitted' }).where(eq(actionPlans.id, planId));
  const first = document.recommendations[0]!;
  const [thread] = await db
    .insert(reviewThreads)
    .values({
      planId,
      versionId: version!.id,
      subjectKind: 'recommendation',
      subjectId: first.id,
      subjectLabel: 'First',
      verdict: 'challenged',
    })
    .returning({ id: reviewThreads.id });
  await db.insert(reviewMessages).values({
    threadId: thread!.id,
    authorLabel: 'Inspector',
    authorRole: 'inspector',
    body: 'Why?',
  });
  threadOfPlan.set(planId, thread!.id);
  return thread!.id;
}

/** Routes that take a file: an empty sheet in each one's layout (a dry run, or refused). */
const uploads: Record<string, string> = {
  'POST /api/v1/action-plans/:id/imports': 'Source PDU,Recommendation number,Action ID,Action\r\n',
  'POST /api/v1/inspections/:id/recommendation-imports':
    'Source PDU,Number,Recommendation,Owner level,Owning unit,Themes\r\n',
  'POST /api/v1/org-unit-imports': 'Type,Name,Code,Region\r\n',
  'POST /api/v1/inspections/:id/letter-imports': 'Overall rating,Publication date\r\n',
};

/** A valid body for each write, so what decides the answer is who asks. */
function bodyFor(route: string, subject: SubjectName | null): object | undefined {
  emailCounter += 1;
  switch (route) {
    case 'POST /api/v1/session':
      return { email: `nobody${emailCounter}@nowhere.example`, password: 'wrong' };
    case 'PUT /api/v1/me/password':
      return { currentPassword: 'not-the-password', newPassword: 'a long enough password' };
    case 'POST /api/v1/password':
      return { token: 'x'.repeat(43), password: 'a long enough password' };
    case 'POST /api/v1/users':
      return {
        email: `made${emailCounter}@subjects.example`,
        name: 'Made',
        role: 'inspector',
        unitId: inspectorateId,
      };
    case 'PATCH /api/v1/users/:id':
      return { name: `Renamed ${emailCounter}` };
    case 'POST /api/v1/org-units':
      return {
        name: `Matrix region ${emailCounter}`,
        code: `matrix-region-${emailCounter}`,
        type: 'region',
      };
    case 'PATCH /api/v1/org-units/:id':
      return { name: `Renamed ${emailCounter}` };
    case 'POST /api/v1/pending-accounts/:id/approval':
      return { role: 'inspector', unitId: inspectorateId };
    case 'POST /api/v1/users/:id/reassign-actions':
      return { toUserId: reassignTargetId };
    case 'PUT /api/v1/recommendations/:id/response':
      return { decision: 'agreed' };
    case 'PATCH /api/v1/recommendations/:id':
      return { themes: ['staffing'] };
    case 'POST /api/v1/recommendations/:id/links':
      return {
        toRecommendationId: linkTargets[emailCounter % linkTargets.length],
        relation: 'overlaps',
      };
    case 'POST /api/v1/recommendations/:id/close':
      return { closingNote: 'Closing' };
    case 'POST /api/v1/recommendations/:id/reopen':
      return { reason: 'Reopening' };
    case 'POST /api/v1/recommendations/:id/actions':
      return {
        title: `Matrix action ${emailCounter}`,
        owningUnitId: recommendationUnits[subject!],
      };
    case 'POST /api/v1/recommendations/:id/outcome-measures':
      return {
        name: `Measure ${emailCounter}`,
        unit: 'per cent',
        direction: 'lower_is_better',
        baseline: { value: 10, period: 'January 2023', source: 'The letter' },
      };
    case 'POST /api/v1/outcome-measures/:id/readings':
      return { value: 1, readingDate: '2025-01-01' };
    case 'PATCH /api/v1/outcome-measures/:id':
      return { name: `Renamed ${emailCounter}` };
    case 'PATCH /api/v1/actions/:id':
      return { title: `Renamed ${emailCounter}` };
    case 'POST /api/v1/actions/:id/evidence':
      return { kind: 'note', title: `Note ${emailCounter}`, note: 'Matrix note' };
    case 'POST /api/v1/evidence/:id/remove':
      return { reason: 'Matrix removal' };
    case 'POST /api/v1/actions/:id/updates':
      return { narrative: `Update ${emailCounter}` };
    case 'POST /api/v1/action-plans/:id/submissions':
      return { declaration: true };
    case 'POST /api/v1/inspections':
      return {
        title: `Matrix inspection ${emailCounter}`,
        kind: 'pdu_inspection',
        regionId: northWestId,
        letterDate: `2025-06-${String((emailCounter % 28) + 1).padStart(2, '0')}`,
        author: 'Matrix author',
        addressee: 'Matrix addressee',
      };
    case 'PUT /api/v1/inspections/:id/reviewer':
      return { reviewerId: '00000000-0000-4000-8000-000000000000' };
    case 'POST /api/v1/calendar-feeds':
      return {};
    case 'POST /api/v1/review-threads/:id/replies':
      return { body: `Reply ${emailCounter}` };
    case 'POST /api/v1/action-plans/:id/versions/:number/review':
      return { decision: 'accepted' };
    case 'POST /api/v1/api-clients':
      return {
        name: `client ${emailCounter}`,
        unitId: subjectIds['org-units']!.wigan,
        permission: 'read',
      };
    default:
      return undefined;
  }
}

function statusFor(
  expectation: Expectation,
  actor: ActorName,
  subject: SubjectName | null,
): number {
  const statuses = subject
    ? (expectation as Record<SubjectName, Statuses>)[subject]
    : (expectation as Statuses);
  return statuses[actor] ?? statuses.default;
}

beforeAll(setUp, 120_000);
afterAll(() => testApp.close());

describe('the authorisation matrix', () => {
  it('covers every /api/v1 route, and nothing else', () => {
    const served = testApp.app.routeTable
      .filter((route) => route.url.startsWith('/api/v1'))
      .map((route) => `${route.method} ${route.url}`)
      .sort();
    expect(Object.keys(matrix).sort()).toEqual(served);
  });

  describe('while the plans are drafts', () => {
    it('answers every read as the table says, and shows inspectors none of the draft', async () => {
      const failures = await runMatrix(readsOf({ ...matrix, ...draftReads }), draftMarker);
      expect(failures).toEqual([]);
    }, 300_000);
  });

  describe('once the plans are submitted', () => {
    beforeAll(submitPlans, 60_000);

    it('shows inspectors of a returned plan only what was submitted, never the live draft', async () => {
      await setPlanStatus('returned');
      const failures = await runMatrix(readsOf(matrix), sinceSubmissionMarker, ['inspector']);
      await setPlanStatus('submitted');
      expect(failures).toEqual([]);
    }, 300_000);

    it('answers every role, route and subject as the table says, changing nothing when it refuses', async () => {
      const failures = await runMatrix(matrix, sinceSubmissionMarker);
      expect(failures).toEqual([]);
      // Hundreds of real requests, each followed by a fingerprint of the business tables.
    }, 300_000);
  });
});

/** The table's reads only. */
function readsOf(table: Record<string, Expectation>): Record<string, Expectation> {
  return Object.fromEntries(Object.entries(table).filter(([route]) => route.startsWith('GET ')));
}

/**
 * Calls every route of the table as every caller on every subject. Lists what differs from the
 * table, any refusal that is not problem+json or that changed business data, and any answer
 * to an inspector holding the live plan's marker.
 */
async function runMatrix(
  table: Record<string, Expectation>,
  liveMarker: string,
  callers: readonly ActorName[] = actors,
) {
  const failures: string[] = [];
  let cases = 0;
  for (const [route, expectation] of Object.entries(table)) {
    const [method, url] = route.split(' ') as [string, string];
    const resource = url.split('/')[3]!;
    for (const subject of url.includes(':id') ? subjects : [null]) {
      for (const actor of callers) {
        const expected = statusFor(expectation, actor, subject);
        const path = subject
          ? pathFor(url, resource, subject)
          : url.replace(/\/export$/, '/export?format=csv');
        const credential =
          route === 'DELETE /api/v1/session' && credentials[actor].cookie
            ? { cookie: await testApp.signIn(actorEmail(actor)) }
            : credentials[actor];
        const before = expected >= 400 ? await fingerprint() : '';
        const call = request(testApp.app.server)
          [method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete'](path)
          .set(credential)
          .set(await ifMatchFor(route, path));
        const body = bodyFor(route, subject);
        const response = await (uploads[route]
          ? call.attach('file', Buffer.from(uploads[route]!), { filename: 'upload.csv' })
          : body
            ? call.send(body)
            : call);
        cases += 1;
        if (response.status !== expected) {
          failures.push(
            `${actor} ${method} ${path} (${subject ?? '-'}): expected ${expected}, got ${response.status} ${response.body?.detail ?? ''}`,
          );
        }
        if (
          response.status >= 400 &&
          !String(response.headers['content-type']).startsWith('application/problem+json')
        ) {
          failures.push(`${actor} ${method} ${path}: ${response.status} is not problem+json`);
        }
        if (expected >= 400 && (await fingerprint()) !== before) {
          failures.push(`${actor} ${method} ${path}: refused, yet business data changed`);
        }
        const answer = response.text ?? JSON.stringify(response.body);
        if (actor === 'inspector' && response.status < 300 && answer.includes(liveMarker)) {
          failures.push(`inspector ${method} ${path}: the answer shows the live plan`);
        }
      }
    }
  }
  console.log(
    `authorisation matrix: ${Object.keys(table).length} routes, ${callers.length} callers, ${cases} cases`,
  );
  return failures;
}

/** The route's path for a subject: its id, version 1, and the subject's evidence in it. */
function pathFor(url: string, resource: string, subject: SubjectName): string {
  return url
    .replace(':id', subjectIds[resource]![subject])
    .replace(':number', '1')
    .replace(':other', 'live')
    .replace(':evidenceId', subjectIds.evidence![subject])
    .replace(/\/export$/, '/export?format=csv');
}

/** Edits carry the current ETag (so only who asks decides); deletes a stale one. */
async function ifMatchFor(route: string, path: string): Promise<Record<string, string>> {
  if (route === 'DELETE /api/v1/actions/:id' || route === 'PATCH /api/v1/org-units/:id')
    return { 'if-match': '"0"' };
  if (route === 'POST /api/v1/action-plans/:id/submissions') {
    const plan = await request(testApp.app.server)
      .get(path.replace('/submissions', ''))
      .set('cookie', credentials.admin.cookie!)
      .expect(200);
    return { 'if-match': String(plan.headers.etag), 'idempotency-key': `matrix-${emailCounter}` };
  }
  if (route !== 'PATCH /api/v1/actions/:id') return {};
  const current = await request(testApp.app.server)
    .get(path)
    .set('cookie', credentials.admin.cookie!)
    .expect(200);
  return { 'if-match': String(current.headers.etag) };
}

function actorEmail(actor: ActorName): string {
  const emails: Partial<Record<ActorName, string>> = {
    admin: demo.admin,
    regionLead: demo.rpd,
    hooWigan: demo.hooWigan,
    nationalLead: demo.nationalLead,
    inspector: demo.inspector,
  };
  return emails[actor]!;
}
