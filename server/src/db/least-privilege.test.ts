import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import request from 'supertest';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { buildApp } from '../app';
import { adminQuery, withDatabase } from '../testing/global-setup';
import { demo, demoPassword, sessionCookieOf, testConfig } from '../testing/app';
import { backup, restore } from './backup';
import { type Database, openDatabase } from './client';
import { migrate, rowsOf } from './migrate';
import { prepareDatabase } from './prepare';

/*
 * The app connects as a role that owns nothing; the migrations run as the owner and grant it
 * only what it needs. Only on PostgreSQL: PGlite has no roles.
 */

const serverUrl = inject('templateDatabaseUrl');
const suffix = randomUUID().replaceAll('-', '');
const databaseName = `tracker_least_privilege_${suffix}`;
const appRole = `tracker_app_${suffix}`;
const superRole = `tracker_super_${suffix}`;

function asRole(url: string, role: string): string {
  const withRole = new URL(url);
  withRole.username = role;
  withRole.password = '';
  return withRole.toString();
}

let database: Database;

describe.skipIf(!serverUrl)('running as a least-privilege role on PostgreSQL', () => {
  const ownerUrl = withDatabase(serverUrl ?? 'postgres://x', databaseName);
  const appUrl = asRole(ownerUrl, appRole);

  beforeAll(async () => {
    await adminQuery(ownerUrl, `create role ${appRole} login`);
    await adminQuery(ownerUrl, `create database ${databaseName}`);
    database = await openDatabase({
      databaseUrl: appUrl,
      databaseMigrationUrl: ownerUrl,
      dataDir: '',
    });
    await prepareDatabase(database, {
      seedDemoData: true,
      demoPassword,
      nodeEnv: 'test',
    });
  });

  afterAll(async () => {
    await database?.close();
    await adminQuery(ownerUrl, `drop database if exists ${databaseName} with (force)`);
    await adminQuery(ownerUrl, `drop role if exists ${appRole}`);
    await adminQuery(ownerUrl, `drop role if exists ${superRole}`);
  });

  it('migrates as the owner, so the app role owns nothing', async () => {
    const owned = await database.db.execute(
      `select count(*)::int as n from pg_class where relowner = (select oid from pg_roles where rolname = current_user)`,
    );
    expect(rowsOf<{ n: number }>(owned)[0]!.n).toBe(0);
  });

  it('serves the app as that role: health, and a sign-in and sign-out with their audit events', async () => {
    const app = await buildApp(testConfig(), { database });
    try {
      const health = await request(app.server).get('/health');
      expect(health.status).toBe(200);
      const signIn = await request(app.server)
        .post('/api/v1/session')
        .send({ email: demo.hooWigan, password: demoPassword })
        .expect(200);
      const cookie = sessionCookieOf(signIn);
      await request(app.server).delete('/api/v1/session').set('cookie', cookie).expect(204);
      const events = await database.db.execute(
        `select action from audit_events where action like 'auth.%' order by id`,
      );
      expect(rowsOf<{ action: string }>(events).map((event) => event.action)).toEqual([
        'auth.signed_in',
        'auth.signed_out',
      ]);
    } finally {
      await app.close();
    }
  });

  it('starts as the app role alone once the owner has migrated (no owner credentials in the app)', async () => {
    const appOnly = await openDatabase({ databaseUrl: appUrl, dataDir: '' });
    try {
      await expect(
        prepareDatabase(appOnly, { seedDemoData: false, demoPassword, nodeEnv: 'production' }),
      ).resolves.toEqual({ seeded: false });
    } finally {
      await appOnly.close();
    }
  });

  it('backs up and restores as the owner; migrating afterwards gives the app role its grants back', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'tracker-least-privilege-'));
    const roles = { databaseUrl: appUrl, databaseMigrationUrl: ownerUrl, dataDir: '' };
    const countEvents = async () =>
      rowsOf<{ n: number }>(
        await database.db.execute(`select count(*)::int as n from audit_events`),
      )[0]!.n;
    try {
      const before = await countEvents();
      await backup(roles, path.join(folder, 'backup.dump'));
      await restore(roles, path.join(folder, 'backup.dump'), { force: true });
      // What start-up (or db:migrate) does after a restore: the grants come back with it.
      await migrate(database);
      expect(await countEvents()).toBe(before);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it('refuses to migrate for an app role the grants cannot narrow (a superuser)', async () => {
    await adminQuery(ownerUrl, `create role ${superRole} login superuser`);
    const superApp = await openDatabase({
      databaseUrl: asRole(ownerUrl, superRole),
      databaseMigrationUrl: ownerUrl,
      dataDir: '',
    });
    try {
      await expect(migrate(superApp)).rejects.toThrow(/could still change the audit trail/);
    } finally {
      await superApp.close();
    }
  });

  it.each([
    ['update', 'update audit_events set action = action'],
    ['delete', 'delete from audit_events'],
    ['truncate', 'truncate audit_events'],
    ['disable the trigger', 'alter table audit_events disable trigger audit_events_append_only'],
    ['drop', 'drop table audit_events'],
    ['drop the trigger', 'drop trigger audit_events_append_only on audit_events'],
  ])('refuses the app role: %s on the audit trail', async (_what, statement) => {
    await expect(database.db.execute(statement)).rejects.toMatchObject({
      cause: { message: expect.stringMatching(/permission denied|must be owner/) },
    });
  });
});
