import type { Action, AuditEvent, PlanDiff, PlanVersion, Recommendation } from '@tracker/shared';
import { count } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';

import { planVersions } from '../db/schema/plan-versions';
import { type SignedInClient, TestClock, demo } from '../testing/app';
import { routeTests } from '../testing/route-test';
import { declineAllBut, planOf } from '../testing/plans';
let planId: string;
let wiganAction: Action;
let tamesideAction: Action;
let pdfEvidenceId: string;

const rec = (pdu: string, number: number) =>
  world.recommendations.find((r) => r.sourcePdu.name === pdu && r.number === number)!;
const plan = (path = '') => `/api/v1/action-plans/${planId}${path}`;
const pdf = Buffer.from('%PDF-1.4\n% evidence of the audit\n%%EOF\n');

async function planEtag(): Promise<string> {
  return String((await world.as.rpd.get(plan()).expect(200)).headers.etag);
}

async function submit(key: string, status: number, body: object = { declaration: true }) {
  return world.as.rpd
    .post(plan('/submissions'))
    .set('if-match', await planEtag())
    .set('idempotency-key', key)
    .send(body)
    .expect(status);
}

async function addAction(client: SignedInClient, recommendation: Recommendation, owner: string) {
  const response = await client
    .post(`/api/v1/recommendations/${recommendation.id}/actions`)
    .send({
      title: `Deliver ${recommendation.sourcePdu.name} ${recommendation.number}`,
      owningUnitId: recommendation.owningUnit.id,
      ownerId: world.ids[owner],
      startDate: '2026-02-01',
      dueDate: '2030-06-30',
      successMeasure: 'Audits show the change in 80% of cases',
    })
    .expect(201);
  return response.body as Action;
}

const world = routeTests(['rpd', 'hooWigan', 'inspector'], {
  clock: new TestClock(new Date('2026-02-02T10:00:00Z')),
});
beforeAll(async () => {
  planId = (await planOf(world.testApp.database.db, world.recommendations[0]!.inspectionId)).id;
});

describe('submitting an incomplete plan', () => {
  it('is refused with 409 listing every problem, and freezes nothing', async () => {
    const readiness = (await world.as.rpd.get(plan('/readiness')).expect(200)).body;
    expect(readiness.ready).toBe(false);
    expect(readiness.problems).toHaveLength(28);
    expect(readiness.problems[0]).toMatchObject({
      code: 'no_response',
      subject: { kind: 'recommendation', label: 'Manchester North 1' },
    });

    const refused = await submit('incomplete-1', 409);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body.problems).toEqual(readiness.problems);
    const [frozen] = await world.testApp.database.db
      .select({ versions: count() })
      .from(planVersions);
    expect(frozen!.versions).toBe(0);
    expect((await world.as.rpd.get(plan()).expect(200)).body.status).toBe('draft');
  });

  it('names an agreed recommendation without actions, and an action missing owner, date and measure', async () => {
    await declineAllBut(world.testApp.database.db, world.recommendations[0]!.inspectionId, [
      rec('Wigan', 1).id,
      rec('Tameside', 1).id,
    ]);
    await world.as.rpd
      .put(`/api/v1/recommendations/${rec('Wigan', 1).id}/response`)
      .send({ decision: 'agreed' })
      .expect(200);
    await world.as.rpd
      .put(`/api/v1/recommendations/${rec('Tameside', 1).id}/response`)
      .send({ decision: 'partly_agreed', rationale: 'Staffing first', acceptedPart: 'The audit' })
      .expect(200);
    const bare = await world.as.rpd
      .post(`/api/v1/recommendations/${rec('Tameside', 1).id}/actions`)
      .send({ title: 'Bare action', owningUnitId: rec('Tameside', 1).owningUnit.id })
      .expect(201);
    const problems = (await world.as.rpd.get(plan('/readiness')).expect(200)).body.problems;
    expect(
      problems.map((p: { code: string; subject: { label: string } }) => [p.code, p.subject.label]),
    ).toEqual([
      ['action_no_owner', 'Bare action'],
      ['action_no_due_date', 'Bare action'],
      ['action_no_success_measure', 'Bare action'],
      ['no_actions', 'Wigan 1'],
    ]);
    const etag = String(bare.headers.etag);
    await world.as.rpd.delete(`/api/v1/actions/${bare.body.id}`).set('if-match', etag).expect(204);
  });
});

describe('the review loop', () => {
  it('lets only the region lead submit, once per key, with a current ETag', async () => {
    wiganAction = await addAction(world.as.hooWigan, rec('Wigan', 1), demo.hooWigan);
    tamesideAction = await addAction(world.as.rpd, rec('Tameside', 1), demo.hooTameside);
    const upload = await world.as.hooWigan
      .post(`/api/v1/actions/${wiganAction.id}/evidence`)
      .field('title', 'Audit report')
      .attach('file', pdf, { filename: 'audit.pdf', contentType: 'application/pdf' })
      .expect(201);
    pdfEvidenceId = upload.body.id;
    expect((await world.as.rpd.get(plan('/readiness')).expect(200)).body).toMatchObject({
      ready: true,
      problems: [],
    });

    await world.as.hooWigan
      .post(plan('/submissions'))
      .set('if-match', await planEtag())
      .set('idempotency-key', 'hoo-1')
      .send({ declaration: true })
      .expect(403);
    await world.as.rpd
      .post(plan('/submissions'))
      .set('idempotency-key', 'no-etag')
      .send({ declaration: true })
      .expect(428);
    await world.as.rpd
      .post(plan('/submissions'))
      .set('if-match', '"999"')
      .set('idempotency-key', 'stale')
      .send({ declaration: true })
      .expect(412);
    const missingKey = await world.as.rpd
      .post(plan('/submissions'))
      .set('if-match', await planEtag())
      .send({ declaration: true })
      .expect(400);
    expect(missingKey.body.errors).toEqual([expect.objectContaining({ path: 'Idempotency-Key' })]);

    const first = await submit('submit-v1', 201, { declaration: true, note: 'Our plan' });
    expect(first.headers.location).toBe(plan('/versions/1'));
    expect(first.body).toMatchObject({
      number: 1,
      kind: 'submission',
      review: null,
      header: {
        title: 'Action plan: Greater Manchester',
        subtitle:
          "A response to HM Inspectorate of Probation's regional review letter of 25 May 2023",
        submittedOn: '2026-02-02',
        submittedBy: 'Demo Regional Probation Director',
      },
    });
    // The same key and body: the first answer again, and nothing new.
    const again = await world.as.rpd
      .post(plan('/submissions'))
      .set('if-match', '"1"')
      .set('idempotency-key', 'submit-v1')
      .send({ declaration: true, note: 'Our plan' })
      .expect(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    await world.as.rpd
      .post(plan('/submissions'))
      .set('if-match', await planEtag())
      .set('idempotency-key', 'submit-v1')
      .send({ declaration: true, note: 'Another plan' })
      .expect(422);
    expect((await world.as.rpd.get(plan('/versions')).expect(200)).body.items).toHaveLength(1);
    expect((await submit('submit-again', 409)).body.detail).toMatch(/already submitted/);
    expect((await world.as.rpd.get(plan()).expect(200)).body).toMatchObject({
      status: 'submitted',
      latestVersion: 1,
      versionAwaitingReview: 1,
    });
  });

  it('keeps the live plan from inspectors, who read the version instead', async () => {
    await world.as.inspector.get(plan('/readiness')).expect(404);
    await world.as.inspector.get(plan('/versions/1/diff/live')).expect(404);
    await world.as.inspector.get(`/api/v1/actions/${wiganAction.id}`).expect(404);
    const version = (await world.as.inspector.get(plan('/versions/1')).expect(200))
      .body as PlanVersion;
    expect(version.recommendations).toHaveLength(28);
    const wigan = version.recommendations.find((r) => r.id === rec('Wigan', 1).id)!;
    expect(wigan.actions[0]).toMatchObject({ id: wiganAction.id, dueDate: '2030-06-30' });
    const file = wigan.actions[0]!.evidence[0]!;
    expect(file.downloadUrl).toBe(plan(`/versions/1/evidence/${pdfEvidenceId}/content`));
    const download = await world.as.inspector.get(file.downloadUrl!).expect(200);
    expect(Buffer.from(download.body).equals(pdf)).toBe(true);
    const awaiting = (
      await world.as.inspector.get('/api/v1/action-plans?awaitingReview=true').expect(200)
    ).body;
    expect(awaiting.items.map((p: { id: string }) => p.id)).toEqual([planId]);
  });

  it('lets the inspector challenge and return the plan, once', async () => {
    await world.as.rpd.post(plan('/versions/1/review')).send({ decision: 'accepted' }).expect(403);
    const unknownSubject = await world.as.inspector
      .post(plan('/versions/1/review'))
      .send({
        decision: 'accepted',
        verdicts: [{ subjectKind: 'action', subjectId: rec('Wigan', 2).id, verdict: 'accepted' }],
      })
      .expect(400);
    expect(unknownSubject.body.errors[0].path).toBe('verdicts.0.subjectId');
    await world.as.inspector
      .post(plan('/versions/1/review'))
      .send({ decision: 'returned' })
      .expect(400);

    const reviewed = await world.as.inspector
      .post(plan('/versions/1/review'))
      .send({
        decision: 'returned',
        reasons: 'Two recommendations need more work.',
        verdicts: [
          {
            subjectKind: 'recommendation',
            subjectId: rec('Tameside', 1).id,
            verdict: 'challenged',
            comment: 'Which part of the audit is accepted?',
          },
          {
            subjectKind: 'recommendation',
            subjectId: rec('Wigan', 1).id,
            verdict: 'challenged',
            comment: 'The date is too late.',
          },
          { subjectKind: 'action', subjectId: wiganAction.id, verdict: 'accepted' },
        ],
      })
      .expect(200);
    expect(reviewed.body.review).toMatchObject({
      decision: 'returned',
      reasons: 'Two recommendations need more work.',
    });
    await world.as.inspector
      .post(plan('/versions/1/review'))
      .send({ decision: 'accepted' })
      .expect(409);
    expect((await world.as.rpd.get(plan()).expect(200)).body.status).toBe('returned');
    const notices = (await world.as.rpd.get('/api/v1/notifications').expect(200)).body.items;
    expect(notices.map((n: { kind: string }) => n.kind).sort()).toEqual(
      ['comment', 'comment', 'plan_returned'].sort(),
    );
  });

  it('lets the region reply in a thread, and the inspector read the reply', async () => {
    const threads = (await world.as.rpd.get(plan('/threads')).expect(200)).body.items;
    expect(threads).toHaveLength(3);
    const tameside = threads.find(
      (t: { subjectId: string }) => t.subjectId === rec('Tameside', 1).id,
    );
    await world.as.hooWigan
      .post(`/api/v1/review-threads/${tameside.id}/replies`)
      .send({ body: 'Not ours to answer' })
      .expect(201);
    await world.as.rpd
      .post(`/api/v1/review-threads/${tameside.id}/replies`)
      .send({ body: '' })
      .expect(400);
    const replied = await world.as.rpd
      .post(`/api/v1/review-threads/${tameside.id}/replies`)
      .send({ body: 'The case audit part.' })
      .expect(201);
    expect(replied.body.messages.map((m: { body: string }) => m.body)).toEqual([
      'Which part of the audit is accepted?',
      'Not ours to answer',
      'The case audit part.',
    ]);
    const seen = (
      await world.as.inspector.get(plan(`/threads?subjectId=${rec('Tameside', 1).id}`)).expect(200)
    ).body.items;
    expect(seen[0].messages.at(-1)).toMatchObject({
      body: 'The case audit part.',
      authorRole: 'region_lead',
    });
  });

  it('resubmits v2 with a moved due date, and the diff shows exactly that', async () => {
    const current = await world.as.rpd.get(`/api/v1/actions/${wiganAction.id}`).expect(200);
    await world.as.rpd
      .patch(`/api/v1/actions/${wiganAction.id}`)
      .set('if-match', String(current.headers.etag))
      .send({
        dueDate: '2029-12-31',
        dueDateChangeReason: "Brought forward at the inspector's request",
      })
      .expect(200);
    const v2 = await submit('submit-v2', 201);
    expect(v2.body).toMatchObject({ number: 2, kind: 'submission' });

    const diff = (await world.as.inspector.get(plan('/versions/1/diff/2')).expect(200))
      .body as PlanDiff;
    expect(diff).toEqual({
      planId,
      from: 1,
      to: 2,
      recommendations: [
        {
          id: rec('Wigan', 1).id,
          label: 'Wigan 1',
          change: 'changed',
          fields: [],
          outcomeMeasures: [],
          actions: [
            {
              id: wiganAction.id,
              title: wiganAction.title,
              change: 'changed',
              fields: [{ field: 'dueDate', from: '2030-06-30', to: '2029-12-31' }],
              dueDateMoves: [
                {
                  from: '2030-06-30',
                  to: '2029-12-31',
                  reason: "Brought forward at the inspector's request",
                  changedAt: '2026-02-02T10:00:00.000Z',
                },
              ],
              evidenceAdded: [],
              evidenceRemoved: [],
            },
          ],
        },
      ],
    });
    expect(
      (await world.as.rpd.get(plan('/versions/2/diff/live')).expect(200)).body.recommendations,
    ).toEqual([]);
  });

  it('accepts v2, then takes progress reports as new versions', async () => {
    await world.as.inspector
      .post(plan('/versions/2/review'))
      .send({ decision: 'accepted' })
      .expect(200);
    expect((await world.as.rpd.get(plan()).expect(200)).body).toMatchObject({
      status: 'accepted',
      versionAwaitingReview: null,
    });
    await world.as.hooWigan
      .post(`/api/v1/actions/${wiganAction.id}/updates`)
      .send({ narrative: 'First audits done', percentComplete: 40, status: 'in_progress' })
      .expect(201);
    const v3 = await submit('progress-1', 201);
    expect(v3.body).toMatchObject({ number: 3, kind: 'progress_report' });
    expect((await world.as.rpd.get(plan()).expect(200)).body.status).toBe('accepted');
    const progress = (await world.as.rpd.get(plan('/versions/2/diff/3')).expect(200))
      .body as PlanDiff;
    expect(progress.recommendations[0]!.actions[0]!.fields.map((f) => f.field)).toEqual([
      'status',
      'percentComplete',
    ]);

    const history = (await world.as.inspector.get(plan('/history')).expect(200)).body.items;
    expect(
      history.map((e: { kind: string; versionNumber: number | null }) => [e.kind, e.versionNumber]),
    ).toEqual([
      ['submitted', 1],
      ['returned', 1],
      ['submitted', 2],
      ['accepted', 2],
      ['progress_reported', 3],
    ]);
  });
});

describe('a version is a record', () => {
  it('never changes after later edits or evidence removal, and its files stay downloadable', async () => {
    const before = (await world.as.inspector.get(plan('/versions/1')).expect(200)).body;
    await world.as.hooWigan
      .post(`/api/v1/evidence/${pdfEvidenceId}/remove`)
      .send({ reason: 'Uploaded to the wrong action' })
      .expect(200);
    const current = await world.as.rpd.get(`/api/v1/actions/${tamesideAction.id}`).expect(200);
    await world.as.rpd
      .patch(`/api/v1/actions/${tamesideAction.id}`)
      .set('if-match', String(current.headers.etag))
      .send({ title: 'Renamed later' })
      .expect(200);
    const after = (await world.as.inspector.get(plan('/versions/1')).expect(200)).body;
    expect(after).toEqual(before);
    const download = await world.as.inspector
      .get(plan(`/versions/1/evidence/${pdfEvidenceId}/content`))
      .expect(200);
    expect(Buffer.from(download.body).equals(pdf)).toBe(true);
    // Not through a version that does not hold it, nor for someone outside the plan's sight.
    await world.as.inspector
      .get(plan(`/versions/1/evidence/${tamesideAction.id}/content`))
      .expect(404);
  });

  it("records each download of a version's file with the version, and none refused", async () => {
    const downloadsOf = async () =>
      (
        (
          await world.as.rpd
            .get(`/api/v1/audit-events?subjectId=${pdfEvidenceId}&limit=200`)
            .expect(200)
        ).body.items as AuditEvent[]
      ).filter((event) => event.action === 'evidence.downloaded');
    const before = await downloadsOf();
    await world.as.inspector.get(plan(`/versions/9/evidence/${pdfEvidenceId}/content`)).expect(404);
    expect(await downloadsOf()).toEqual(before);
    await world.as.inspector.get(plan(`/versions/1/evidence/${pdfEvidenceId}/content`)).expect(200);
    const [latest, ...earlier] = await downloadsOf();
    expect(earlier).toEqual(before);
    expect(latest).toMatchObject({
      actor: { type: 'user', id: world.ids[demo.inspector] },
      subject: { type: 'evidence', id: pdfEvidenceId },
      after: { versionNumber: 1, mediaType: 'application/pdf' },
    });
  });

  it('keeps submitted actions: deleting one is refused (cancel it instead)', async () => {
    const current = await world.as.rpd.get(`/api/v1/actions/${tamesideAction.id}`).expect(200);
    const refused = await world.as.rpd
      .delete(`/api/v1/actions/${tamesideAction.id}`)
      .set('if-match', String(current.headers.etag))
      .expect(409);
    expect(refused.body.detail).toMatch(/cancel it instead/);
  });
});
