import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type TestApp, createTestApp, demo } from '../testing/app';

let testApp: TestApp;

beforeAll(async () => {
  // Behind one proxy, so each test can speak from its own address.
  testApp = await createTestApp({ env: { SIGNIN_MAX_FAILURES: '3', TRUST_PROXY: '1' } });
});
afterAll(() => testApp.close());

/** `ip` is the X-Forwarded-For the proxy passes on: what the client sent, then its address. */
function attempt(email: string, password: string, ip = '10.0.0.1') {
  return request(testApp.app.server)
    .post('/api/v1/session')
    .set('x-forwarded-for', ip)
    .send({ email, password });
}

/** Everything a caller could tell two answers apart by. */
function visible(response: request.Response) {
  return {
    status: response.status,
    body: response.body,
    retryAfter: response.headers['retry-after'],
  };
}

describe('failed sign-ins', () => {
  it('lock an account from the address they came from after SIGNIN_MAX_FAILURES, with 429 and Retry-After, even for the right password', async () => {
    for (let i = 0; i < 3; i += 1) await attempt(demo.hooWigan, 'wrong-password').expect(401);
    const locked = await attempt(demo.hooWigan, 'demo-password').expect(429);
    expect(locked.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(800);
    expect(locked.body).toMatchObject({ status: 429, title: 'Too many failed sign-ins' });

    testApp.clock.advanceMinutes(16);
    await attempt(demo.hooWigan, 'demo-password').expect(200);
  });

  it('from other addresses never lock the owner out', async () => {
    for (let address = 1; address <= 3; address += 1) {
      const attacker = `192.0.2.${address}`;
      for (let i = 0; i < 3; i += 1) {
        await attempt(demo.hooManchesterNorth, 'wrong-password', attacker).expect(401);
      }
      await attempt(demo.hooManchesterNorth, 'wrong-password', attacker).expect(429);
      // The owner, at their own desk, in the middle of it all.
      await attempt(demo.hooManchesterNorth, 'demo-password', '10.20.0.1').expect(200);
    }
  }, 60_000);

  it('are counted against the address the proxy saw, whatever the client puts in X-Forwarded-For', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      const response = await attempt(
        demo.inspector,
        'wrong-password',
        `198.51.100.${i}, 203.0.113.7`,
      );
      statuses.push(response.status);
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    await attempt(demo.inspector, 'demo-password', '203.0.113.8').expect(200);
  });

  it('answer an unknown email exactly as a known one with a wrong password', async () => {
    const known: ReturnType<typeof visible>[] = [];
    const unknown: ReturnType<typeof visible>[] = [];
    for (let i = 0; i < 4; i += 1) {
      known.push(visible(await attempt(demo.hooTameside, 'wrong-password', '10.0.1.1')));
      unknown.push(
        visible(await attempt('nobody@gm.probation.example', 'wrong-password', '10.0.1.2')),
      );
    }
    expect(unknown.map((r) => r.status)).toEqual([401, 401, 401, 429]);
    expect(unknown).toEqual(known);
  });

  it('are counted per address too: many accounts from one address lock that address', async () => {
    const emails = Array.from({ length: 12 }, (_, i) => `guess${i}@gm.probation.example`);
    for (const email of emails) await attempt(email, 'wrong-password', '10.9.9.9').expect(401);
    await attempt(demo.rpd, 'demo-password', '10.9.9.9').expect(429);
    await attempt(demo.rpd, 'demo-password', '10.9.9.10').expect(200);
  });
});
