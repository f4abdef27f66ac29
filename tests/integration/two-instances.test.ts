import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { adminQuery, withDatabase } from '@tracker/server/src/testing/global-setup';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { type BenchServer, signIn, startServer } from '../load/server';
import { repoRoot } from './server-process';

// Two server processes on one PostgreSQL database, as behind a load balancer: they start
// together on a database no instance has seeded, any session works on either, sign-out,
// disabling and a role change on one end the session on the other, the API rate limit counts
// a caller's requests on both, and each queued email goes to Notify once. Only on PostgreSQL:
// the embedded database belongs to one process.

const templateUrl = inject('templateDatabaseUrl');
const databaseName = `tracker_two_instances_${randomUUID().replaceAll('-', '')}`;
const password = 'demo-password';
const emails = {
  rpd: 'rpd@gm.probation.example',
  admin: 'admin@hmpps.example',
  nationalLead: 'national.lead@hmpps.example',
  hooWigan: 'hoo.wigan@gm.probation.example',
  hooTameside: 'hoo.tameside@gm.probation.example',
  inspector: 'inspector@hmiprobation.example',
};
/** SIGNIN_MAX_FAILURES's default. */
const signInFailuresAllowed = 5;
const ratePerMinute = 40;
const queuedEmails = 60;
/** The session cache another change may add must let a change through within seconds. */
const propagationMs = 8_000;

/** GOV.UK Notify on loopback, a little slow so the two instances' sending runs overlap. */
class NotifyStub {
  references: string[] = [];
  private server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      if (req.method === 'GET') {
        res.end(JSON.stringify({ notifications: [], links: {} }));
        return;
      }
      this.references.push((JSON.parse(raw) as { reference: string }).reference);
      setTimeout(() => {
        res.statusCode = 201;
        res.end(JSON.stringify({ id: randomUUID() }));
      }, 15);
    });
  });

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop = () => new Promise<void>((resolve) => this.server.close(() => resolve()));
}

let databaseUrl: string;
let sql: pg.Client;
let notify: NotifyStub;
let instances: BenchServer[] = [];
let first: BenchServer;
let second: BenchServer;

async function call(server: BenchServer, path: string, cookie: string, init: RequestInit = {}) {
  const response = await fetch(`${server.baseUrl}${path}`, {
    ...init,
    headers: {
      cookie,
      ...(init.body ? { 'content-type': 'application/json' } : {}),
      ...init.headers,
    },
  });
  await response.arrayBuffer();
  return response;
}

/** Polls until `server` refuses the session, or fails once `propagationMs` has passed. */
async function refusedWithinSeconds(server: BenchServer, cookie: string): Promise<number> {
  const started = Date.now();
  for (;;) {
    const status = (await call(server, '/api/v1/me', cookie)).status;
    if (status === 401) return Date.now() - started;
    expect(status).toBe(200);
    expect(Date.now() - started).toBeLessThan(propagationMs);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const idOf = async (table: 'users' | 'org_units', column: string, value: string) =>
  (await sql.query<{ id: string }>(`select id from ${table} where ${column} = $1`, [value]))
    .rows[0]!.id;

beforeAll(async () => {
  if (!templateUrl) return;
  const template = new URL(templateUrl).pathname.slice(1);
  await adminQuery(templateUrl, `create database ${databaseName} template ${template}`);
  databaseUrl = withDatabase(templateUrl, databaseName);
  sql = new pg.Client({ connectionString: databaseUrl });
  await sql.connect();
  // Emails waiting when both instances start: each sends as soon as it is ready.
  await sql.query(
    `insert into outbox_emails (kind, recipient_email, subject, body, status, next_attempt_at)
     select 'test', 'person' || n || '@example.test', 'Subject ' || n, 'Body', 'queued', now()
     from generate_series(1, ${queuedEmails}) n`,
  );
  notify = new NotifyStub();
  const env = {
    RATE_LIMIT_PER_MINUTE: String(ratePerMinute),
    EMAIL_SCHEDULER: 'on',
    NOTIFY_API_KEY: `test_key-${randomUUID()}-${randomUUID()}`,
    NOTIFY_TEMPLATE_ID: randomUUID(),
    NOTIFY_BASE_URL: await notify.start(),
  };
  // Started together: one migrates and seeds under the advisory lock, the other waits for it.
  const starting = [0, 1].map(() => startServer({ cwd: repoRoot, databaseUrl, env }));
  const started = await Promise.allSettled(starting);
  instances = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const failed = started.find((result) => result.status === 'rejected');
  if (failed) throw failed.reason;
  [first, second] = instances as [BenchServer, BenchServer];
}, 180_000);

afterAll(async () => {
  await Promise.all(instances.map((instance) => instance.stop()));
  await sql?.end();
  await notify?.stop();
  if (templateUrl)
    await adminQuery(templateUrl, `drop database if exists ${databaseName} with (force)`);
});

describe.skipIf(!templateUrl)('two instances on one PostgreSQL database', () => {
  it('seeded the database once, though both started on it empty', async () => {
    const { rows } = await sql.query<{ inspections: number; users: number }>(
      `select (select count(*)::int from inspections) as inspections,
              (select count(*)::int from users where email = $1) as users`,
      [emails.rpd],
    );
    expect(rows[0]).toEqual({ inspections: 1, users: 1 });
  });

  it('answers requests spread over both without an error, a session made on either working on both', async () => {
    const cookie = await signIn(first.baseUrl, emails.rpd, password);
    const paths = ['/api/v1/me', '/api/v1/inspections', '/api/v1/recommendations?limit=10'];
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        call(i % 2 ? second : first, paths[i % paths.length]!, cookie),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 200));
  });

  it('ends a session on the other instance when its owner signs out', async () => {
    const cookie = await signIn(first.baseUrl, emails.rpd, password);
    expect((await call(second, '/api/v1/me', cookie)).status).toBe(200);
    expect((await call(first, '/api/v1/session', cookie, { method: 'DELETE' })).status).toBe(204);
    await refusedWithinSeconds(second, cookie);
  });

  it('ends a person’s sessions on the other instance when an administrator disables them or changes their unit', async () => {
    const admin = await signIn(second.baseUrl, emails.admin, password);
    const wigan = await signIn(first.baseUrl, emails.hooWigan, password);
    const tameside = await signIn(second.baseUrl, emails.hooTameside, password);
    expect((await call(first, '/api/v1/me', wigan)).status).toBe(200);
    expect((await call(second, '/api/v1/me', tameside)).status).toBe(200);

    const wiganId = await idOf('users', 'email', emails.hooWigan);
    const disabled = await call(second, `/api/v1/users/${wiganId}/disable`, admin, {
      method: 'POST',
    });
    expect(disabled.status).toBe(200);
    await refusedWithinSeconds(first, wigan);

    const tamesideId = await idOf('users', 'email', emails.hooTameside);
    const wiganUnit = await idOf('org_units', 'name', 'Wigan');
    const moved = await call(first, `/api/v1/users/${tamesideId}`, admin, {
      method: 'PATCH',
      body: JSON.stringify({ unitId: wiganUnit }),
    });
    expect(moved.status).toBe(200);
    await refusedWithinSeconds(second, tameside);
  });

  it('counts failed sign-ins on both instances against one allowance', async () => {
    const attempt = (server: BenchServer, secret: string) =>
      call(server, '/api/v1/session', '', {
        method: 'POST',
        body: JSON.stringify({ email: emails.inspector, password: secret }),
      });
    const failures = [];
    for (let i = 0; i < signInFailuresAllowed; i += 1) {
      failures.push((await attempt(i % 2 ? second : first, `wrong-${i}`)).status);
    }
    expect(failures).toEqual(failures.map(() => 401));
    // Locked from this address on either instance, even with the right password.
    expect((await attempt(second, password)).status).toBe(429);
    expect((await attempt(first, password)).status).toBe(429);
  });

  it('holds a caller to one rate limit over both instances', async () => {
    // Windows start on whole minutes: run within one.
    const intoMinute = Date.now() % 60_000;
    if (intoMinute > 45_000) await new Promise((r) => setTimeout(r, 60_500 - intoMinute));
    const cookie = await signIn(first.baseUrl, emails.nationalLead, password);
    const onFirst = await Promise.all(
      Array.from({ length: ratePerMinute }, () => call(first, '/api/v1/me', cookie)),
    );
    expect(onFirst.map((answer) => answer.status)).toEqual(onFirst.map(() => 200));
    // Each instance adds its counts to the shared row about once a second.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    const onSecond = await call(second, '/api/v1/me', cookie);
    expect(onSecond.status).toBe(429);
    expect(Number(onSecond.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('sends each queued email once, though both instances send', async () => {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const { rows } = await sql.query<{ sent: number }>(
        `select count(*)::int as sent from outbox_emails where kind = 'test' and status = 'sent'`,
      );
      if (rows[0]!.sent === queuedEmails) break;
      expect(Date.now()).toBeLessThan(deadline);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const { rows } = await sql.query<{ id: string }>(
      `select id from outbox_emails where kind = 'test'`,
    );
    const queued = new Set(rows.map((row) => row.id));
    const references = notify.references.filter((reference) => queued.has(reference));
    expect(references).toHaveLength(queuedEmails);
    expect(new Set(references).size).toBe(queuedEmails);
  });
});
