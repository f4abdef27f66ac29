import { randomUUID } from 'node:crypto';

import { demoAccounts } from '@tracker/seeds';
import { count } from 'drizzle-orm';
import { afterAll, describe, expect, inject, it } from 'vitest';

import { adminQuery, withDatabase } from '../testing/global-setup';
import { type Database, openPostgres } from './client';
import { appliedMigrationCount, expectedMigrationCount } from './migrate';
import { prepareDatabase } from './prepare';
import { inspections } from './schema/inspections';
import { users } from './schema/users';

// Several instances behind a load balancer start together on one empty database. Only on
// PostgreSQL: the embedded database is held by one process (its data-folder lock).

const serverUrl = inject('templateDatabaseUrl');
const databaseName = `tracker_prepare_${randomUUID().replaceAll('-', '')}`;
const opened: Database[] = [];

afterAll(async () => {
  await Promise.all(opened.map((database) => database.close()));
  if (serverUrl)
    await adminQuery(serverUrl, `drop database if exists ${databaseName} with (force)`);
});

describe.skipIf(!serverUrl)('preparing one database from several instances at once', () => {
  it('migrates and seeds it once: every instance starts, none fails or seeds twice', async () => {
    await adminQuery(serverUrl!, `create database ${databaseName}`);
    const url = withDatabase(serverUrl!, databaseName);
    for (let instance = 0; instance < 3; instance += 1) opened.push(await openPostgres(url));
    const options = { seedDemoData: true, demoPassword: 'demo-password', nodeEnv: 'test' };

    const results = await Promise.all(opened.map((database) => prepareDatabase(database, options)));

    expect(results.filter((result) => result.seeded)).toHaveLength(1);
    const { db } = opened[0]!;
    expect(await appliedMigrationCount(opened[0]!)).toBe(expectedMigrationCount());
    expect(await db.select({ total: count() }).from(inspections)).toEqual([{ total: 1 }]);
    expect(await db.select({ total: count() }).from(users)).toEqual([
      { total: demoAccounts.length },
    ]);
  });
});
