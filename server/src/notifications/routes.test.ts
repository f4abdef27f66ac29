import type { Action, Notification, NotificationPage, Recommendation } from '@tracker/shared';
import { eq } from 'drizzle-orm';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { actions } from '../db/schema/actions';
import { users } from '../db/schema/users';
import {
  type SignedInClient,
  type TestApp,
  TestClock,
  createTestApp,
  demo,
  signedInClient,
} from '../testing/app';
import { declineAllBut, planOf } from '../testing/plans';

let testApp: TestApp;
const people = {} as Record<keyof typeof demo, SignedInClient>;
let ids: Record<string, string>;
let regionId: string;
let recommendations: Recommendation[];
/** Made by the region lead for the Wigan head of operations. */
let assignedToHoo: Action;
/** Made by the Wigan head of operations for the region lead. */
let assignedToRpd: Action;
/** Made by the Wigan head of operations for themself, due in eight days. */
let dueSoon: Action;

const rec = (pdu: string, number: number) =>
  recommendations.find((r) => r.sourcePdu.name === pdu && r.number === number)!;

/** Sessions end after 30 idle minutes: after moving the clock, everyone signs in again. */
async function signInEveryone() {
  for (const name of Object.keys(demo) as (keyof typeof demo)[])
    people[name] = signedInClient(testApp.app, await testApp.signIn(demo[name]));
}

async function noticesOf(client: SignedInClient, query = ''): Promise<NotificationPage> {
  return (await client.get(`/api/v1/notifications${query}`).expect(200)).body;
}

async function kindsOf(client: SignedInClient): Promise<string[]> {
  return (await noticesOf(client)).items.map((n) => n.kind).sort();
}

async function addAction(
  client: SignedInClient,
  recommendation: Recommendation,
  fields: { title: string; owner: string; dueDate: string },
) {
  const response = await client
    .post(`/api/v1/recommendations/${recommendation.id}/actions`)
    .send({
      title: fields.title,
      owningUnitId: recommendation.owningUnit.id,
      ownerId: ids[fields.owner],
      startDate: '2026-01-05',
      dueDate: fields.dueDate,
      successMeasure: 'Audits show the change in 80% of cases',
    })
    .expect(201);
  return response.body as Action;
}

beforeAll(async () => {
  testApp = await createTestApp({ clock: new TestClock(new Date('2026-02-02T10:00:00Z')) });
  await signInEveryone();
  recommendations = (await people.rpd.get('/api/v1/recommendations?limit=200').expect(200)).body
    .items;
  const everyone = await testApp.database.db.select().from(users);
  ids = Object.fromEntries(everyone.map((person) => [person.email, person.id]));
  regionId = everyone.find((person) => person.email === demo.rpd)!.unitId!;
});
afterAll(() => testApp.close());

describe('an action assigned to someone', () => {
  it('tells the new owner, not the one who assigned it nor anyone else', async () => {
    assignedToHoo = await addAction(people.rpd, rec('Wigan', 1), {
      title: 'Audit supervision',
      owner: demo.hooWigan,
      dueDate: '2030-06-30',
    });
    assignedToRpd = await addAction(people.hooWigan, rec('Wigan', 1), {
      title: 'Report to the board',
      owner: demo.rpd,
      dueDate: '2030-06-30',
    });
    const [notice] = (await noticesOf(people.hooWigan)).items;
    expect(notice).toMatchObject({
      kind: 'action_assigned',
      link: `/actions/${assignedToHoo.id}`,
      message: 'Demo Regional Probation Director made you the owner of "Audit supervision".',
      readAt: null,
    });
    expect((await noticesOf(people.rpd)).items).toEqual([
      expect.objectContaining({ kind: 'action_assigned', link: `/actions/${assignedToRpd.id}` }),
    ]);
    expect(await kindsOf(people.hooTameside)).toEqual([]);
  });

  it('says nothing to someone who makes themself the owner', async () => {
    dueSoon = await addAction(people.hooWigan, rec('Wigan', 1), {
      title: 'Train the team',
      owner: demo.hooWigan,
      dueDate: '2026-02-10',
    });
    const assigned = (await noticesOf(people.hooWigan)).items.filter(
      (n) => n.kind === 'action_assigned',
    );
    expect(assigned.map((n) => n.link)).toEqual([`/actions/${assignedToHoo.id}`]);
  });
});

describe('due dates', () => {
  const dueNotices = async (client: SignedInClient) =>
    (await noticesOf(client)).items.filter((n) =>
      ['action_due_soon', 'action_overdue'].includes(n.kind),
    );

  it('raises "due soon" for the owner once, however often they look', async () => {
    await addAction(people.hooWigan, rec('Wigan', 1), {
      title: 'Due after the window',
      owner: demo.hooWigan,
      dueDate: '2026-02-17',
    });
    const finished = await addAction(people.hooWigan, rec('Wigan', 1), {
      title: 'Finished already',
      owner: demo.hooWigan,
      dueDate: '2026-02-03',
    });
    await testApp.database.db
      .update(actions)
      .set({ status: 'complete', percentComplete: 100 })
      .where(eq(actions.id, finished.id));

    const expected = [
      expect.objectContaining({
        kind: 'action_due_soon',
        message: '"Train the team" is due on 10 February 2026.',
        link: `/actions/${dueSoon.id}`,
      }),
    ];
    expect(await dueNotices(people.hooWigan)).toEqual(expected);
    expect(await dueNotices(people.hooWigan)).toEqual(expected);
    expect(await kindsOf(people.rpd)).toEqual(['action_assigned']);
  });

  it('raises "overdue" once the date passes (London time), once', async () => {
    // Late on the due date it is not overdue yet; it is from the first minute of the next day.
    testApp.clock.advanceMinutes(8 * 24 * 60 + 13 * 60 + 30);
    await signInEveryone();
    expect(await kindsOf(people.hooWigan)).not.toContain('action_overdue');
    testApp.clock.advanceMinutes(60);
    await signInEveryone();
    await noticesOf(people.hooWigan);
    const overdue = (await dueNotices(people.hooWigan)).filter((n) => n.kind === 'action_overdue');
    expect(overdue).toEqual([
      expect.objectContaining({
        message: '"Train the team" was due on 10 February 2026 and is overdue.',
        link: `/actions/${dueSoon.id}`,
      }),
    ]);
  });

  it('raises "due soon" again when the due date moves', async () => {
    const current = await people.hooWigan.get(`/api/v1/actions/${dueSoon.id}`).expect(200);
    await people.hooWigan
      .patch(`/api/v1/actions/${dueSoon.id}`)
      .set('if-match', String(current.headers.etag))
      .send({ dueDate: '2026-02-20', dueDateChangeReason: 'Trainer unavailable' })
      .expect(200);
    const dueSoonMessages = (await dueNotices(people.hooWigan))
      .filter((n) => n.kind === 'action_due_soon' && n.link === `/actions/${dueSoon.id}`)
      .map((n) => n.message);
    expect(dueSoonMessages).toEqual([
      '"Train the team" is due on 20 February 2026.',
      '"Train the team" is due on 10 February 2026.',
    ]);
  });
});

describe('submission and review', () => {
  it('tells the inspectorate of a version to review, and nobody else', async () => {
    const inspectionId = recommendations[0]!.inspectionId;
    await declineAllBut(testApp.database.db, inspectionId, [rec('Wigan', 1).id]);
    await people.rpd
      .put(`/api/v1/recommendations/${rec('Wigan', 1).id}/response`)
      .send({ decision: 'agreed' })
      .expect(200);
    const planId = (await planOf(testApp.database.db, inspectionId)).id;
    const plan = await people.rpd.get(`/api/v1/action-plans/${planId}`).expect(200);
    await people.rpd
      .post(`/api/v1/action-plans/${planId}/submissions`)
      .set('if-match', String(plan.headers.etag))
      .set('idempotency-key', 'notifications-v1')
      .send({ declaration: true })
      .expect(201);
    expect((await noticesOf(people.inspector)).items).toEqual([
      expect.objectContaining({
        kind: 'version_to_review',
        link: `/plans/${planId}/versions/1`,
      }),
    ]);
    for (const other of [people.rpd, people.hooWigan, people.nationalLead])
      expect(await kindsOf(other)).not.toContain('version_to_review');
  });

  it('tells the region of a returned plan, and an action owner of a comment on it', async () => {
    const planId = (await planOf(testApp.database.db, recommendations[0]!.inspectionId)).id;
    await people.inspector
      .post(`/api/v1/action-plans/${planId}/versions/1/review`)
      .send({
        decision: 'returned',
        reasons: 'The board report needs a date.',
        verdicts: [
          {
            subjectKind: 'action',
            subjectId: assignedToRpd.id,
            verdict: 'challenged',
            comment: 'When does the board meet?',
          },
        ],
      })
      .expect(200);
    const rpdNotices = (await noticesOf(people.rpd)).items;
    expect(rpdNotices).toContainEqual(
      expect.objectContaining({ kind: 'plan_returned', link: `/plans/${planId}` }),
    );
    expect(rpdNotices).toContainEqual(
      expect.objectContaining({ kind: 'comment', link: `/actions/${assignedToRpd.id}` }),
    );
    expect(await kindsOf(people.hooTameside)).toEqual(['plan_returned']);
    expect(await kindsOf(people.inspector)).toEqual(['version_to_review']);
  });
});

describe('reading notifications', () => {
  it('lists newest first, a page at a time, with the count of all unread', async () => {
    const all = await noticesOf(people.rpd);
    expect(all.unreadCount).toBe(3);
    const first = await noticesOf(people.rpd, '?limit=2');
    expect(first.items).toEqual(all.items.slice(0, 2));
    expect(first.unreadCount).toBe(3);
    const second = await noticesOf(people.rpd, `?limit=2&cursor=${first.nextCursor}`);
    expect(second).toMatchObject({ items: all.items.slice(2), nextCursor: null, unreadCount: 3 });
    const times = all.items.map((n) => n.createdAt);
    expect(times).toEqual([...times].sort().reverse());
    await people.rpd.get('/api/v1/notifications?cursor=forged').expect(400);
  });

  it('marks one read, idempotently, and filters read from unread', async () => {
    const [newest] = (await noticesOf(people.rpd)).items as [Notification];
    const read = await people.rpd.post(`/api/v1/notifications/${newest.id}/read`).expect(200);
    expect(read.body).toMatchObject({ id: newest.id, readAt: expect.any(String) });
    testApp.clock.advanceMinutes(1);
    const again = await people.rpd.post(`/api/v1/notifications/${newest.id}/read`).expect(200);
    expect(again.body).toEqual(read.body);

    const unread = await noticesOf(people.rpd, '?unread=true');
    expect(unread.unreadCount).toBe(2);
    expect(unread.items.map((n) => n.id)).not.toContain(newest.id);
    expect(unread.items).toHaveLength(2);
    expect((await noticesOf(people.rpd, '?unread=false')).items).toEqual([read.body]);
  });

  it("answers 404 for someone else's notification or an unknown one", async () => {
    const [theirs] = (await noticesOf(people.rpd, '?unread=true')).items as [Notification];
    const refused = await people.hooWigan
      .post(`/api/v1/notifications/${theirs.id}/read`)
      .expect(404);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    await people.hooWigan
      .post('/api/v1/notifications/00000000-0000-4000-8000-000000000000/read')
      .expect(404);
    expect((await noticesOf(people.rpd)).unreadCount).toBe(2);
  });

  it('marks all read, and then there is nothing left to mark', async () => {
    const before = (await noticesOf(people.hooWigan)).unreadCount;
    expect(before).toBeGreaterThan(0);
    const all = await people.hooWigan.post('/api/v1/notifications/read-all').expect(200);
    expect(all.body).toEqual({ count: before });
    const after = await noticesOf(people.hooWigan);
    expect(after.unreadCount).toBe(0);
    expect(after.items.every((n) => n.readAt !== null)).toBe(true);
    expect((await people.hooWigan.post('/api/v1/notifications/read-all').expect(200)).body).toEqual(
      { count: 0 },
    );
    expect((await noticesOf(people.rpd)).unreadCount).toBe(2);
  });

  it('refuses API clients, which have no notifications', async () => {
    const created = await people.admin
      .post('/api/v1/api-clients')
      .send({ name: 'Dashboard feed', unitId: regionId, permission: 'read_write' })
      .expect(201);
    const bearer = `Bearer ${created.body.token}`;
    const listed = await request(testApp.app.server)
      .get('/api/v1/notifications')
      .set('authorization', bearer)
      .expect(403);
    expect(listed.body.detail).toBe('API clients have no notifications.');
    const [notice] = (await noticesOf(people.rpd)).items as [Notification];
    await request(testApp.app.server)
      .post(`/api/v1/notifications/${notice.id}/read`)
      .set('authorization', bearer)
      .expect(403);
    await request(testApp.app.server)
      .post('/api/v1/notifications/read-all')
      .set('authorization', bearer)
      .expect(403);
  });
});
