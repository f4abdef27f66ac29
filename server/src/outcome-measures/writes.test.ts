import type { OutcomeMeasure, Recommendation } from '@tracker/shared';
import { and, eq } from 'drizzle-orm';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';

import { seedDemoAccounts, seedLetter } from '../db/seed';
import { auditEvents } from '../db/schema/audit';
import { measureReadings, outcomeMeasures } from '../db/schema/outcome-measures';
import { type SignedInClient, TestClock, demo, demoPassword, signedInClient } from '../testing/app';
import { monthsToHoldTarget } from './service';
import { northWestLetter } from '../testing/other-region';
import { routeTests } from '../testing/route-test';

const otherRegionLead = 'rpd@nw.probation.example';
let nwLead: SignedInClient;
let recommendations: Recommendation[];
let units: Record<string, string>;

const rec = (pdu: string, number: number) =>
  recommendations.find((r) => r.sourcePdu.name === pdu && r.number === number)!;

/** A bearer-token client, as an integration (a quality dashboard) would call. */
function tokenClient(token: string) {
  return {
    post: (url: string) =>
      request(world.testApp.app.server).post(url).set('authorization', `Bearer ${token}`),
  };
}

async function apiClient(name: string, unitCode: string, permission: 'read' | 'read_write') {
  const response = await world.as.admin
    .post('/api/v1/api-clients')
    .send({ name, unitId: units[unitCode], permission })
    .expect(201);
  return { id: response.body.client.id as string, ...tokenClient(response.body.token) };
}

const measureBody = (overrides: object = {}) => ({
  name: 'Cases with sufficient management oversight',
  unit: 'per cent',
  direction: 'higher_is_better',
  baseline: {
    value: 55,
    date: '2023-03-01',
    period: 'At inspection',
    source: 'Management oversight was sufficient in 55 per cent of the cases we inspected.',
  },
  target: { value: 80, date: '2026-12-31' },
  ...overrides,
});

async function addMeasure(
  client: SignedInClient = world.as.rpd,
  recommendation = rec('Wigan', 1),
  overrides: object = {},
): Promise<OutcomeMeasure> {
  const response = await client
    .post(`/api/v1/recommendations/${recommendation.id}/outcome-measures`)
    .send(measureBody(overrides))
    .expect(201);
  return response.body;
}

async function auditOf(subjectId: string) {
  return world.testApp.database.db
    .select()
    .from(auditEvents)
    .where(
      and(eq(auditEvents.subjectType, 'outcome_measure'), eq(auditEvents.subjectId, subjectId)),
    )
    .orderBy(auditEvents.id);
}

const measureCount = (recommendationId: string) =>
  world.testApp.database.db.$count(
    outcomeMeasures,
    eq(outcomeMeasures.recommendationId, recommendationId),
  );

const world = routeTests(['rpd', 'hooWigan', 'nationalLead', 'inspector', 'admin'], {
  clock: new TestClock(new Date('2026-02-01T12:00:00Z')),
  async prepare({ database: { db } }) {
    // A second region, with its own lead, to check that it cannot even see Greater Manchester.
    await seedLetter(db, northWestLetter());
    await seedDemoAccounts(
      db,
      [{ email: otherRegionLead, name: 'NW lead', role: 'region_lead', unitCode: 'north-west' }],
      { password: demoPassword, nodeEnv: 'test' },
    );
  },
});
beforeAll(async () => {
  nwLead = signedInClient(world.testApp.app, await world.testApp.signIn(otherRegionLead));
  recommendations = (await world.as.admin.get('/api/v1/recommendations?limit=200').expect(200)).body
    .items;
  units = Object.fromEntries(
    (
      (await world.as.admin.get('/api/v1/org-units').expect(200)).body.items as {
        code: string;
        id: string;
      }[]
    ).map((unit) => [unit.code, unit.id]),
  );
});

describe('adding outcome measures', () => {
  it('lets the region lead add one (201, ETag "1"), audited with the region', async () => {
    const response = await world.as.rpd
      .post(`/api/v1/recommendations/${rec('Wigan', 1).id}/outcome-measures`)
      .send(measureBody())
      .expect(201);
    expect(response.headers.etag).toBe('"1"');
    const measure = response.body as OutcomeMeasure;
    expect(measure).toMatchObject({
      recommendationId: rec('Wigan', 1).id,
      name: 'Cases with sufficient management oversight',
      direction: 'higher_is_better',
      baseline: { value: 55, date: '2023-03-01', period: 'At inspection' },
      target: { value: 80, date: '2026-12-31' },
      readings: [],
      latestReading: null,
      met: false,
      revision: 1,
      createdAt: '2026-02-01T12:00:00.000Z',
    });
    const read = await world.as.rpd.get(`/api/v1/outcome-measures/${measure.id}`).expect(200);
    expect(read.headers.etag).toBe('"1"');
    expect(read.body).toEqual(measure);
    const [audit] = await auditOf(measure.id);
    expect(audit).toMatchObject({
      action: 'outcome_measure.created',
      actorUserId: world.ids[demo.rpd],
      regionId: units['greater-manchester'],
      after: expect.objectContaining({ name: measure.name, target: measure.target }),
    });
  });

  it("lets a head of operations add one to their PDU's, not another's (403)", async () => {
    const wigan = await addMeasure(world.as.hooWigan, rec('Wigan', 2), { target: undefined });
    expect(wigan).toMatchObject({ target: null, baseline: { date: '2023-03-01' } });
    const tameside = rec('Tameside', 1);
    const before = await measureCount(tameside.id);
    const refused = await world.as.hooWigan
      .post(`/api/v1/recommendations/${tameside.id}/outcome-measures`)
      .send(measureBody())
      .expect(403);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(await measureCount(tameside.id)).toBe(before);
  });

  it('hides it from inspectors and other regions (404); onlookers get 403', async () => {
    const wigan1 = rec('Wigan', 1);
    const before = await measureCount(wigan1.id);
    for (const outsider of [world.as.inspector, nwLead]) {
      await outsider
        .post(`/api/v1/recommendations/${wigan1.id}/outcome-measures`)
        .send(measureBody())
        .expect(404);
    }
    // They may see a PDU recommendation but it is not theirs to measure.
    for (const onlooker of [world.as.nationalLead, world.as.admin]) {
      await onlooker
        .post(`/api/v1/recommendations/${wigan1.id}/outcome-measures`)
        .send(measureBody())
        .expect(403);
    }
    await world.as.rpd
      .post('/api/v1/recommendations/00000000-0000-4000-8000-000000000000/outcome-measures')
      .send(measureBody())
      .expect(404);
    expect(await measureCount(wigan1.id)).toBe(before);
    const refusals = await world.testApp.database.db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.action, 'access.refused'),
          eq(auditEvents.actorUserId, world.ids[demo.inspector]!),
        ),
      );
    expect(refusals.length).toBeGreaterThan(0);
  });

  it('refuses invalid bodies, naming each field', async () => {
    const url = `/api/v1/recommendations/${rec('Wigan', 1).id}/outcome-measures`;
    const paths = async (body: object) =>
      ((await world.as.rpd.post(url).send(body).expect(400)).body.errors as { path: string }[])
        .map((error) => error.path)
        .sort();
    expect(await paths(measureBody({ direction: 'sideways' }))).toEqual(['direction']);
    expect(
      await paths(measureBody({ baseline: { ...measureBody().baseline, value: 'x' } })),
    ).toEqual(['baseline.value']);
    expect(await paths(measureBody({ colour: 'red' }))).toEqual(['colour']);
    expect(
      await paths(measureBody({ name: '  ', target: { value: 80, date: '31/12/2026' } })),
    ).toEqual(['name', 'target.date']);
    expect(
      await paths(measureBody({ baseline: { ...measureBody().baseline, extra: true } })),
    ).toEqual(['baseline.extra']);
  });
});

describe('changing outcome measures', () => {
  it('needs If-Match (428); a stale one is refused (412) and changes nothing', async () => {
    const measure = await addMeasure();
    const url = `/api/v1/outcome-measures/${measure.id}`;
    await world.as.rpd.patch(url).send({ name: 'Renamed' }).expect(428);
    const changed = await world.as.rpd
      .patch(url)
      .set('if-match', '"1"')
      .send({ name: 'Oversight sufficient', target: { value: 85 } })
      .expect(200);
    expect(changed.headers.etag).toBe('"2"');
    expect(changed.body).toMatchObject({
      name: 'Oversight sufficient',
      target: { value: 85, date: null },
      revision: 2,
    });
    const stale = await world.as.rpd
      .patch(url)
      .set('if-match', '"1"')
      .send({ name: 'Lost' })
      .expect(412);
    expect(stale.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((await world.as.rpd.get(url).expect(200)).body).toEqual(changed.body);
    const audits = await auditOf(measure.id);
    expect(audits.map((audit) => audit.action)).toEqual([
      'outcome_measure.created',
      'outcome_measure.updated',
    ]);
    expect(audits[1]).toMatchObject({
      before: expect.objectContaining({ name: measure.name, target: measure.target }),
      after: expect.objectContaining({ name: 'Oversight sufficient' }),
    });
  });

  it('changes baseline fields one by one, and clears the target with null', async () => {
    const measure = await addMeasure();
    const response = await world.as.rpd
      .patch(`/api/v1/outcome-measures/${measure.id}`)
      .set('if-match', '"1"')
      .send({ baseline: { value: 54.5, date: null }, target: null, direction: 'lower_is_better' })
      .expect(200);
    expect(response.body).toMatchObject({
      direction: 'lower_is_better',
      baseline: { ...measure.baseline, value: 54.5, date: null },
      target: null,
    });
  });

  it('of two PATCHes with the same ETag at once, exactly one wins', async () => {
    const measure = await addMeasure();
    const results = await Promise.all(
      ['First', 'Second'].map((name) =>
        world.as.rpd
          .patch(`/api/v1/outcome-measures/${measure.id}`)
          .set('if-match', '"1"')
          .send({ name }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 412]);
    const winner = results.find((r) => r.status === 200)!.body as OutcomeMeasure;
    const now = (await world.as.rpd.get(`/api/v1/outcome-measures/${measure.id}`).expect(200)).body;
    expect(now).toMatchObject({ name: winner.name, revision: 2 });
  });

  it('answers 403 to onlookers and 404 to outsiders, before asking for If-Match', async () => {
    const tameside = await addMeasure(world.as.rpd, rec('Tameside', 1));
    const url = `/api/v1/outcome-measures/${tameside.id}`;
    await world.as.hooWigan.get(url).expect(200);
    await world.as.hooWigan
      .patch(url)
      .set('if-match', '"1"')
      .send({ name: 'Mine now' })
      .expect(403);
    await world.as.hooWigan.patch(url).send({ name: 'Mine now' }).expect(403);
    await world.as.inspector.patch(url).send({ name: 'Seen' }).expect(404);
    await nwLead.patch(url).set('if-match', '"1"').send({ name: 'Seen' }).expect(404);
    await nwLead.delete(url).expect(404);
    expect((await world.as.rpd.get(url).expect(200)).body).toEqual(tameside);
  });

  it('refuses invalid changes, naming the field', async () => {
    const measure = await addMeasure();
    const response = await world.as.rpd
      .patch(`/api/v1/outcome-measures/${measure.id}`)
      .set('if-match', '"1"')
      .send({ direction: 'sideways', recommendationId: measure.recommendationId })
      .expect(400);
    expect((response.body.errors as { path: string }[]).map((e) => e.path).sort()).toEqual([
      'direction',
      'recommendationId',
    ]);
  });
});

describe('readings', () => {
  const post = (client: { post: SignedInClient['post'] }, measure: OutcomeMeasure, body: object) =>
    client.post(`/api/v1/outcome-measures/${measure.id}/readings`).send(body);

  it('takes a reading split by protected characteristic, each group a share of its own whole', async () => {
    const measure = await addMeasure(world.as.rpd, rec('Wigan', 2));
    const breakdown = [
      { characteristic: 'race', group: 'Black or Black British', numerator: 3, denominator: 10 },
      { characteristic: 'sex', group: 'Female', numerator: 5, denominator: 8 },
    ];
    const posted = await post(world.as.rpd, measure, {
      numerator: 26,
      denominator: 51,
      readingDate: '2026-01-31',
      breakdown,
    }).expect(201);
    expect(posted.body.latestReading.breakdown).toEqual([
      { ...breakdown[0], value: 30 },
      { ...breakdown[1], value: 62.5 },
    ]);
    const listed = (await world.as.rpd.get(`/api/v1/outcome-measures/${measure.id}`).expect(200))
      .body as OutcomeMeasure;
    expect(listed.readings.at(-1)!.breakdown).toHaveLength(2);

    // A group larger than its whole, or one given twice, is refused naming it; nothing is kept.
    const tooMany = await post(world.as.rpd, measure, {
      value: 50,
      readingDate: '2026-01-31',
      breakdown: [{ ...breakdown[0], numerator: 11 }],
    }).expect(400);
    expect(JSON.stringify(tooMany.body.errors)).toMatch(/breakdown.*numerator/);
    const twice = await post(world.as.rpd, measure, {
      value: 50,
      readingDate: '2026-01-31',
      breakdown: [breakdown[1], { ...breakdown[1], group: 'female' }],
    }).expect(400);
    expect(JSON.stringify(twice.body.errors)).toMatch(/breakdown.*group/);
    await post(world.as.rpd, measure, {
      value: 50,
      readingDate: '2026-01-31',
      breakdown: [{ ...breakdown[0], characteristic: 'postcode' }],
    }).expect(400);
    const after = (await world.as.rpd.get(`/api/v1/outcome-measures/${measure.id}`).expect(200))
      .body as OutcomeMeasure;
    expect(after.readings).toHaveLength(1);
  });

  it('refuses a reading dated after today in Europe/London, naming readingDate', async () => {
    const measure = await addMeasure();
    const response = await post(world.as.rpd, measure, {
      value: 60,
      readingDate: '2026-02-02',
    }).expect(400);
    expect(response.body.errors).toEqual([{ path: 'readingDate', message: expect.any(String) }]);
    const badDate = await post(world.as.rpd, measure, {
      value: 60,
      readingDate: '2026-2-1',
    }).expect(400);
    expect(badDate.body.errors[0].path).toBe('readingDate');
    const notANumber = await post(world.as.rpd, measure, {
      value: '60',
      readingDate: '2026-02-01',
    });
    expect(notANumber.status).toBe(400);
    expect(notANumber.body.errors[0].path).toBe('value');
    expect(
      await world.testApp.database.db.$count(
        measureReadings,
        eq(measureReadings.measureId, measure.id),
      ),
    ).toBe(0);
    // Today is fine.
    await post(world.as.rpd, measure, { value: 60, readingDate: '2026-02-01' }).expect(201);
  });

  it('takes readings from read_write API clients in scope, never from read clients', async () => {
    const measure = await addMeasure();
    const reader = await apiClient('GM reporting (read)', 'greater-manchester', 'read');
    await post(reader, measure, { value: 61, readingDate: '2026-01-31' }).expect(403);
    const tamesideDashboard = await apiClient('Tameside dashboard', 'tameside', 'read_write');
    await post(tamesideDashboard, measure, { value: 61, readingDate: '2026-01-31' }).expect(403);
    const nwDashboard = await apiClient('NW dashboard', 'north-west', 'read_write');
    await post(nwDashboard, measure, { value: 61, readingDate: '2026-01-31' }).expect(404);
    expect(
      await world.testApp.database.db.$count(
        measureReadings,
        eq(measureReadings.measureId, measure.id),
      ),
    ).toBe(0);

    const dashboard = await apiClient('GM quality dashboard', 'greater-manchester', 'read_write');
    const response = await post(dashboard, measure, {
      value: 61,
      readingDate: '2026-01-31',
      note: 'From the January quality dashboard',
    }).expect(201);
    expect(response.headers.etag).toBe('"2"');
    expect(response.body).toMatchObject({
      revision: 2,
      met: false,
      readings: [{ value: 61, readingDate: '2026-01-31', recordedById: null }],
      latestReading: { value: 61, note: 'From the January quality dashboard' },
    });
    const wiganDashboard = await apiClient('Wigan dashboard', 'wigan', 'read_write');
    await post(wiganDashboard, measure, { value: 62, readingDate: '2026-02-01' }).expect(201);
    const [, reading] = await auditOf(measure.id);
    expect(reading).toMatchObject({
      action: 'outcome_measure.reading_added',
      actorApiClientId: dashboard.id,
      regionId: units['greater-manchester'],
      before: { met: false, readings: 0 },
      after: { met: false, readings: 1, reading: { value: 61, readingDate: '2026-01-31' } },
    });
  });

  it('lets people who may change the measure post readings; others get 403 or 404', async () => {
    const measure = await addMeasure(world.as.hooWigan, rec('Wigan', 3));
    const reading = { value: 70, readingDate: '2026-01-15' };
    const posted = await post(world.as.hooWigan, measure, reading).expect(201);
    expect(posted.body.latestReading).toMatchObject({
      ...reading,
      recordedById: world.ids[demo.hooWigan],
    });
    await post(world.as.nationalLead, measure, reading).expect(403);
    await post(world.as.admin, measure, reading).expect(403);
    await post(world.as.inspector, measure, reading).expect(404);
    await post(nwLead, measure, reading).expect(404);
  });

  it(`is met once the target has held for ${monthsToHoldTarget} months`, async () => {
    expect(monthsToHoldTarget).toBe(3);
    const measure = await addMeasure(world.as.rpd, rec('Wigan', 1), {
      direction: 'lower_is_better',
      target: { value: 20, date: '2026-06-30' },
    });
    const reading = async (value: number, readingDate: string) =>
      (await post(world.as.rpd, measure, { value, readingDate }).expect(201))
        .body as OutcomeMeasure;

    expect((await reading(25, '2025-06-01')).met).toBe(false);
    expect((await reading(20, '2025-07-01')).met).toBe(false); // reached, not yet held
    const holding = await reading(18, '2025-08-15');
    expect(holding).toMatchObject({ met: false, targetHeldSince: '2025-07-01' });
    const held = await reading(19, '2025-10-01');
    expect(held).toMatchObject({ met: true, targetHeldSince: '2025-07-01' });
    expect(held.latestReading).toMatchObject({ value: 19, readingDate: '2025-10-01' });
    const missed = await reading(22, '2025-10-15');
    expect(missed).toMatchObject({ met: false, targetHeldSince: null }); // a later miss unsets it

    // A late reading for an earlier date slots in by date: the latest is still the miss.
    const backdated = await reading(17, '2025-09-01');
    expect(backdated.readings.map((r) => r.readingDate)).toEqual([
      '2025-06-01',
      '2025-07-01',
      '2025-08-15',
      '2025-09-01',
      '2025-10-01',
      '2025-10-15',
    ]);
    expect(backdated).toMatchObject({ met: false, latestReading: { value: 22 } });

    // Two readings for one date keep the order they were posted in, even at the same instant.
    const again = await reading(19, '2025-10-15');
    expect(again.readings.slice(-2).map((r) => r.value)).toEqual([22, 19]);
    expect(again).toMatchObject({ met: false, targetHeldSince: '2025-10-15' });
    const met = await reading(16, '2026-01-15');
    expect(met).toMatchObject({ met: true, latestReading: { value: 16 } });

    // The target moves: `met` follows it. Clearing it unsets `met`.
    const url = `/api/v1/outcome-measures/${measure.id}`;
    const etag = `"${met.revision}"`;
    const stricter = await world.as.rpd
      .patch(url)
      .set('if-match', etag)
      .send({ target: { value: 15 } });
    expect(stricter.body).toMatchObject({ met: false, revision: met.revision + 1 });
    const cleared = await world.as.rpd
      .patch(url)
      .set('if-match', `"${met.revision + 1}"`)
      .send({ target: null })
      .expect(200);
    expect(cleared.body.met).toBe(false);
    const listed = (
      await world.as.rpd.get(
        `/api/v1/outcome-measures?recommendationId=${rec('Wigan', 1).id}&limit=200`,
      )
    ).body.items as OutcomeMeasure[];
    expect(listed.find((m) => m.id === measure.id)).toEqual(cleared.body);
  });

  it('counts a reading exactly at the target as reaching it, whichever the direction', async () => {
    const measure = await addMeasure(world.as.rpd, rec('Wigan', 4), { target: { value: 80 } });
    await post(world.as.rpd, measure, { value: 80, readingDate: '2025-10-01' }).expect(201);
    const response = await post(world.as.rpd, measure, {
      value: 80.5,
      readingDate: '2026-01-01',
    }).expect(201);
    expect(response.body.met).toBe(true);
  });

  it('raises the ETag, so an edit based on the measure before the reading is stale', async () => {
    const measure = await addMeasure();
    await post(world.as.rpd, measure, { value: 70, readingDate: '2026-01-31' }).expect(201);
    await world.as.rpd
      .patch(`/api/v1/outcome-measures/${measure.id}`)
      .set('if-match', '"1"')
      .send({ name: 'Based on an old read' })
      .expect(412);
  });
});

describe('deleting outcome measures', () => {
  it('deletes a measure without readings (If-Match required), audited', async () => {
    const measure = await addMeasure();
    const url = `/api/v1/outcome-measures/${measure.id}`;
    await world.as.rpd.delete(url).expect(428);
    await world.as.rpd.delete(url).set('if-match', '"7"').expect(412);
    await world.as.hooWigan.delete(url).set('if-match', '"1"').expect(204);
    await world.as.rpd.get(url).expect(404);
    const audits = await auditOf(measure.id);
    expect(audits.at(-1)).toMatchObject({
      action: 'outcome_measure.deleted',
      actorUserId: world.ids[demo.hooWigan],
      regionId: units['greater-manchester'],
      before: expect.objectContaining({ name: measure.name }),
    });
  });

  it('refuses to delete a measure that has readings (409), keeping it', async () => {
    const measure = await addMeasure();
    const url = `/api/v1/outcome-measures/${measure.id}`;
    await world.as.rpd
      .post(`${url}/readings`)
      .send({ value: 60, readingDate: '2026-01-31' })
      .expect(201);
    const refused = await world.as.rpd.delete(url).set('if-match', '"2"').expect(409);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((await world.as.rpd.get(url).expect(200)).body.readings).toHaveLength(1);
  });

  it('keeps the seeded baselines readable, with an ETag and met false', async () => {
    const seeded = (
      await world.as.rpd.get('/api/v1/outcome-measures?limit=200').expect(200)
    ).body.items.find((m: OutcomeMeasure) => /vacancy/i.test(m.name) && m.baseline.value === 24);
    expect(seeded).toMatchObject({ revision: 1, met: false, latestReading: null, target: null });
    const one = await world.as.rpd.get(`/api/v1/outcome-measures/${seeded.id}`).expect(200);
    expect(one.headers.etag).toBe('"1"');
  });
});
