import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildApp } from '../app';
import { openPostgres } from '../db/client';
import { expectedMigrationCount, migrate } from '../db/migrate';
import { type TestApp, capturedLogs, createTestApp, demo, testConfig } from '../testing/app';
import { createEmptyDatabase } from '../testing/database';

let testApp: TestApp;

beforeAll(async () => {
  testApp = await createTestApp({ seed: false });
});
afterAll(() => testApp.close());

describe('system endpoints', () => {
  it('GET /ping says UP', async () => {
    const response = await request(testApp.app.server).get('/ping').expect(200);
    expect(response.body).toEqual({ status: 'UP' });
  });

  it('GET /health is UP when the database answers and every migration is applied', async () => {
    const response = await request(testApp.app.server).get('/health').expect(200);
    expect(response.body).toEqual({
      status: 'UP',
      components: {
        database: { status: 'UP', kind: testApp.database.kind },
        migrations: {
          status: 'UP',
          applied: expectedMigrationCount(),
          expected: expectedMigrationCount(),
        },
      },
    });
  });

  it('GET /info tells anyone the version and start time, and nothing about the build', async () => {
    const response = await request(testApp.app.server).get('/info').expect(200);
    expect(response.body).toEqual({
      name: 'inspection-action-plan-tracker',
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
      startedAt: expect.any(String),
    });
    expect(Date.parse(response.body.startedAt)).not.toBeNaN();
  });

  it('GET /info answers a bad or misplaced credential as it answers anyone (found by the fuzzer)', async () => {
    for (const [url, headers] of [
      ['/info', { authorization: 'Bearer' }],
      ["/info?token=' OR '1'='1", {}],
    ] as const) {
      const response = await request(testApp.app.server).get(url).set(headers).expect(200);
      expect(Object.keys(response.body).sort()).toEqual(['name', 'startedAt', 'version']);
    }
  });

  it('honours a plain incoming X-Request-Id, replaces a hostile one, and logs it', async () => {
    const plain = await request(testApp.app.server)
      .get('/ping')
      .set('x-request-id', 'abc-123')
      .expect(200);
    expect(plain.headers['x-request-id']).toBe('abc-123');
    const hostile = await request(testApp.app.server)
      .get('/ping')
      .set('x-request-id', 'a'.repeat(200))
      .expect(200);
    expect(hostile.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const none = await request(testApp.app.server).get('/ping').expect(200);
    expect(none.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('GET /info for a signed-in administrator', () => {
  it('adds the commit, the Node version and the database; other people see only the release', async () => {
    const seeded = await createTestApp({ env: { GIT_COMMIT: 'abc1234' } });
    try {
      const admin = await request(seeded.app.server)
        .get('/info')
        .set('cookie', await seeded.signIn(demo.admin))
        .expect(200);
      expect(admin.body).toMatchObject({
        version: expect.any(String),
        startedAt: expect.any(String),
        gitCommit: 'abc1234',
        nodeVersion: process.version,
        database: seeded.database.kind,
      });
      const lead = await request(seeded.app.server)
        .get('/info')
        .set('cookie', await seeded.signIn(demo.rpd))
        .expect(200);
      expect(Object.keys(lead.body).sort()).toEqual(['name', 'startedAt', 'version']);
    } finally {
      await seeded.close();
    }
  }, 60_000);
});

describe('GET /health when the database is not ready', () => {
  it('is DOWN (503) before the migrations are applied, and UP after', async () => {
    const database = await createEmptyDatabase();
    const app = await buildApp(testConfig(), { database });
    try {
      const before = await request(app.server).get('/health').expect(503);
      expect(before.body).toMatchObject({
        status: 'DOWN',
        components: { database: { status: 'UP' }, migrations: { status: 'DOWN', applied: 0 } },
      });
      await migrate(database);
      await request(app.server).get('/health').expect(200);
    } finally {
      await app.close();
      await database.destroy();
    }
  });

  it('is DOWN (503) when the database cannot be reached, and API calls fail with 503 problem+json', async () => {
    // Nothing listens on port 9 (discard) here: every connection is refused at once.
    const database = await openPostgres('postgres://postgres@127.0.0.1:9/nowhere');
    const { lines: logs, logStream } = capturedLogs();
    const app = await buildApp(testConfig({ LOG_LEVEL: 'error' }), { database, logStream });
    try {
      const health = await request(app.server).get('/health').expect(503);
      expect(health.body).toMatchObject({
        status: 'DOWN',
        components: { database: { status: 'DOWN' } },
      });

      const api = await request(app.server)
        .post('/api/v1/session')
        .send({ email: 'rpd@gm.probation.example', password: 'demo-password' })
        .expect(503);
      expect(api.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(api.headers['retry-after']).toBe('5');
      expect(api.body).toMatchObject({ status: 503, title: 'Service unavailable' });
      expect(JSON.stringify(api.body)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|at .*\.ts/);
      expect(logs.join('')).toContain('database unavailable');
    } finally {
      await app.close();
      await database.close();
    }
  });
});
