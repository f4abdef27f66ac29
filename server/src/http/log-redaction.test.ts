import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildApp } from '../app';
import { sessions } from '../db/schema/sessions';
import { capturedLogs, testConfig } from '../testing/app';
import { createTestDatabase, type TestDatabase } from '../testing/database';
import { statementShape } from './log-redaction';

describe('error logs of a failed statement', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.destroy());

  it('name its shape and code, never the statement text or its parameter values', async () => {
    const { lines: logs, logStream } = capturedLogs();
    const app = await buildApp(testConfig({ LOG_LEVEL: 'error' }), { database, logStream });
    const tokenHash = `secret-token-hash-${randomUUID()}`;
    const missingUser = randomUUID();
    try {
      // A write that fails in the database (a session of a user who does not exist), logged as
      // the error handler logs an unexpected error.
      const now = new Date();
      const error = await database.db
        .insert(sessions)
        .values({ tokenHash, userId: missingUser, lastSeenAt: now, createdAt: now })
        .then(
          () => undefined,
          (failure: unknown) => failure,
        );
      expect(error).toBeInstanceOf(Error);
      app.log.error({ err: error }, 'unhandled error');

      const log = logs.join('');
      expect(log).toContain('unhandled error');
      expect(log).toContain('insert sessions');
      expect(log).toContain('23503'); // foreign key violation: the code survives
      expect(log).not.toContain(tokenHash);
      expect(log).not.toContain(missingUser);
      expect(log).not.toMatch(/insert into "sessions"/);
    } finally {
      await app.close();
    }
  });
});

describe('statementShape', () => {
  it('keeps the verb and the tables', () => {
    expect(
      statementShape(
        'select "id" from "sessions" inner join "users" on "users"."id" = "sessions"."user_id" where "token_hash" = $1',
      ),
    ).toBe('select sessions users');
    expect(statementShape('update "audit_events" set "actor" = $1')).toBe('update audit_events');
  });
});
