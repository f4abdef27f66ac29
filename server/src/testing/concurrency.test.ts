import type { Action, Evidence, ProgressUpdate, Recommendation } from '@tracker/shared';
import { and, asc, eq } from 'drizzle-orm';
import type { Response } from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { auditEvents } from '../db/schema/audit';
import { users } from '../db/schema/users';
import {
  type SignedInClient,
  type TestApp,
  TestClock,
  createTestApp,
  demo,
  signedInClient,
} from './app';
import { declineAllBut, planOf } from './plans';

/*
 * Many clients at once, over real HTTP, against one PostgreSQL database: lost updates,
 * duplicate submissions, misordered history and lock-order deadlocks (40P01, which would
 * surface as a 500 or 503) only show when requests overlap inside the database.
 *
 * Only on PostgreSQL (DATABASE_URL set). PGlite has a single connection and runs one query at a
 * time, so there requests never overlap inside the database and these tests would pass while
 * proving nothing; they are skipped rather than giving false comfort.
 *
 * The app's pool (server/src/db/client.ts) holds 10 connections; most rounds send more requests
 * than that, so transactions really run side by side and the rest queue for a connection.
 */

/** The real time: concurrent requests carry close but different times, as in production. */
class WallClock extends TestClock {
  override now = (): Date => new Date();
}

let testApp: TestApp;
/** Several sessions each of the region lead and the Wigan head of operations: separate clients. */
let clients: SignedInClient[];
let rpd: SignedInClient;
let inspector: SignedInClient;
let recommendations: Recommendation[];
let planId: string;
/** Wigan 1's action: the one everyone fights over. */
let actionA: Action;
/** Wigan 2's action, so its changes move another recommendation's status. */
let actionB: Action;

const rec = (pdu: string, number: number) =>
  recommendations.find((r) => r.sourcePdu.name === pdu && r.number === number)!;
const plan = (path = '') => `/api/v1/action-plans/${planId}${path}`;
const actionPath = (action: Action, path = '') => `/api/v1/actions/${action.id}${path}`;
const pdf = (n: number) => Buffer.from(`%PDF-1.4\n% evidence ${n}\n%%EOF\n`);
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/** Every answer must be one of these; anything else (a 5xx above all) fails with its body. */
function expectStatuses(responses: Response[], allowed: number[]) {
  const unexpected = responses
    .filter((response) => !allowed.includes(response.status))
    .map((response) => ({ status: response.status, body: response.body as unknown }));
  expect(unexpected).toEqual([]);
}

const statusesOf = (responses: Response[]) => responses.map((response) => response.status);

async function etagOf(path: string): Promise<string> {
  return String((await rpd.get(path).expect(200)).headers.etag);
}

async function returnVersion(number: number) {
  await inspector
    .post(plan(`/versions/${number}/review`))
    .send({ decision: 'returned', reasons: 'Please add more detail.' })
    .expect(200);
}

async function versionCount(): Promise<number> {
  return (await rpd.get(plan('/versions?limit=200')).expect(200)).body.items.length;
}

describe.skipIf(!process.env.DATABASE_URL)('concurrent requests on PostgreSQL', () => {
  beforeAll(async () => {
    // Errors are logged: a 500's body hides its cause (a deadlock shows as "deadlock detected").
    testApp = await createTestApp({ clock: new WallClock(), env: { LOG_LEVEL: 'error' } });
    // Real sockets, so requests overlap in the server as they would from separate browsers.
    await testApp.app.listen({ port: 0, host: '127.0.0.1' });
    rpd = signedInClient(testApp.app, await testApp.signIn(demo.rpd));
    inspector = signedInClient(testApp.app, await testApp.signIn(demo.inspector));
    clients = [];
    for (const email of [demo.rpd, demo.hooWigan]) {
      for (let session = 0; session < 4; session += 1)
        clients.push(signedInClient(testApp.app, await testApp.signIn(email)));
    }
    recommendations = (await rpd.get('/api/v1/recommendations?limit=200').expect(200)).body.items;
    planId = (await planOf(testApp.database.db, recommendations[0]!.inspectionId)).id;
    const [wiganOwner] = await testApp.database.db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.email, demo.hooWigan));

    // A plan that can be submitted: two agreed recommendations with a complete action each,
    // every other one declined.
    await declineAllBut(testApp.database.db, recommendations[0]!.inspectionId, [
      rec('Wigan', 1).id,
      rec('Wigan', 2).id,
    ]);
    const addAction = async (recommendation: Recommendation) => {
      await rpd
        .put(`/api/v1/recommendations/${recommendation.id}/response`)
        .send({ decision: 'agreed' })
        .expect(200);
      const created = await rpd
        .post(`/api/v1/recommendations/${recommendation.id}/actions`)
        .send({
          title: `Deliver Wigan ${recommendation.number}`,
          owningUnitId: recommendation.owningUnit.id,
          ownerId: wiganOwner!.id,
          startDate: '2026-02-01',
          dueDate: '2030-06-30',
          successMeasure: 'Audits show the change in 80% of cases',
        })
        .expect(201);
      return created.body as Action;
    };
    actionA = await addAction(rec('Wigan', 1));
    actionB = await addAction(rec('Wigan', 2));
    expect((await rpd.get(plan('/readiness')).expect(200)).body.ready).toBe(true);
  });
  afterAll(() => testApp?.close());

  it('edits with the same ETag: one wins per round, the rest get 412, and the winner stands', async () => {
    const rounds = 5;
    for (const round of range(rounds)) {
      const etag = await etagOf(actionPath(actionA));
      const responses = await Promise.all(
        clients.map((client, n) =>
          client
            .patch(actionPath(actionA))
            .set('if-match', etag)
            .send({ title: `Round ${round}: client ${n}`, percentComplete: 10 + n }),
        ),
      );
      expectStatuses(responses, [200, 412]);
      const winners = responses.filter((response) => response.status === 200);
      expect(winners).toHaveLength(1);
      for (const loser of responses.filter((response) => response.status === 412))
        expect(loser.headers['content-type']).toMatch(/^application\/problem\+json/);

      const winner = winners[0]!.body as Action;
      const now = await rpd.get(actionPath(actionA)).expect(200);
      expect(now.body).toMatchObject({
        title: winner.title,
        percentComplete: winner.percentComplete,
        revision: Number(etag.replaceAll('"', '')) + 1,
      });
      expect(now.headers.etag).toBe(`"${winner.revision}"`);
    }
    // Only the winners' changes reached the audit trail: a refused request changes nothing.
    const updates = await testApp.database.db.$count(
      auditEvents,
      and(eq(auditEvents.subjectId, actionA.id), eq(auditEvents.action, 'action.updated')),
    );
    expect(updates).toBe(rounds);
  });

  it('progress updates posted at once are all kept, listed once each in the order applied', async () => {
    const before = (await rpd.get(actionPath(actionA)).expect(200)).body as Action;
    const perClient = 3;
    const posts = clients.flatMap((client, c) =>
      range(perClient).map((i) => {
        const percent = c * perClient + i + 1;
        return client
          .post(actionPath(actionA, '/updates'))
          .send({ narrative: `Update ${percent}`, percentComplete: percent });
      }),
    );
    const responses = await Promise.all(posts);
    expectStatuses(responses, [201]);
    const posted = responses.map((response) => response.body as ProgressUpdate);

    const listed = (await rpd.get(actionPath(actionA, '/updates?limit=200')).expect(200)).body
      .items as ProgressUpdate[];
    expect(listed.map((update) => update.id).sort()).toEqual(
      posted.map((update) => update.id).sort(),
    );

    // The order they were applied in: each took the action's lock in turn and wrote its audit
    // row (a bigserial) while holding it. The list, newest first, must tell the same story.
    const applied = await testApp.database.db
      .select({ after: auditEvents.after })
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.subjectId, actionA.id),
          eq(auditEvents.action, 'action.progress_updated'),
        ),
      )
      .orderBy(asc(auditEvents.id));
    const appliedIds = applied.map(
      (row) => (row.after as { progressUpdateId: string }).progressUpdateId,
    );
    expect(listed.map((update) => update.id).reverse()).toEqual(appliedIds);

    const after = (await rpd.get(actionPath(actionA)).expect(200)).body as Action;
    expect(after.percentComplete).toBe(listed[0]!.percentComplete);
    expect(after.revision).toBe(before.revision + posts.length);
  });

  it('dependency changes at once on two actions never make a loop, nor deadlock', async () => {
    for (let round = 0; round < 5; round += 1) {
      const [etagA, etagB] = [await etagOf(actionPath(actionA)), await etagOf(actionPath(actionB))];
      const responses = await Promise.all([
        rpd
          .patch(actionPath(actionA))
          .set('if-match', etagA)
          .send({ dependsOn: [actionB.id] }),
        rpd
          .patch(actionPath(actionB))
          .set('if-match', etagB)
          .send({ dependsOn: [actionA.id] }),
      ]);
      // 400 is the loop refused; two 200s would be a loop made by two checks that each missed
      // the other's uncommitted edge.
      expectStatuses(responses, [200, 400]);
      expect(statusesOf(responses).sort()).toEqual([200, 400]);
      const a = (await rpd.get(actionPath(actionA)).expect(200)).body as Action;
      const b = (await rpd.get(actionPath(actionB)).expect(200)).body as Action;
      expect(a.dependsOn.length + b.dependsOn.length).toBe(1);
      const waiting = a.dependsOn.length > 0 ? actionA : actionB;
      await rpd
        .patch(actionPath(waiting))
        .set('if-match', await etagOf(actionPath(waiting)))
        .send({ dependsOn: [] })
        .expect(200);
    }
  });

  it('submissions at once with the same key: the same 201 to all, and one version', async () => {
    const versions = await versionCount();
    const etag = await etagOf(plan());
    const responses = await Promise.all(
      clients
        .slice(0, 4)
        .map(() =>
          rpd
            .post(plan('/submissions'))
            .set('if-match', etag)
            .set('idempotency-key', 'same-key-1')
            .send({ declaration: true, note: 'Sent once' }),
        ),
    );
    expectStatuses(responses, [201]);
    for (const response of responses) expect(response.body).toEqual(responses[0]!.body);
    // One of them did the work; the others waited on the plan's lock and replayed its answer.
    expect(responses.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(
      responses.length - 1,
    );
    expect(await versionCount()).toBe(versions + 1);
    await returnVersion(responses[0]!.body.number);
  });

  it('submissions at once with different keys: one 201, the rest 412 or 409, one version', async () => {
    for (const round of range(3)) {
      const versions = await versionCount();
      const etag = await etagOf(plan());
      const responses = await Promise.all(
        clients
          .slice(0, 4)
          .map((_, n) =>
            rpd
              .post(plan('/submissions'))
              .set('if-match', etag)
              .set('idempotency-key', `round-${round}-client-${n}`)
              .send({ declaration: true }),
          ),
      );
      expectStatuses(responses, [201, 409, 412]);
      const created = responses.filter((response) => response.status === 201);
      expect(created).toHaveLength(1);
      expect(await versionCount()).toBe(versions + 1);
      await returnVersion(created[0]!.body.number);
    }
  });

  it('mixed writes on one action, its evidence, its recommendation and the plan: no 5xx, nothing lost', async () => {
    const hooWigan = clients[clients.length - 1]!;
    const liveEvidence = async () =>
      (await rpd.get(actionPath(actionA, '/evidence?limit=200')).expect(200)).body
        .items as Evidence[];
    const addLink = (n: number) =>
      hooWigan
        .post(actionPath(actionA, '/evidence'))
        .send({ kind: 'link', title: `Link ${n}`, url: `https://example.org/${n}` })
        .expect(201);
    for (const n of range(4)) await addLink(100 + n);
    // B is complete (it has evidence), so B's updates below move Wigan 2's status back and forth.
    await hooWigan
      .post(actionPath(actionB, '/evidence'))
      .send({ kind: 'note', title: 'Minutes', note: 'Agreed at the PDU meeting.' })
      .expect(201);

    for (const round of range(3)) {
      const actionBefore = (await rpd.get(actionPath(actionA)).expect(200)).body as Action;
      const evidenceBefore = await liveEvidence();
      const [doomed, alsoDoomed] = evidenceBefore;
      const etagA = `"${actionBefore.revision}"`;
      const etagB = await etagOf(actionPath(actionB));
      const planEtag = await etagOf(plan());

      const edits = clients.slice(0, 4).map((client, n) =>
        client
          .patch(actionPath(actionA))
          .set('if-match', etagA)
          .send({ title: `Mixed ${round}.${n}` }),
      );
      const editsB = clients.slice(0, 2).map((client, n) =>
        client
          .patch(actionPath(actionB))
          .set('if-match', etagB)
          .send({ description: `Mixed ${round}.${n}` }),
      );
      const progress = clients
        .slice(4, 7)
        .map((client, n) =>
          client
            .post(actionPath(actionA, '/updates'))
            .send({ narrative: `Mixed ${round}.${n}`, percentComplete: 50 + n }),
        );
      const progressB = (['complete', 'in_progress', 'complete'] as const).map((status, n) =>
        clients[n]!.post(actionPath(actionB, '/updates')).send({
          narrative: `B ${round}.${n}`,
          status,
        }),
      );
      const uploads = clients.slice(4, 7).map((client, n) =>
        client
          .post(actionPath(actionA, '/evidence'))
          .field('title', `Report ${round}.${n}`)
          .attach('file', pdf(round * 10 + n), {
            filename: `report-${round}-${n}.pdf`,
            contentType: 'application/pdf',
          }),
      );
      // The same evidence removed twice at once: one removal, one 409.
      const removals = [doomed!, doomed!, alsoDoomed!].map((item, n) =>
        clients[n]!.post(`/api/v1/evidence/${item.id}/remove`).send({ reason: `Wrong file ${n}` }),
      );
      const responses = [1, 2, 2, 1].map((n, i) =>
        rpd
          .put(`/api/v1/recommendations/${rec('Wigan', n).id}/response`)
          .send(
            i % 2 === 0
              ? { decision: 'agreed' }
              : { decision: 'partly_agreed', rationale: 'Staffing', acceptedPart: 'The audit' },
          ),
      );
      // The submission locks the plan and then every action of it: the other order from edits.
      const submissions = [0, 1].map((n) =>
        rpd
          .post(plan('/submissions'))
          .set('if-match', planEtag)
          .set('idempotency-key', `mixed-${round}-${n}`)
          .send({ declaration: true }),
      );
      const reads = [
        rpd.get(actionPath(actionA)),
        rpd.get(actionPath(actionA, '/updates')),
        rpd.get(actionPath(actionA, '/evidence')),
        rpd.get(plan('/readiness')),
      ];

      const settled = await Promise.all([
        Promise.all(edits),
        Promise.all(editsB),
        Promise.all(progress),
        Promise.all(progressB),
        Promise.all(uploads),
        Promise.all(removals),
        Promise.all(responses),
        Promise.all(submissions),
        Promise.all(reads),
      ]);
      const [
        edited,
        editedB,
        progressed,
        progressedB,
        uploaded,
        removed,
        responded,
        submitted,
        read,
      ] = settled;
      expectStatuses(settled.flat(), [200, 201, 409, 412]);

      expectStatuses(edited, [200, 412]);
      expect(edited.filter((r) => r.status === 200)).toHaveLength(1);
      expectStatuses(editedB, [200, 412]);
      expect(editedB.filter((r) => r.status === 200)).toHaveLength(1);
      expectStatuses(progressed, [201]);
      // Complete while B has evidence; nothing else may refuse a progress update.
      expectStatuses(progressedB, [201]);
      expectStatuses(uploaded, [201]);
      expectStatuses(removed, [200, 409]);
      expect(statusesOf(removed).sort()).toEqual([200, 200, 409]);
      expectStatuses(responded, [200]);
      expectStatuses(submitted, [201, 409, 412]);
      expect(submitted.filter((r) => r.status === 201)).toHaveLength(1);
      expectStatuses(read, [200]);

      // Nothing lost: one revision per accepted change, evidence added and removed exactly once.
      const actionAfter = (await rpd.get(actionPath(actionA)).expect(200)).body as Action;
      expect(actionAfter.revision).toBe(actionBefore.revision + 1 + progress.length);
      const winner = edited.find((r) => r.status === 200)!.body as Action;
      expect(actionAfter.title).toBe(winner.title);
      const evidenceAfter = await liveEvidence();
      expect(evidenceAfter.map((item) => item.id).sort()).toEqual(
        [
          ...evidenceBefore.filter((item) => item !== doomed && item !== alsoDoomed),
          ...uploaded.map((r) => r.body as Evidence),
        ]
          .map((item) => item.id)
          .sort(),
      );
      await returnVersion(submitted.find((r) => r.status === 201)!.body.number);
    }
  });

  it('creating POSTs at once with the same key: the same 201 to all, and one row each', async () => {
    const sameKey = (send: () => ReturnType<SignedInClient['post']>) =>
      Promise.all(range(6).map(() => send()));
    const updatesBefore = (await rpd.get(actionPath(actionB, '/updates?limit=200')).expect(200))
      .body.items.length;
    const evidenceBefore = (await rpd.get(actionPath(actionB, '/evidence?limit=200')).expect(200))
      .body.items.length;

    const updates = await sameKey(() =>
      rpd
        .post(actionPath(actionB, '/updates'))
        .set('idempotency-key', 'same-update-1')
        .send({ narrative: 'Sent once, retried at once' }),
    );
    const files = await sameKey(() =>
      rpd
        .post(actionPath(actionB, '/evidence'))
        .set('idempotency-key', 'same-file-1')
        .field('title', 'Audit sent once')
        .attach('file', pdf(999), { filename: 'audit.pdf', contentType: 'application/pdf' }),
    );

    for (const responses of [updates, files]) {
      expectStatuses(responses, [201]);
      for (const response of responses) expect(response.body).toEqual(responses[0]!.body);
      expect(responses.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(
        responses.length - 1,
      );
    }
    expect(
      (await rpd.get(actionPath(actionB, '/updates?limit=200')).expect(200)).body.items,
    ).toHaveLength(updatesBefore + 1);
    expect(
      (await rpd.get(actionPath(actionB, '/evidence?limit=200')).expect(200)).body.items,
    ).toHaveLength(evidenceBefore + 1);
  });
});
