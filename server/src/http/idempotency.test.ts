import type { Action, OrgUnit, OutcomeMeasure, Recommendation } from '@tracker/shared';
import { count } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Response, Test } from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';

import { actions, progressUpdates } from '../db/schema/actions';
import { evidence } from '../db/schema/evidence';
import { inspections } from '../db/schema/inspections';
import { measureReadings, outcomeMeasures } from '../db/schema/outcome-measures';
import { TestClock } from '../testing/app';
import { routeTests } from '../testing/route-test';
let wigan1: Recommendation;
let action: Action;
let measure: OutcomeMeasure;
let regionId: string;

const world = routeTests(['rpd', 'hooWigan', 'admin'], {
  clock: new TestClock(new Date('2026-02-01T12:00:00Z')),
});
beforeAll(async () => {
  wigan1 = world.recommendations.find((r) => r.sourcePdu.name === 'Wigan' && r.number === 1)!;
  action = (await world.as.hooWigan.post(actionsPath()).send(actionBody('Base action')).expect(201))
    .body;
  measure = (await world.as.rpd.post(measuresPath()).send(measureBody('Base measure')).expect(201))
    .body;
  const units = (await world.as.rpd.get('/api/v1/org-units?type=region').expect(200)).body.items;
  regionId = (units as OrgUnit[]).find((unit) => unit.name === 'Greater Manchester')!.id;
});

const actionsPath = () => `/api/v1/recommendations/${wigan1.id}/actions`;
const measuresPath = () => `/api/v1/recommendations/${wigan1.id}/outcome-measures`;
const actionBody = (title: string) => ({ title, owningUnitId: wigan1.owningUnit.id });
const measureBody = (name: string) => ({
  name,
  unit: 'per cent',
  direction: 'higher_is_better',
  baseline: { value: 55, date: '2023-03-01', period: 'At inspection', source: 'The letter' },
});
const pdf = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`);

async function rowsIn(table: PgTable): Promise<number> {
  const [row] = await world.testApp.database.db.select({ n: count() }).from(table);
  return row!.n;
}

interface Creation {
  name: string;
  table: PgTable;
  /** Sends the request; `variant` changes what it asks for. */
  send: (variant: string) => Test;
}

const creations: Creation[] = [
  {
    name: 'an action',
    table: actions,
    send: (variant) => world.as.hooWigan.post(actionsPath()).send(actionBody(`Action ${variant}`)),
  },
  {
    name: 'a progress update',
    table: progressUpdates,
    send: (variant) =>
      world.as.hooWigan
        .post(`/api/v1/actions/${action.id}/updates`)
        .send({ narrative: `Done ${variant}` }),
  },
  {
    name: 'a note as evidence',
    table: evidence,
    send: (variant) =>
      world.as.hooWigan
        .post(`/api/v1/actions/${action.id}/evidence`)
        .send({ kind: 'note', title: 'Minutes', note: `Agreed ${variant}` }),
  },
  {
    name: 'a file as evidence (its bytes are part of the request)',
    table: evidence,
    send: (variant) =>
      world.as.hooWigan
        .post(`/api/v1/actions/${action.id}/evidence`)
        .field('title', 'Audit')
        .attach('file', pdf(variant), { filename: 'audit.pdf', contentType: 'application/pdf' }),
  },
  {
    name: 'an outcome measure',
    table: outcomeMeasures,
    send: (variant) => world.as.rpd.post(measuresPath()).send(measureBody(`Measure ${variant}`)),
  },
  {
    name: 'a reading',
    table: measureReadings,
    send: (variant) =>
      world.as.rpd
        .post(`/api/v1/outcome-measures/${measure.id}/readings`)
        .send({ value: variant.length, readingDate: '2026-01-31', note: variant }),
  },
  {
    name: 'an inspection',
    table: inspections,
    send: (variant) =>
      world.as.admin.post('/api/v1/inspections').send({
        title: `Inspection ${variant}`,
        kind: 'pdu_inspection',
        regionId,
        // One inspection per region, type and letter date.
        letterDate: variant === 'first' ? '2025-11-03' : '2025-11-04',
        author: 'Chief Inspector',
        addressee: 'Regional Probation Director',
      }),
  },
];

const answerOf = (response: Response) => ({ status: response.status, body: response.body });

describe.each(creations)('POST creating $name with an Idempotency-Key', ({ name, table, send }) => {
  it('gives the first answer again to the same key and request, and creates one row', async () => {
    const before = await rowsIn(table);
    const first = await send('first').set('idempotency-key', `${name.replace(/\W+/g, '-')}-1`);
    expect(first.status, JSON.stringify(first.body)).toBeLessThan(300);
    const again = await send('first').set('idempotency-key', `${name.replace(/\W+/g, '-')}-1`);
    expect(answerOf(again)).toEqual(answerOf(first));
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(await rowsIn(table)).toBe(before + 1);
  });

  it('refuses the same key with another request (422 problem+json), creating nothing', async () => {
    await send('second').set('idempotency-key', `${name.replace(/\W+/g, '-')}-2`);
    const before = await rowsIn(table);
    const other = await send('other').set('idempotency-key', `${name.replace(/\W+/g, '-')}-2`);
    expect(other.status).toBe(422);
    expect(other.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(other.body.errors).toEqual([expect.objectContaining({ path: 'Idempotency-Key' })]);
    expect(await rowsIn(table)).toBe(before);
  });
});

describe('Idempotency-Key', () => {
  it('is optional: without one, each request creates', async () => {
    const before = await rowsIn(actions);
    await world.as.hooWigan.post(actionsPath()).send(actionBody('Twice')).expect(201);
    await world.as.hooWigan.post(actionsPath()).send(actionBody('Twice')).expect(201);
    expect(await rowsIn(actions)).toBe(before + 2);
  });

  it("belongs to the caller: another person's same key is theirs alone", async () => {
    const before = await rowsIn(actions);
    const mine = await world.as.hooWigan
      .post(actionsPath())
      .set('idempotency-key', 'shared-key')
      .send(actionBody('Shared key'))
      .expect(201);
    const theirs = await world.as.rpd
      .post(actionsPath())
      .set('idempotency-key', 'shared-key')
      .send(actionBody('Shared key'))
      .expect(201);
    expect(theirs.body.id).not.toBe(mine.body.id);
    expect(await rowsIn(actions)).toBe(before + 2);
  });

  it('names one request: the same key sent to another route is 422', async () => {
    await world.as.hooWigan
      .post(`/api/v1/actions/${action.id}/updates`)
      .set('idempotency-key', 'one-subject')
      .send({ narrative: 'On the action' })
      .expect(201);
    const before = await rowsIn(actions);
    const elsewhere = await world.as.hooWigan
      .post(actionsPath())
      .set('idempotency-key', 'one-subject')
      .send(actionBody('Elsewhere'))
      .expect(422);
    expect(elsewhere.body.title).toBe('Idempotency key reused');
    expect(await rowsIn(actions)).toBe(before);
  });

  it('is refused (400, naming the header) when it is not 1 to 200 printable characters', async () => {
    const before = await rowsIn(actions);
    const response = await world.as.hooWigan
      .post(actionsPath())
      .set('idempotency-key', 'x'.repeat(201))
      .send(actionBody('Bad key'))
      .expect(400);
    expect(response.body.errors).toEqual([expect.objectContaining({ path: 'Idempotency-Key' })]);
    expect(await rowsIn(actions)).toBe(before);
  });

  it('is freed when the request fails: a corrected retry with the same key creates', async () => {
    const refused = await world.as.hooWigan
      .post(actionsPath())
      .set('idempotency-key', 'fails-first')
      .send({ ...actionBody('Refused'), owningUnitId: regionId });
    expect(refused.status).toBe(400);
    await world.as.hooWigan
      .post(actionsPath())
      .set('idempotency-key', 'fails-first')
      .send(actionBody('Refused'))
      .expect(201);
  });
});
