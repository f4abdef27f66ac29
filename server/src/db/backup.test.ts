import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { greaterManchester2023 } from '@tracker/seeds';
import { asc, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { expectFiguresToMatchRecount } from '../testing/figures';
import { adminQuery, withDatabase } from '../testing/global-setup';
import { BackupError, backup, backupKindOf, restore } from './backup';
import { type DatabaseOptions, type Db, openDatabase } from './client';
import { DataDirLockedError } from './data-dir-lock';
import { actions } from './schema/actions';
import { orgUnits } from './schema/org-units';
import { recommendations } from './schema/recommendations';
import { seedLetter } from './seed';

// Runs on the suite's database kind: the embedded one in a folder of its own without
// DATABASE_URL, else a database of its own on the PostgreSQL server.

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'tracker-backup-'));
const templateUrl = inject('templateDatabaseUrl');
const kind = templateUrl ? 'postgres' : 'embedded';
const databaseName = `tracker_backup_${randomUUID().replaceAll('-', '')}`;
const target: DatabaseOptions = {
  databaseUrl: templateUrl ? withDatabase(templateUrl, databaseName) : undefined,
  dataDir: path.join(folder, 'data'),
};

beforeAll(async () => {
  if (templateUrl) {
    const template = new URL(templateUrl).pathname.slice(1);
    await adminQuery(templateUrl, `create database ${databaseName} template ${template}`);
  } else {
    // The migrated template is a PGlite data-folder tarball too: restoring it into an empty
    // DATA_DIR needs no --force.
    await restore(target, inject('pgliteTemplatePath')!);
  }
}, 60_000);

afterAll(async () => {
  if (templateUrl)
    await adminQuery(templateUrl, `drop database if exists ${databaseName} with (force)`);
  fs.rmSync(folder, { recursive: true, force: true });
});

async function using<T>(work: (db: Db) => Promise<T>): Promise<T> {
  const database = await openDatabase(target);
  try {
    return await work(database.db);
  } finally {
    await database.close();
  }
}

/** What the test compares before and after: every unit by code and name, and the letter's size. */
async function contents(db: Db) {
  const units = await db
    .select({ code: orgUnits.code, name: orgUnits.name })
    .from(orgUnits)
    .orderBy(asc(orgUnits.code));
  const [letter] = await db.select({ n: count() }).from(recommendations);
  const [actionCount] = await db.select({ n: count() }).from(actions);
  return { units, recommendations: letter!.n, actions: actionCount!.n };
}

/** Actions (and so the dashboard's figures, which a restore must bring back with them). */
async function addActions(db: Db, howMany: number, dueOn: string) {
  const [recommendation] = await db.select().from(recommendations).limit(1);
  await db.insert(actions).values(
    Array.from({ length: howMany }, (_, index) => ({
      recommendationId: recommendation!.id,
      owningUnitId: recommendation!.owningUnitId,
      title: `Action ${index}`,
      dueDate: dueOn,
      percentComplete: index % 101,
    })),
  );
}

async function changeEverything(db: Db) {
  await addActions(db, 7, '2026-01-15');
  await db.update(actions).set({ status: 'blocked' });
  const [region] = await db.select().from(orgUnits).where(eq(orgUnits.type, 'region'));
  await db
    .update(orgUnits)
    .set({ name: 'Renamed after the backup' })
    .where(eq(orgUnits.code, 'wigan'));
  await db.insert(orgUnits).values({
    code: 'added-after-backup',
    name: 'Added after the backup',
    type: 'pdu',
    parentId: region!.id,
  });
}

describe(`backup and restore (${kind})`, () => {
  const file = path.join(folder, kind === 'postgres' ? 'backup.dump' : 'backup.tar.gz');

  it('restores what was backed up over later changes, and only when forced', async () => {
    const original = await using(async (db) => {
      await seedLetter(db, greaterManchester2023);
      await addActions(db, 5, '2026-02-01');
      return contents(db);
    });
    expect(original.recommendations).toBeGreaterThan(0);

    await backup(target, file);
    expect(backupKindOf(file)).toBe(kind);

    const changed = await using(async (db) => {
      await changeEverything(db);
      return contents(db);
    });
    expect(changed).not.toEqual(original);

    await expect(restore(target, file)).rejects.toThrow(/--force/);
    expect(await using(contents)).toEqual(changed);

    const result = await restore(target, file, { force: true });
    expect(await using(contents)).toEqual(original);
    await using((db) => expectFiguresToMatchRecount(db, new Date('2026-01-20T12:00:00Z')));
    if (kind === 'embedded') expect(fs.existsSync(result.replacedDataDir!)).toBe(true);
  }, 120_000);

  it('leaves the database as it was when the backup file is damaged', async () => {
    const damaged = path.join(folder, 'damaged');
    await backup(target, damaged);
    const whole = fs.readFileSync(damaged);
    fs.writeFileSync(damaged, whole.subarray(0, Math.floor(whole.length / 2)));
    const before = await using(async (db) => {
      await changeEverything(db);
      return contents(db);
    });
    await expect(restore(target, damaged, { force: true })).rejects.toThrow(BackupError);
    expect(await using(contents)).toEqual(before);
  }, 120_000);

  it('never writes over an existing backup file unless forced', async () => {
    const existing = path.join(folder, 'existing');
    fs.writeFileSync(existing, 'keep me');
    await expect(backup(target, existing)).rejects.toThrow(BackupError);
    expect(fs.readFileSync(existing, 'utf8')).toBe('keep me');
  });

  it('refuses a backup of the other kind of database before touching anything', async () => {
    const other = path.join(folder, 'other-kind');
    fs.writeFileSync(other, kind === 'postgres' ? Buffer.from([0x1f, 0x8b, 8, 0]) : 'PGDMP');
    await expect(restore(target, other, { force: true })).rejects.toThrow(/DATABASE_URL/);
    fs.writeFileSync(other, 'neither');
    await expect(restore(target, other, { force: true })).rejects.toThrow(/not a backup/);
  });

  it.skipIf(kind === 'postgres')(
    'refuses while another process holds the embedded database',
    async () => {
      const lock = path.join(target.dataDir, 'in-use.lock');
      // The vitest main process stands in for the server: alive, and not this process.
      fs.writeFileSync(lock, String(process.ppid));
      try {
        await expect(backup(target, path.join(folder, 'while-held.tar.gz'))).rejects.toThrow(
          DataDirLockedError,
        );
        await expect(
          restore(target, inject('pgliteTemplatePath')!, { force: true }),
        ).rejects.toThrow(DataDirLockedError);
        expect(fs.existsSync(path.join(folder, 'while-held.tar.gz'))).toBe(false);
      } finally {
        fs.rmSync(lock, { force: true });
      }
    },
  );
});
