import { and, eq } from 'drizzle-orm';
import request from 'supertest';
import { describe, expect, it } from 'vitest';

import { buildApp } from '../app';
import { apiClients } from '../db/schema/api-clients';
import { auditEvents } from '../db/schema/audit';
import { capturedLogs, demo, testConfig } from '../testing/app';
import { routeTests } from '../testing/route-test';

const world = routeTests(['admin']);

async function createClient(name: string, unit: string, permission: 'read' | 'read_write') {
  const response = await world.as.admin
    .post('/api/v1/api-clients')
    .send({ name, unitId: world.units[unit]!.id, permission })
    .expect(201);
  return response.body as { client: { id: string; tokenPrefix: string }; token: string };
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('API clients', () => {
  it('shows the token once, stores only its hash, and lists the client without it', async () => {
    const { client, token } = await createClient('Quality dashboard', 'greater-manchester', 'read');
    expect(token).toMatch(/^iapt_[A-Za-z0-9_-]{40,}$/);
    expect(token.startsWith(client.tokenPrefix)).toBe(true);
    const list = await world.as.admin.get('/api/v1/api-clients').expect(200);
    expect(JSON.stringify(list.body)).not.toContain(token);
    const stored = await world.testApp.database.db.select().from(apiClients);
    expect(JSON.stringify(stored)).not.toContain(token);
  });

  it("reads within its unit's scope with a bearer token, and a read client cannot write", async () => {
    const { token } = await createClient('Region reader', 'greater-manchester', 'read');
    const recommendations = await request(world.testApp.app.server)
      .get('/api/v1/recommendations')
      .set(bearer(token))
      .expect(200);
    expect(recommendations.body.items).toHaveLength(28);
    const me = await request(world.testApp.app.server)
      .get('/api/v1/me')
      .set(bearer(token))
      .expect(200);
    expect(me.body).toMatchObject({
      role: 'region_lead',
      unit: { name: 'Greater Manchester' },
      session: null,
    });
    const write = await request(world.testApp.app.server)
      .put('/api/v1/me/password')
      .set(bearer(token))
      .send({ currentPassword: 'x', newPassword: 'a long enough password' })
      .expect(403);
    expect(write.body.detail).toMatch(/only read/);
    expect(write.headers['www-authenticate']).toBe(
      'Bearer realm="api", error="insufficient_scope"',
    );
  });

  it('refuses a revoked token and an unknown one with 401', async () => {
    const { client, token } = await createClient('Soon revoked', 'wigan', 'read_write');
    await request(world.testApp.app.server).get('/api/v1/me').set(bearer(token)).expect(200);
    const revoked = await world.as.admin
      .post(`/api/v1/api-clients/${client.id}/revoke`)
      .expect(200);
    expect(revoked.body.revokedAt).not.toBeNull();
    const refused = await request(world.testApp.app.server)
      .get('/api/v1/me')
      .set(bearer(token))
      .expect(401);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.headers['www-authenticate']).toBe('Bearer realm="api", error="invalid_token"');
    const unknown = await request(world.testApp.app.server)
      .get('/api/v1/me')
      .set(bearer(`iapt_${'x'.repeat(43)}`))
      .expect(401);
    expect(unknown.headers['www-authenticate']).toBe('Bearer realm="api", error="invalid_token"');
    await request(world.testApp.app.server)
      .get('/api/v1/me')
      .set({ authorization: 'Basic abc' })
      .expect(401);
    // No credentials at all: the challenge says which scheme would do.
    const anonymous = await request(world.testApp.app.server).get('/api/v1/me').expect(401);
    expect(anonymous.headers['www-authenticate']).toBe('Bearer realm="api"');
  });

  it('never accepts a token in the query string', async () => {
    const { token } = await createClient('Query string', 'greater-manchester', 'read');
    for (const name of ['access_token', 'token', 'api_key']) {
      const response = await request(world.testApp.app.server)
        .get(`/api/v1/recommendations?${name}=${token}`)
        .expect(401);
      expect(response.body.errors[0].path).toBe(name);
      expect(response.headers['www-authenticate']).toBe(
        'Bearer realm="api", error="invalid_request"',
      );
    }
  });

  it('keeps tokens and cookies out of the logs', async () => {
    const { lines, logStream } = capturedLogs();
    const app = await buildApp(testConfig({ LOG_LEVEL: 'trace' }), {
      database: world.testApp.database,
      logStream,
    });
    try {
      const { token } = await createClient('Logged', 'greater-manchester', 'read');
      const cookie = await world.testApp.signIn(demo.rpd);
      await request(app.server).get('/api/v1/me').set(bearer(token)).expect(200);
      await request(app.server).get('/api/v1/me').set('cookie', cookie).expect(200);
      await request(app.server).get(`/api/v1/me?access_token=${token}`).expect(401);
      const log = lines.join('');
      expect(log).toContain('/api/v1/me');
      expect(log).not.toContain(token);
      expect(log).not.toContain(cookie.split('=')[1]);
    } finally {
      await app.close();
    }
  });
});

describe('API client expiry', () => {
  const dayMs = 24 * 60 * 60 * 1000;
  const now = () => world.testApp.clock.now().getTime();
  const create = (expiresAt?: string) =>
    world.as.admin.post('/api/v1/api-clients').send({
      name: 'Expiring',
      unitId: world.units['greater-manchester']!.id,
      permission: 'read',
      ...(expiresAt === undefined ? {} : { expiresAt }),
    });

  it('expires a year after creation unless the administrator chooses, and lists the expiry', async () => {
    const created = (await create().expect(201)).body.client;
    expect(Date.parse(created.expiresAt) - now()).toBeGreaterThan(364 * dayMs);
    expect(Date.parse(created.expiresAt) - now()).toBeLessThanOrEqual(365 * dayMs);
    const chosen = new Date(now() + 30 * dayMs).toISOString();
    const soon = (await create(chosen).expect(201)).body.client;
    expect(soon.expiresAt).toBe(chosen);
    const list = (await world.as.admin.get('/api/v1/api-clients?limit=200').expect(200)).body.items;
    expect(list.find((c: { id: string }) => c.id === soon.id).expiresAt).toBe(chosen);
  });

  it('refuses an expiry in the past or more than two years ahead (400 naming expiresAt)', async () => {
    const before = (await world.testApp.database.db.select().from(apiClients)).length;
    for (const expiresAt of [
      new Date(now() - 1000).toISOString(),
      new Date(now() + 731 * dayMs).toISOString(),
    ]) {
      const refused = await create(expiresAt).expect(400);
      expect(refused.body.errors).toEqual([expect.objectContaining({ path: 'expiresAt' })]);
    }
    expect((await world.testApp.database.db.select().from(apiClients)).length).toBe(before);
  });

  // Last in the file: it moves the clock on.
  it('refuses an expired token with 401 invalid_token, and audits the refusal', async () => {
    const { client, token } = (
      await create(new Date(now() + 60 * 60 * 1000).toISOString()).expect(201)
    ).body;
    await request(world.testApp.app.server).get('/api/v1/me').set(bearer(token)).expect(200);
    world.testApp.clock.advanceMinutes(61);
    const refused = await request(world.testApp.app.server)
      .get('/api/v1/me')
      .set(bearer(token))
      .expect(401);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.headers['www-authenticate']).toMatch(/^Bearer error="invalid_token"/);
    expect(refused.body.title).toBe('API token expired');
    const [audit] = await world.testApp.database.db
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.actorApiClientId, client.id), eq(auditEvents.action, 'access.refused')),
      );
    expect(audit?.after).toMatchObject({ method: 'GET', path: '/api/v1/me', status: 401 });
  });
});
