import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type TestApp, createTestApp, demo } from '../testing/app';

let testApp: TestApp;

beforeAll(async () => {
  // Behind a proxy on this machine, so a test can speak from an address of its own.
  testApp = await createTestApp({ env: { RATE_LIMIT_PER_MINUTE: '5', TRUST_PROXY: '127.0.0.1' } });
});

/** The statuses of `count` requests, each built by `send` for its index. */
async function statusesOf(count: number, send: (i: number) => request.Test) {
  const statuses: number[] = [];
  for (let i = 0; i < count; i += 1) statuses.push((await send(i)).status);
  return statuses;
}
afterAll(() => testApp.close());

describe('security headers and limits', () => {
  it('sends a strict Content-Security-Policy and the usual hardening headers', async () => {
    const response = await request(testApp.app.server).get('/ping').expect(200);
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['strict-transport-security']).toBeDefined();
    expect(response.headers['referrer-policy']).toBe('no-referrer');
  });

  it('sends the same headers with refusals, unknown API addresses and web pages', async () => {
    const expected = (await request(testApp.app.server).get('/ping')).headers;
    // A web page answers 200 where the client is built and 404 where it is not: either way.
    for (const [path, status] of [
      ['/api/v1/me', [401]],
      ['/api/v1/no-such-thing', [404]],
      ['/actions/123', [200, 404]],
    ] as const) {
      const response = await request(testApp.app.server).get(path);
      expect(status, path).toContain(response.status);
      for (const name of [
        'content-security-policy',
        'strict-transport-security',
        'x-content-type-options',
        'x-frame-options',
        'referrer-policy',
        'cross-origin-opener-policy',
      ]) {
        expect(response.headers[name], `${name} on ${path}`).toBe(expected[name]);
      }
    }
  });

  it('marks API answers as not to be stored', async () => {
    const response = await request(testApp.app.server).get('/api/v1/me').expect(401);
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('refuses a body over the limit with 413 problem+json', async () => {
    const response = await request(testApp.app.server)
      .post('/api/v1/session')
      .set('content-type', 'application/json')
      .send(JSON.stringify({ email: 'a@b.example', password: 'x'.repeat(2_000_000) }))
      .expect(413);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('limits API requests per caller per minute with 429 problem+json and Retry-After', async () => {
    const cookie = await testApp.signIn(demo.rpd);
    const statuses: number[] = [];
    let limited: request.Response | undefined;
    for (let i = 0; i < 7; i += 1) {
      const response = await request(testApp.app.server)
        .get('/api/v1/inspections')
        .set('cookie', cookie);
      statuses.push(response.status);
      if (response.status === 429) limited = response;
    }
    expect(statuses.slice(0, 4).every((status) => status === 200)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    expect(limited!.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(Number(limited!.headers['retry-after'])).toBeGreaterThan(0);
    // Another caller has their own allowance; the health check is never limited.
    await request(testApp.app.server)
      .get('/api/v1/me')
      .set('cookie', await testApp.signIn(demo.hooWigan))
      .expect(200);
    await request(testApp.app.server).get('/health').expect(200);
  });

  it('counts refused anonymous requests too: 401s run into the limit', async () => {
    const unsigned = await statusesOf(6, () =>
      request(testApp.app.server).get('/api/v1/me').set('x-forwarded-for', '203.0.113.20'),
    );
    expect(unsigned).toEqual([401, 401, 401, 401, 401, 429]);
    const guessedTokens = await statusesOf(6, (i) =>
      request(testApp.app.server)
        .get('/api/v1/inspections')
        .set('x-forwarded-for', '203.0.113.21')
        .set('authorization', `Bearer guessed-token-${i}-${'x'.repeat(20)}`),
    );
    expect(guessedTokens).toEqual([401, 401, 401, 401, 401, 429]);
  });

  it('counts anonymous callers by the address the trusted proxy saw, not what they claim', async () => {
    const statuses = await statusesOf(6, (i) =>
      request(testApp.app.server)
        .get('/api/v1/me')
        .set('x-forwarded-for', `198.51.100.${i}, 203.0.113.22`),
    );
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
  });
});
