import { Writable } from 'node:stream';

import { demoAccounts, greaterManchester2023 } from '@tracker/seeds';
import type { FastifyInstance } from 'fastify';
import request from 'supertest';

import { buildApp } from '../app';
import { type Config, loadConfig } from '../config';
import { seedDemoAccounts, seedLetter } from '../db/seed';
import { type TestDatabase, createTestDatabase } from './database';

export const demoPassword = 'demo-password';

/** The contract's demo accounts, by a short name tests read easily. */
export const demo = {
  rpd: 'rpd@gm.probation.example',
  hooManchesterNorth: 'hoo.manchester-north@gm.probation.example',
  hooTameside: 'hoo.tameside@gm.probation.example',
  hooWigan: 'hoo.wigan@gm.probation.example',
  nationalLead: 'national.lead@hmpps.example',
  inspector: 'inspector@hmiprobation.example',
  admin: 'admin@hmpps.example',
} as const;

/** A clock tests move by hand (session timeouts, due dates). */
export class TestClock {
  constructor(private current = new Date()) {}
  now = (): Date => new Date(this.current);
  advanceMinutes(minutes: number) {
    this.current = new Date(this.current.getTime() + minutes * 60_000);
  }
}

export interface TestApp {
  app: FastifyInstance;
  database: TestDatabase;
  clock: TestClock;
  /** Signs in and answers with the Cookie header to send (supertest keeps no Secure cookies on http). */
  signIn(email: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '0',
    ...overrides,
  });
}

/** The session cookie from a response, as a Cookie header value. */
export function sessionCookieOf(response: { headers: Record<string, unknown> }): string {
  const cookies = ([] as string[]).concat(
    (response.headers['set-cookie'] as string[] | string | undefined) ?? [],
  );
  const session = cookies.find((cookie) => /^(__Host-)?session=/.test(cookie));
  if (!session) throw new Error('no session cookie was set');
  return session.split(';')[0]!;
}

/** The whole app on a fresh database with the letter and the demo accounts, unless told otherwise. */
export async function createTestApp(
  options: {
    seed?: boolean;
    env?: Record<string, string>;
    database?: TestDatabase;
    clock?: TestClock;
  } = {},
): Promise<TestApp> {
  const database = options.database ?? (await createTestDatabase());
  if (options.seed !== false) {
    await seedLetter(database.db, greaterManchester2023);
    await seedDemoAccounts(database.db, demoAccounts, { password: demoPassword, nodeEnv: 'test' });
  }
  const clock = options.clock ?? new TestClock();
  const app = await buildApp(testConfig(options.env), { database, clock: clock.now });
  return {
    app,
    database,
    clock,
    signIn: async (email, password = demoPassword) => {
      const response = await request(app.server)
        .post('/api/v1/session')
        .send({ email, password })
        .expect(200);
      return sessionCookieOf(response);
    },
    close: async () => {
      await app.close();
      await database.destroy();
    },
  };
}

/** supertest with a session cookie on every request. */
export function signedInClient(app: FastifyInstance, cookie: string) {
  return {
    get: (url: string) => request(app.server).get(url).set('cookie', cookie),
    post: (url: string) => request(app.server).post(url).set('cookie', cookie),
    put: (url: string) => request(app.server).put(url).set('cookie', cookie),
    patch: (url: string) => request(app.server).patch(url).set('cookie', cookie),
    delete: (url: string) => request(app.server).delete(url).set('cookie', cookie),
  };
}

export type SignedInClient = ReturnType<typeof signedInClient>;

/** A log stream for buildApp that keeps every line it is given, for tests that read the logs. */
export function capturedLogs(): { lines: string[]; logStream: Writable } {
  const lines: string[] = [];
  const logStream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, logStream };
}
