import { eq } from 'drizzle-orm';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { sessions } from '../db/schema/sessions';
import { type TestApp, createTestApp, demo, sessionCookieOf } from '../testing/app';
import { hashToken } from './tokens';

let testApp: TestApp;

beforeAll(async () => {
  testApp = await createTestApp({
    env: { SESSION_IDLE_MINUTES: '30', SESSION_ABSOLUTE_HOURS: '12' },
  });
});
afterAll(() => testApp.close());

const me = (cookie: string) => request(testApp.app.server).get('/api/v1/me').set('cookie', cookie);

describe('signing in', () => {
  it('sets an HttpOnly, SameSite=Lax, Secure __Host- cookie and answers with the person', async () => {
    const response = await request(testApp.app.server)
      .post('/api/v1/session')
      .send({ email: 'RPD@gm.probation.example', password: 'demo-password' })
      .expect(200);
    const setCookie = String(response.headers['set-cookie']);
    expect(setCookie).toMatch(/^__Host-session=[A-Za-z0-9_-]{40,};/);
    expect(setCookie).toMatch(/; HttpOnly/);
    expect(setCookie).toMatch(/; SameSite=Lax/);
    expect(setCookie).toMatch(/; Secure/);
    expect(setCookie).toMatch(/; Path=\//);
    expect(setCookie).not.toMatch(/Domain=/);
    expect(response.body).toMatchObject({
      email: demo.rpd,
      role: 'region_lead',
      unit: { name: 'Greater Manchester', type: 'region' },
      session: { idleExpiresAt: expect.any(String), absoluteExpiresAt: expect.any(String) },
    });
  });

  it('gives a new session id at every sign-in and ends the one the browser had', async () => {
    const first = await testApp.signIn(demo.hooWigan);
    const second = sessionCookieOf(
      await request(testApp.app.server)
        .post('/api/v1/session')
        .set('cookie', first)
        .send({ email: demo.hooWigan, password: 'demo-password' })
        .expect(200),
    );
    expect(second).not.toBe(first);
    await me(second).expect(200);
    await me(first).expect(401);
  });

  it('refuses a wrong password with 401 problem+json that does not say which part was wrong', async () => {
    const response = await request(testApp.app.server)
      .post('/api/v1/session')
      .send({ email: demo.rpd, password: 'wrong-password' })
      .expect(401);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body.detail).toBe('The email address or password is not right.');
    expect(response.headers['set-cookie']).toBeUndefined();
  });

  it('refuses an invalid body with a 400 naming each field, and unknown fields', async () => {
    const response = await request(testApp.app.server)
      .post('/api/v1/session')
      .send({ email: 'not-an-email', password: '', remember: true })
      .expect(400);
    expect((response.body.errors as { path: string }[]).map((e) => e.path).sort()).toEqual([
      'email',
      'password',
      'remember',
    ]);
  });

  it('needs a session for everything else: 401 problem+json without one', async () => {
    for (const path of ['/api/v1/me', '/api/v1/recommendations', '/api/v1/inspections']) {
      const response = await request(testApp.app.server).get(path).expect(401);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    await me('__Host-session=made-up-token-made-up-token-made-up-token').expect(401);
  });
});

describe('ending a session', () => {
  it('refuses the old cookie at once after sign-out, and tells the browser to forget the site', async () => {
    const cookie = await testApp.signIn(demo.hooTameside);
    const signOut = await request(testApp.app.server)
      .delete('/api/v1/session')
      .set('cookie', cookie)
      .expect(204);
    expect(signOut.headers['clear-site-data']).toBe('"cache", "cookies", "storage"');
    const response = await me(cookie).expect(401);
    expect(response.body.status).toBe(401);
  });

  it('refuses the cookie at once when an administrator disables the person', async () => {
    const victim = await testApp.signIn(demo.hooManchesterNorth);
    const admin = await testApp.signIn(demo.admin);
    const { body: user } = await me(victim).expect(200);
    await request(testApp.app.server)
      .post(`/api/v1/users/${user.id}/disable`)
      .set('cookie', admin)
      .expect(200);
    await me(victim).expect(401);
    await request(testApp.app.server)
      .post(`/api/v1/users/${user.id}/enable`)
      .set('cookie', admin)
      .expect(200);
    await me(victim).expect(401);
  });

  it('refuses within two seconds a session another instance revoked (the session cache)', async () => {
    const cookie = await testApp.signIn(demo.hooTameside);
    await me(cookie).expect(200);
    // Another instance's sign-out: the row changes, this process is not told.
    await testApp.database.db
      .update(sessions)
      .set({ revokedAt: testApp.clock.now() })
      .where(eq(sessions.tokenHash, hashToken(cookie.slice(cookie.indexOf('=') + 1))));
    testApp.clock.advanceMinutes(2 / 60);
    await me(cookie).expect(401);
  });

  it('expires after the idle timeout, and says so', async () => {
    const cookie = await testApp.signIn(demo.nationalLead);
    testApp.clock.advanceMinutes(29);
    await me(cookie).expect(200);
    testApp.clock.advanceMinutes(29);
    await me(cookie).expect(200);
    testApp.clock.advanceMinutes(31);
    const expired = await me(cookie).expect(401);
    expect(expired.body.detail).toMatch(/expired/);
  });

  it('expires after the absolute lifetime even when used all the time', async () => {
    const cookie = await testApp.signIn(demo.inspector);
    for (let hour = 0; hour < 12 * 3 - 1; hour += 1) {
      testApp.clock.advanceMinutes(20);
      await me(cookie).expect(200);
    }
    testApp.clock.advanceMinutes(25);
    await me(cookie).expect(401);
  });
});

describe('cross-site request forgery', () => {
  it('refuses a cookie-authenticated change from another site', async () => {
    const cookie = await testApp.signIn(demo.admin);
    for (const headers of [
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
      { origin: 'https://evil.example' },
    ]) {
      const response = await request(testApp.app.server)
        .post('/api/v1/api-clients')
        .set('cookie', cookie)
        .set(headers)
        .send({ name: 'x', unitId: '00000000-0000-4000-8000-000000000000', permission: 'read' })
        .expect(403);
      expect(response.body.title).toBe('Cross-site request refused');
    }
    const list = await request(testApp.app.server)
      .get('/api/v1/api-clients')
      .set('cookie', cookie)
      .expect(200);
    expect(list.body.items).toEqual([]);
  });

  it('refuses a sign-in posted from another site', async () => {
    await request(testApp.app.server)
      .post('/api/v1/session')
      .set('sec-fetch-site', 'cross-site')
      .send({ email: demo.rpd, password: 'demo-password' })
      .expect(403);
  });

  it('accepts a same-origin change, and judges a request with neither header by its credentials', async () => {
    const cookie = await testApp.signIn(demo.rpd);
    const host = `127.0.0.1`;
    await request(testApp.app.server)
      .delete('/api/v1/session')
      .set('cookie', cookie)
      .set('host', host)
      .set('origin', `http://${host}`)
      .set('sec-fetch-site', 'same-origin')
      .expect(204);
    const other = await testApp.signIn(demo.rpd);
    await request(testApp.app.server).delete('/api/v1/session').set('cookie', other).expect(204);
    await request(testApp.app.server).delete('/api/v1/session').expect(401);
  });
});
