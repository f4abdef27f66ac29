import { and, eq, inArray, isNull } from 'drizzle-orm';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { auditEvents } from '../db/schema/audit';
import { notifications } from '../db/schema/notifications';
import { orgUnits } from '../db/schema/org-units';
import { oidcSignInAttempts, sessions } from '../db/schema/sessions';
import { pendingAccounts, users } from '../db/schema/users';
import { type TestApp, TestClock, createTestApp, demo, sessionCookieOf } from '../testing/app';
import { type TestProvider, startTestProvider } from '../testing/oidc-provider';

const publicUrl = 'http://localhost:3000';
const callbackUri = `${publicUrl}/api/v1/oidc/1/callback`;

let provider: TestProvider;
let testApp: TestApp;

const ssoEnv = () => ({
  PUBLIC_URL: publicUrl,
  OIDC_ISSUER: provider.issuer,
  OIDC_CLIENT_ID: provider.clientId,
  OIDC_CLIENT_SECRET: provider.clientSecret,
  OIDC_NAME: 'HMPPS Auth',
  OIDC_ALLOWED_DOMAINS: 'newcomers.example, Other.Example',
});

beforeAll(async () => {
  provider = await startTestProvider({
    accounts: [
      { sub: 'rpd-at-hmpps', email: demo.rpd, email_verified: true, name: 'Region lead' },
      { sub: 'stranger', email: 'stranger@justice.gov.uk', email_verified: true },
      { sub: 'unverified', email: demo.hooTameside, email_verified: false },
      { sub: 'wigan', email: demo.hooWigan, email_verified: true },
      { sub: 'inspector', email: demo.inspector, email_verified: true },
      { sub: 'impostor', email: demo.nationalLead, email_verified: true },
      {
        sub: 'newcomer',
        email: 'New.Comer@newcomers.example',
        email_verified: true,
        name: 'Nia Comer',
      },
      { sub: 'refused-newcomer', email: 'refused@newcomers.example', email_verified: true },
      { sub: 'unverified-newcomer', email: 'unverified@newcomers.example', email_verified: false },
    ],
    redirectUris: [callbackUri, 'http://localhost:3000/api/v1/oidc/2/callback'],
    postLogoutRedirectUris: [`${publicUrl}/sign-in`],
  });
  testApp = await createTestApp({ env: ssoEnv() });
});
afterAll(async () => {
  await testApp?.close();
  await provider?.close();
});

/** Starts at our sign-in route; answers with the callback URL the provider sends the browser to. */
async function toCallback(app: TestApp, sub: string, returnTo?: string): Promise<URL> {
  provider.signInAs(sub);
  const start = await request(app.app.server)
    .get('/api/v1/oidc/1/sign-in')
    .query(returnTo ? { returnTo } : {})
    .expect(302);
  const authorization = new URL(start.headers.location as string);
  expect(authorization.origin).toBe(provider.issuer);
  expect(authorization.searchParams.get('code_challenge_method')).toBe('S256');
  expect(authorization.searchParams.get('state')).toBeTruthy();
  expect(authorization.searchParams.get('nonce')).toBeTruthy();
  const callback = await provider.callbackFor(authorization.toString());
  expect(callback.href.startsWith(callbackUri)).toBe(true);
  return callback;
}

const callback = (app: TestApp, url: URL) => request(app.app.server).get(url.pathname + url.search);

async function refusalsOf(app: TestApp, reason: string) {
  const rows = await app.database.db
    .select()
    .from(auditEvents)
    .where(eq(auditEvents.action, 'auth.sso_refused'));
  return rows.filter((row) => (row.after as { reason: string }).reason === reason);
}

describe('without the settings', () => {
  it('offers passwords only, and the SSO routes do not exist', async () => {
    const plain = await createTestApp({ seed: false });
    try {
      const options = await request(plain.app.server).get('/api/v1/sign-in-options').expect(200);
      expect(options.body).toEqual({ passwordSignIn: true, singleSignOn: [] });
      await request(plain.app.server).get('/api/v1/oidc/1/sign-in').expect(404);
    } finally {
      await plain.close();
    }
  });
});

describe('single sign-on against a real OpenID provider', () => {
  it('offers the button, with passwords still on', async () => {
    const options = await request(testApp.app.server).get('/api/v1/sign-in-options').expect(200);
    expect(options.body).toEqual({
      passwordSignIn: true,
      singleSignOn: [{ name: 'HMPPS Auth', signInPath: '/api/v1/oidc/1/sign-in' }],
    });
  });

  it('signs in a person an administrator created, with their role, and links their subject', async () => {
    const url = await toCallback(testApp, 'rpd-at-hmpps', '/inspections');
    const response = await callback(testApp, url).expect(302);
    expect(response.headers.location).toBe('/inspections');
    const cookie = sessionCookieOf(response);
    const me = await request(testApp.app.server)
      .get('/api/v1/me')
      .set('cookie', cookie)
      .expect(200);
    expect(me.body).toMatchObject({ email: demo.rpd, role: 'region_lead' });
    const [user] = await testApp.database.db.select().from(users).where(eq(users.email, demo.rpd));
    expect(user).toMatchObject({ oidcIssuer: provider.issuer, oidcSubject: 'rpd-at-hmpps' });
    const signedIn = await testApp.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'auth.signed_in'), eq(auditEvents.actorUserId, user!.id)));
    expect(signedIn.at(-1)!.after).toMatchObject({ issuer: provider.issuer });
  });

  it('refuses a return path outside the service', async () => {
    const url = await toCallback(testApp, 'rpd-at-hmpps', '//evil.example/x');
    const response = await callback(testApp, url).expect(302);
    expect(response.headers.location).toBe('/');
  });

  it('refuses an unknown person and audits it', async () => {
    const url = await toCallback(testApp, 'stranger');
    const response = await callback(testApp, url).expect(302);
    expect(response.headers.location).toBe('/sign-in?sso-error=unknown_person');
    expect(response.headers['set-cookie']).toBeUndefined();
    const refused = await refusalsOf(testApp, 'unknown_person');
    expect(refused.map((row) => row.actorLabel).join()).toContain('stranger@justice.gov.uk');
  });

  it('refuses an email the issuer has not verified', async () => {
    const response = await callback(testApp, await toCallback(testApp, 'unverified')).expect(302);
    expect(response.headers.location).toBe('/sign-in?sso-error=unverified_email');
  });

  it('refuses a tampered state', async () => {
    const url = await toCallback(testApp, 'rpd-at-hmpps');
    url.searchParams.set('state', 'made-up-state');
    const response = await callback(testApp, url).expect(302);
    expect(response.headers.location).toBe('/sign-in?sso-error=failed');
    expect(response.headers['set-cookie']).toBeUndefined();
  });

  it('refuses a replayed code', async () => {
    const url = await toCallback(testApp, 'rpd-at-hmpps');
    await callback(testApp, url).expect(302);
    const replay = await callback(testApp, url).expect(302);
    expect(replay.headers.location).toBe('/sign-in?sso-error=failed');
    expect(replay.headers['set-cookie']).toBeUndefined();
  });

  it('refuses an ID token whose nonce is not the one sent', async () => {
    const url = await toCallback(testApp, 'rpd-at-hmpps');
    await testApp.database.db
      .update(oidcSignInAttempts)
      .set({ nonce: 'another-nonce' })
      .where(isNull(oidcSignInAttempts.usedAt));
    const response = await callback(testApp, url).expect(302);
    expect(response.headers.location).toBe('/sign-in?sso-error=failed');
    const refused = await refusalsOf(testApp, 'failed');
    expect(JSON.stringify(refused.at(-1)!.after)).toMatch(/nonce/);
  });

  it('refuses a disabled person, and audits it', async () => {
    await testApp.database.db
      .update(users)
      .set({ disabledAt: new Date() })
      .where(eq(users.email, demo.hooWigan));
    const response = await callback(testApp, await toCallback(testApp, 'wigan')).expect(302);
    expect(response.headers.location).toBe('/sign-in?sso-error=disabled');
    expect((await refusalsOf(testApp, 'disabled')).length).toBe(1);
  });

  it('refuses an account already linked to another subject', async () => {
    await testApp.database.db
      .update(users)
      .set({ oidcIssuer: provider.issuer, oidcSubject: 'the-real-national-lead' })
      .where(eq(users.email, demo.nationalLead));
    const response = await callback(testApp, await toCallback(testApp, 'impostor')).expect(302);
    expect(response.headers.location).toBe('/sign-in?sso-error=already_linked');
  });

  it('refuses an account linked to another issuer', async () => {
    await testApp.database.db
      .update(users)
      .set({ oidcIssuer: 'https://login.microsoftonline.com/x/v2.0', oidcSubject: 'inspector' })
      .where(eq(users.email, demo.inspector));
    const response = await callback(testApp, await toCallback(testApp, 'inspector')).expect(302);
    expect(response.headers.location).toBe('/sign-in?sso-error=wrong_issuer');
    expect((await refusalsOf(testApp, 'wrong_issuer')).length).toBe(1);
  });

  it("signs out: the session ends and the answer is the issuer's end-session address", async () => {
    const cookie = sessionCookieOf(
      await callback(testApp, await toCallback(testApp, 'rpd-at-hmpps')).expect(302),
    );
    const signOut = await request(testApp.app.server)
      .delete('/api/v1/session')
      .set('cookie', cookie)
      .expect(200);
    const endSession = new URL(signOut.body.endSessionUrl as string);
    expect(endSession.origin).toBe(provider.issuer);
    expect(endSession.searchParams.get('id_token_hint')).toBeTruthy();
    expect(endSession.searchParams.get('post_logout_redirect_uri')).toBe(`${publicUrl}/sign-in`);
    await request(testApp.app.server).get('/api/v1/me').set('cookie', cookie).expect(401);
    const ended = await fetch(endSession, { redirect: 'manual' });
    expect(ended.status).toBe(200); // the provider's own "sign out?" page
  });

  it('leaves password sign-out as it was (204)', async () => {
    const cookie = await testApp.signIn(demo.hooManchesterNorth);
    await request(testApp.app.server).delete('/api/v1/session').set('cookie', cookie).expect(204);
  });
});

describe('pending accounts for an allowed domain (OIDC_ALLOWED_DOMAINS)', () => {
  const pendingOf = (email: string) =>
    testApp.database.db.select().from(pendingAccounts).where(eq(pendingAccounts.email, email));
  const auditsOf = (action: string) =>
    testApp.database.db.select().from(auditEvents).where(eq(auditEvents.action, action));
  const api = (method: 'get' | 'post' | 'delete', path: string, cookie: string) =>
    request(testApp.app.server)[method](`/api/v1${path}`).set('cookie', cookie);

  it('gives an unknown person at an allowed domain a pending account, and no way in', async () => {
    const email = 'new.comer@newcomers.example';
    const response = await callback(testApp, await toCallback(testApp, 'newcomer')).expect(302);
    expect(response.headers.location).toBe('/sign-in?sso-error=pending_approval');
    expect(response.headers['set-cookie']).toBeUndefined();
    expect(await pendingOf(email)).toMatchObject([
      { name: 'Nia Comer', oidcIssuer: provider.issuer, oidcSubject: 'newcomer' },
    ]);
    expect((await auditsOf('user.account_requested')).map((row) => row.actorLabel)).toEqual([
      `${email} (HMPPS Auth newcomer)`,
    ]);
    const [admin] = await testApp.database.db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.email, demo.admin));
    const told = await testApp.database.db
      .select()
      .from(notifications)
      .where(eq(notifications.kind, 'account_requested'));
    expect(told.map((row) => row.recipientId)).toEqual([admin!.id]);
    expect(told[0]!.message).toContain(email);

    // Trying again is refused the same way and asks no one twice.
    const again = await callback(testApp, await toCallback(testApp, 'newcomer')).expect(302);
    expect(again.headers.location).toBe('/sign-in?sso-error=pending_approval');
    expect(await pendingOf(email)).toHaveLength(1);
    expect(await auditsOf('user.account_requested')).toHaveLength(1);

    // Not a user: no person list offers them (as owner or otherwise).
    const admin_ = await testApp.signIn(demo.admin);
    const listed = await api('get', '/users?limit=200', admin_).expect(200);
    expect(JSON.stringify(listed.body)).not.toContain(email);
    const pending = await api('get', '/pending-accounts', admin_).expect(200);
    expect(pending.body.items).toEqual([
      expect.objectContaining({ email, name: 'Nia Comer', issuer: provider.issuer }),
    ]);
  });

  it('never makes an account from an unverified email, even at an allowed domain', async () => {
    const response = await callback(
      testApp,
      await toCallback(testApp, 'unverified-newcomer'),
    ).expect(302);
    expect(response.headers.location).toBe('/sign-in?sso-error=unverified_email');
    expect(await pendingOf('unverified@newcomers.example')).toEqual([]);
  });

  it('still refuses someone at another domain, making nothing', async () => {
    const response = await callback(testApp, await toCallback(testApp, 'stranger')).expect(302);
    expect(response.headers.location).toBe('/sign-in?sso-error=unknown_person');
    expect(await pendingOf('stranger@justice.gov.uk')).toEqual([]);
  });

  it('lets only an administrator approve, with a role and unit; then the person signs in', async () => {
    const [pending] = await pendingOf('new.comer@newcomers.example');
    const [wigan] = await testApp.database.db
      .select({ id: orgUnits.id })
      .from(orgUnits)
      .where(eq(orgUnits.name, 'Wigan'));
    const body = { role: 'head_of_operations', unitId: wigan!.id };
    const path = `/pending-accounts/${pending!.id}/approval`;
    const notAdmin = await testApp.signIn(demo.hooManchesterNorth);
    await api('post', path, notAdmin).send(body).expect(403);
    await api('get', '/pending-accounts', notAdmin).expect(403);
    expect(await pendingOf('new.comer@newcomers.example')).toHaveLength(1);

    const admin = await testApp.signIn(demo.admin);
    const wrongUnit = await api('post', path, admin)
      .send({ role: 'region_lead', unitId: wigan!.id })
      .expect(400);
    expect(JSON.stringify(wrongUnit.body)).toContain('unitId');
    const approved = await api('post', path, admin).send(body).expect(201);
    expect(approved.body).toMatchObject({
      email: 'new.comer@newcomers.example',
      name: 'Nia Comer',
      role: 'head_of_operations',
      unit: { id: wigan!.id },
      status: 'active',
    });
    await api('post', path, admin).send(body).expect(404);
    expect(await pendingOf('new.comer@newcomers.example')).toEqual([]);
    expect((await auditsOf('user.approved')).at(-1)).toMatchObject({
      subjectId: approved.body.id,
      after: expect.objectContaining({ role: 'head_of_operations', issuer: provider.issuer }),
    });

    const signedIn = await callback(testApp, await toCallback(testApp, 'newcomer')).expect(302);
    expect(signedIn.headers.location).toBe('/');
    const me = await request(testApp.app.server)
      .get('/api/v1/me')
      .set('cookie', sessionCookieOf(signedIn))
      .expect(200);
    expect(me.body).toMatchObject({
      email: 'new.comer@newcomers.example',
      role: 'head_of_operations',
      unit: { name: 'Wigan' },
      hasPassword: false,
    });
  });

  it('lets an administrator refuse: the request is forgotten, and the person stays out', async () => {
    await callback(testApp, await toCallback(testApp, 'refused-newcomer')).expect(302);
    const [pending] = await pendingOf('refused@newcomers.example');
    await api('delete', `/pending-accounts/${pending!.id}`, await testApp.signIn(demo.rpd)).expect(
      403,
    );
    const admin = await testApp.signIn(demo.admin);
    await api('delete', `/pending-accounts/${pending!.id}`, admin).expect(204);
    await api('delete', `/pending-accounts/${pending!.id}`, admin).expect(404);
    expect(await pendingOf('refused@newcomers.example')).toEqual([]);
    expect((await auditsOf('user.refused')).at(-1)).toMatchObject({ subjectId: pending!.id });
    const again = await callback(testApp, await toCallback(testApp, 'refused-newcomer')).expect(
      302,
    );
    expect(again.headers.location).toBe('/sign-in?sso-error=pending_approval');
    expect(again.headers['set-cookie']).toBeUndefined();
  });

  it('says whether a password sign-in person has a password to change', async () => {
    const me = await request(testApp.app.server)
      .get('/api/v1/me')
      .set('cookie', await testApp.signIn(demo.hooTameside))
      .expect(200);
    expect(me.body.hasPassword).toBe(true);
  });

  it('lists the requests a page at a time, the longest waiting first', async () => {
    const { db } = testApp.database;
    const waiting = ['first', 'second', 'third'].map((name, index) => ({
      email: `${name}@newcomers.example`,
      name,
      oidcIssuer: provider.issuer,
      oidcSubject: `paging-${name}`,
      createdAt: new Date(Date.UTC(2026, 0, 1 + index)),
    }));
    await db.insert(pendingAccounts).values(waiting);
    const admin = await testApp.signIn(demo.admin);
    const names = (page: { items: { name: string }[] }) => page.items.map((item) => item.name);
    const all = (await api('get', '/pending-accounts', admin).expect(200)).body;
    const first = (await api('get', '/pending-accounts?limit=2', admin).expect(200)).body;
    expect(names(first)).toEqual(names(all).slice(0, 2));
    expect(first.nextCursor).toEqual(expect.any(String));
    const rest = (
      await api('get', `/pending-accounts?limit=200&cursor=${first.nextCursor}`, admin).expect(200)
    ).body;
    expect([...names(first), ...names(rest)]).toEqual(names(all));
    expect(rest.nextCursor).toBeNull();
    expect(names(all).filter((name) => waiting.some((w) => w.name === name))).toEqual([
      'first',
      'second',
      'third',
    ]);
    const forged = await api('get', '/pending-accounts?cursor=not-a-cursor', admin).expect(400);
    expect(forged.body.errors[0].path).toBe('cursor');
    await db.delete(pendingAccounts).where(
      inArray(
        pendingAccounts.email,
        waiting.map((w) => w.email),
      ),
    );
  });
});

describe('ID tokens the client must refuse', () => {
  it('refuses an expired ID token', async () => {
    const later = await createTestApp({
      env: ssoEnv(),
      clock: new TestClock(new Date(Date.now() + 3 * 3_600_000)),
    });
    try {
      const response = await callback(later, await toCallback(later, 'rpd-at-hmpps')).expect(302);
      expect(response.headers.location).toBe('/sign-in?sso-error=failed');
      const refused = await refusalsOf(later, 'failed');
      expect(JSON.stringify(refused.at(-1)!.after)).toMatch(/timestamp/);
    } finally {
      await later.close();
    }
  });

  it('refuses an ID token not signed by the issuer’s published keys', async () => {
    const fresh = await createTestApp({ env: ssoEnv() });
    provider.serveWrongKeys(true);
    try {
      const response = await callback(fresh, await toCallback(fresh, 'rpd-at-hmpps')).expect(302);
      expect(response.headers.location).toBe('/sign-in?sso-error=failed');
      expect(await fresh.database.db.select().from(sessions)).toEqual([]);
      const refused = await refusalsOf(fresh, 'failed');
      expect(JSON.stringify(refused.at(-1)!.after)).toMatch(/signature/i);
    } finally {
      provider.serveWrongKeys(false);
      await fresh.close();
    }
  });
});

describe('with passwords turned off', () => {
  it('refuses password sign-in and says so in the options', async () => {
    const ssoOnly = await createTestApp({ env: { ...ssoEnv(), PASSWORD_SIGN_IN: 'off' } });
    try {
      const options = await request(ssoOnly.app.server).get('/api/v1/sign-in-options').expect(200);
      expect(options.body.passwordSignIn).toBe(false);
      await request(ssoOnly.app.server)
        .post('/api/v1/session')
        .send({ email: demo.rpd, password: 'demo-password' })
        .expect(403);
    } finally {
      await ssoOnly.close();
    }
  });
});
