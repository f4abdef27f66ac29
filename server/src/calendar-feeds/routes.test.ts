import type { Action, CalendarFeed, OrgUnit, Recommendation } from '@tracker/shared';
import { eq } from 'drizzle-orm';
import ICAL from 'ical.js';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';

import { buildApp } from '../app';
import { actions } from '../db/schema/actions';
import { auditEvents } from '../db/schema/audit';
import { calendarFeeds } from '../db/schema/calendar-feeds';
import { users } from '../db/schema/users';
import { seedLetter } from '../db/seed';
import {
  type SignedInClient,
  TestClock,
  capturedLogs,
  demo,
  signedInClient,
  testConfig,
} from '../testing/app';
import { northWestLetter } from '../testing/other-region';
import { routeTests } from '../testing/route-test';
let plans: Record<'greaterManchester' | 'northWest', string>;
/** Wigan 1's actions owned by the Wigan head of operations: dated, undated and finished. */
let wiganActions: { dated: Action; undated: Action; finished: Action };
let tamesideAction: Action;

const server = () => world.testApp.app.server;
/** The feed's path and query, as a calendar program would ask for it (its host aside). */
const pathOf = (url: string) => url.slice(new URL(url).origin.length);

const world = routeTests(['rpd', 'hooWigan', 'hooTameside', 'inspector', 'admin'], {
  clock: new TestClock(new Date('2026-02-01T12:00:00Z')),
  prepare: (testApp) => seedLetter(testApp.database.db, northWestLetter()),
});
beforeAll(async () => {
  const planList = (await world.as.admin.get('/api/v1/action-plans').expect(200)).body.items as {
    id: string;
    region: { name: string };
  }[];
  const planIn = (region: string) => planList.find((plan) => plan.region.name === region)!.id;
  plans = { greaterManchester: planIn('Greater Manchester'), northWest: planIn('North West') };
  await addActions();
});

async function addActions() {
  const recommendations = (await world.as.rpd.get('/api/v1/recommendations?limit=200').expect(200))
    .body.items as Recommendation[];
  const rec = (pdu: string) =>
    recommendations.find((r) => r.sourcePdu.name === pdu && r.number === 1)!;
  const add = async (client: SignedInClient, pdu: string, body: object) =>
    (
      await client
        .post(`/api/v1/recommendations/${rec(pdu).id}/actions`)
        .send({ owningUnitId: rec(pdu).owningUnit.id, ...body })
        .expect(201)
    ).body as Action;
  const wiganOwner = { ownerId: world.ids[demo.hooWigan] };
  wiganActions = {
    dated: await add(world.as.hooWigan, 'Wigan', {
      title: 'Audit oversight in 20 cases a month',
      dueDate: '2026-03-31',
      ...wiganOwner,
    }),
    undated: await add(world.as.hooWigan, 'Wigan', { title: 'Undated work', ...wiganOwner }),
    finished: await add(world.as.hooWigan, 'Wigan', {
      title: 'Finished work',
      dueDate: '2026-02-20',
      ...wiganOwner,
    }),
  };
  await world.testApp.database.db
    .update(actions)
    .set({ status: 'complete', percentComplete: 100 })
    .where(eq(actions.id, wiganActions.finished.id));
  tamesideAction = await add(world.as.hooTameside, 'Tameside', {
    title: 'Train managers in risk assessment',
    dueDate: '2026-05-15',
    ownerId: world.ids[demo.hooTameside],
  });
}

async function createFeed(client: SignedInClient, body: object = {}): Promise<CalendarFeed> {
  return (await client.post('/api/v1/calendar-feeds').send(body).expect(201)).body as CalendarFeed;
}

/** Fetches a feed as a calendar program does (no cookie) and parses it with ical.js. */
async function fetchEvents(url: string) {
  const response = await request(server()).get(pathOf(url)).expect(200);
  const calendar = new ICAL.Component(ICAL.parse(response.text));
  const events = calendar.getAllSubcomponents('vevent').map((vevent) => {
    const start = vevent.getFirstProperty('dtstart')!;
    return {
      uid: vevent.getFirstPropertyValue('uid'),
      summary: vevent.getFirstPropertyValue('summary'),
      startType: start.type,
      start: String(start.getFirstValue()),
      sequence: vevent.getFirstPropertyValue('sequence'),
      properties: vevent.getAllProperties().map((property) => property.name),
    };
  });
  return { response, calendar, events };
}

describe('making a calendar feed', () => {
  it('shows the address once, on the public URL, and keeps only the token hash', async () => {
    const feed = await createFeed(world.as.hooWigan);
    expect(feed).toMatchObject({
      subject: { kind: 'person', id: world.ids[demo.hooWigan] },
      revokedAt: null,
      lastUsedAt: null,
    });
    expect(feed.url).toMatch(
      new RegExp(
        `^http://localhost:3000/api/v1/calendar-feeds/${feed.id}/calendar\\.ics\\?token=iapc_[\\w-]{43}$`,
      ),
    );
    const token = new URL(feed.url!).searchParams.get('token')!;
    const list = await world.as.hooWigan.get('/api/v1/calendar-feeds').expect(200);
    expect(list.body.items.map((item: CalendarFeed) => item.id)).toContain(feed.id);
    expect(JSON.stringify(list.body)).not.toContain(token);
    const stored = await world.testApp.database.db.select().from(calendarFeeds);
    expect(JSON.stringify(stored)).not.toContain(token);
    const [audit] = await world.testApp.database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.subjectId, feed.id));
    expect(audit).toMatchObject({
      action: 'calendar_feed.created',
      actorUserId: world.ids[demo.hooWigan],
    });
    expect(JSON.stringify(audit)).not.toContain(token);
  });

  it('lists only your own feeds', async () => {
    const mine = await createFeed(world.as.hooTameside);
    const theirs = (await world.as.hooWigan.get('/api/v1/calendar-feeds').expect(200)).body.items;
    expect(theirs.map((item: CalendarFeed) => item.id)).not.toContain(mine.id);
  });

  it('makes a plan feed only for a plan whose live data you may see (404 otherwise)', async () => {
    const own = await createFeed(world.as.rpd, { planId: plans.greaterManchester });
    expect(own.subject).toMatchObject({ kind: 'plan', id: plans.greaterManchester });
    expect(own.subject.label).toBe('Regional review: Greater Manchester');
    await world.as.rpd.post('/api/v1/calendar-feeds').send({ planId: plans.northWest }).expect(404);
    // Inspectors see submitted versions, never live data: a plan feed is hidden from them.
    await world.as.inspector
      .post('/api/v1/calendar-feeds')
      .send({ planId: plans.greaterManchester })
      .expect(404);
    await createFeed(world.as.admin, { planId: plans.northWest });
    await world.as.rpd
      .post('/api/v1/calendar-feeds')
      .send({ planId: '00000000-0000-4000-8000-000000000000' })
      .expect(404);
  });

  it('refuses API clients (403): feeds belong to people', async () => {
    const unitList = (await world.as.admin.get('/api/v1/org-units').expect(200)).body
      .items as OrgUnit[];
    const unitId = unitList.find((unit) => unit.code === 'greater-manchester')!.id;
    for (const permission of ['read', 'read_write']) {
      const { token } = (
        await world.as.admin
          .post('/api/v1/api-clients')
          .send({ name: `Feeds ${permission}`, unitId, permission })
          .expect(201)
      ).body;
      const bearer = { authorization: `Bearer ${token}` };
      await request(server()).post('/api/v1/calendar-feeds').set(bearer).send({}).expect(403);
      await request(server()).get('/api/v1/calendar-feeds').set(bearer).expect(403);
    }
  });
});

describe('the feed', () => {
  it('is iCalendar with one all-day event per dated, unfinished action: titles and dates only', async () => {
    const feed = await createFeed(world.as.hooWigan);
    const { response, calendar, events } = await fetchEvents(feed.url!);
    expect(response.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(response.headers['cache-control']).toBe('no-store');
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(events).toEqual([
      {
        uid: `action-${wiganActions.dated.id}@localhost`,
        summary: 'Audit oversight in 20 cases a month (Wigan 1)',
        startType: 'date',
        start: '2026-03-31',
        sequence: 0,
        properties: expect.any(Array),
      },
    ]);
    expect(events[0]!.properties).not.toContain('description');
    expect(events[0]!.properties).not.toContain('organizer');
  });

  it('keeps the UID and raises SEQUENCE when the due date moves', async () => {
    const feed = await createFeed(world.as.hooWigan);
    const before = (await fetchEvents(feed.url!)).events[0]!;
    await world.as.hooWigan
      .patch(`/api/v1/actions/${wiganActions.dated.id}`)
      .set('if-match', `"${wiganActions.dated.revision}"`)
      .send({ dueDate: '2026-04-30', dueDateChangeReason: 'Waiting for the new audit tool' })
      .expect(200);
    const after = (await fetchEvents(feed.url!)).events[0]!;
    expect(after).toMatchObject({ uid: before.uid, start: '2026-04-30', sequence: 1 });
    expect(before.sequence).toBe(0);
  });

  it("shows a plan's unfinished actions, whoever owns them", async () => {
    const feed = await createFeed(world.as.rpd, { planId: plans.greaterManchester });
    const { events } = await fetchEvents(feed.url!);
    expect(events.map((event) => event.uid).sort()).toEqual(
      [wiganActions.dated.id, tamesideAction.id].map((id) => `action-${id}@localhost`).sort(),
    );
  });

  it('answers 401 problem+json to a revoked, unknown or missing token', async () => {
    const feed = await createFeed(world.as.hooWigan);
    await request(server()).get(pathOf(feed.url!)).expect(200);
    const revoked = await world.as.hooWigan
      .post(`/api/v1/calendar-feeds/${feed.id}/revoke`)
      .expect(200);
    expect(revoked.body.revokedAt).not.toBeNull();
    expect(revoked.body.url).toBeUndefined();
    const refused = await request(server()).get(pathOf(feed.url!)).expect(401);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    const base = `/api/v1/calendar-feeds/${feed.id}/calendar.ics`;
    await request(server())
      .get(`${base}?token=iapc_${'x'.repeat(43)}`)
      .expect(401);
    await request(server()).get(base).expect(401);
    const fresh = await createFeed(world.as.hooWigan);
    const token = new URL(fresh.url!).searchParams.get('token')!;
    // Another feed's token does not open this one.
    await request(server()).get(`${base}?token=${token}`).expect(401);
  });

  it('stops when its maker is disabled, or may no longer see the plan', async () => {
    const own = await createFeed(world.as.hooTameside);
    const plan = await createFeed(world.as.hooTameside, { planId: plans.greaterManchester });
    const db = world.testApp.database.db;
    const tamesideId = world.ids[demo.hooTameside]!;
    await db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, tamesideId));
    try {
      await request(server()).get(pathOf(own.url!)).expect(401);
    } finally {
      await db.update(users).set({ disabledAt: null }).where(eq(users.id, tamesideId));
    }
    await request(server()).get(pathOf(own.url!)).expect(200);
    // Made an inspector (who never sees live data): the plan's feed stops at once.
    await db.update(users).set({ role: 'inspector' }).where(eq(users.id, tamesideId));
    try {
      await request(server()).get(pathOf(plan.url!)).expect(401);
    } finally {
      await db.update(users).set({ role: 'head_of_operations' }).where(eq(users.id, tamesideId));
    }
  });

  it('records when it was last used, at most once a minute', async () => {
    const feed = await createFeed(world.as.hooWigan);
    const lastUsed = async () =>
      (await world.as.hooWigan.get('/api/v1/calendar-feeds').expect(200)).body.items.find(
        (item: CalendarFeed) => item.id === feed.id,
      ).lastUsedAt as string | null;
    await request(server()).get(pathOf(feed.url!)).expect(200);
    const first = await lastUsed();
    expect(first).toBe(world.testApp.clock.now().toISOString());
    world.testApp.clock.advanceMinutes(0.5);
    await request(server()).get(pathOf(feed.url!)).expect(200);
    expect(await lastUsed()).toBe(first);
    world.testApp.clock.advanceMinutes(1);
    await request(server()).get(pathOf(feed.url!)).expect(200);
    expect(await lastUsed()).toBe(world.testApp.clock.now().toISOString());
  });

  it('takes its token in the query string on the feed only; elsewhere it is refused', async () => {
    const feed = await createFeed(world.as.hooWigan);
    const token = new URL(feed.url!).searchParams.get('token')!;
    const elsewhere = await request(server())
      .get(`/api/v1/calendar-feeds?token=${token}`)
      .expect(401);
    expect(elsewhere.body.errors[0].path).toBe('token');
    // Other credential names stay refused on the feed too.
    await request(server())
      .get(`${pathOf(feed.url!)}&access_token=${token}`)
      .expect(401);
  });
});

describe('revoking a feed', () => {
  it("revokes only your own (someone else's is 404), and audits it", async () => {
    const feed = await createFeed(world.as.hooWigan);
    await world.as.hooTameside.post(`/api/v1/calendar-feeds/${feed.id}/revoke`).expect(404);
    await world.as.admin.post(`/api/v1/calendar-feeds/${feed.id}/revoke`).expect(404);
    await request(server()).get(pathOf(feed.url!)).expect(200);
    await world.as.hooWigan.post(`/api/v1/calendar-feeds/${feed.id}/revoke`).expect(200);
    await world.as.hooWigan.post(`/api/v1/calendar-feeds/${feed.id}/revoke`).expect(200);
    const audits = await world.testApp.database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.subjectId, feed.id));
    expect(audits.map((audit) => audit.action).sort()).toEqual([
      'calendar_feed.created',
      'calendar_feed.revoked',
    ]);
    await world.as.hooWigan
      .post('/api/v1/calendar-feeds/00000000-0000-4000-8000-000000000000/revoke')
      .expect(404);
  });
});

describe('logs', () => {
  it("never contain a feed's token", async () => {
    const { lines, logStream } = capturedLogs();
    const app = await buildApp(testConfig({ LOG_LEVEL: 'trace' }), {
      database: world.testApp.database,
      logStream,
      clock: world.testApp.clock.now,
    });
    try {
      const logged = signedInClient(app, await world.testApp.signIn(demo.hooWigan));
      const feed = await createFeed(logged);
      const token = new URL(feed.url!).searchParams.get('token')!;
      await request(app.server).get(pathOf(feed.url!)).expect(200);
      await request(app.server).get(`/api/v1/calendar-feeds?token=${token}`).expect(401);
      await logged.post(`/api/v1/calendar-feeds/${feed.id}/revoke`).expect(200);
      await request(app.server).get(pathOf(feed.url!)).expect(401);
      const log = lines.join('');
      expect(log).toContain(`/calendar-feeds/${feed.id}/calendar.ics`);
      expect(log).not.toContain(token);
    } finally {
      await app.close();
    }
  });
});
