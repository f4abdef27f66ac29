import { randomUUID } from 'node:crypto';
import fs from 'node:fs';

import { inject } from 'vitest';

import { type Database, openPostgres, wrapPglite } from '../db/client';
import { adminQuery, withDatabase } from './global-setup';

export interface TestDatabase extends Database {
  /** Closes and throws the copy away. */
  destroy(): Promise<void>;
}

/**
 * A fresh, migrated database for one test file: a PGlite loaded from the migrated dump, or a
 * new database on the PostgreSQL server copied from the migrated template.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const templateUrl = inject('templateDatabaseUrl');
  if (templateUrl) {
    const name = `tracker_test_${randomUUID().replaceAll('-', '')}`;
    const template = new URL(templateUrl).pathname.slice(1);
    await adminQuery(templateUrl, `create database ${name} template ${template}`);
    const database = await openPostgres(withDatabase(templateUrl, name));
    return {
      ...database,
      destroy: async () => {
        await database.close();
        await adminQuery(templateUrl, `drop database if exists ${name} with (force)`);
      },
    };
  }
  const templatePath = inject('pgliteTemplatePath');
  if (!templatePath) throw new Error('The vitest global setup did not run.');
  const { PGlite } = await import('@electric-sql/pglite');
  const client = await PGlite.create({ loadDataDir: new Blob([fs.readFileSync(templatePath)]) });
  const database = await wrapPglite(client);
  return { ...database, destroy: () => database.close() };
}

/** A database with nothing in it, not even migrations (for health DOWN and migration tests). */
export async function createEmptyDatabase(): Promise<TestDatabase> {
  const templateUrl = inject('templateDatabaseUrl');
  if (templateUrl) {
    const name = `tracker_empty_${randomUUID().replaceAll('-', '')}`;
    await adminQuery(templateUrl, `create database ${name}`);
    const database = await openPostgres(withDatabase(templateUrl, name));
    return {
      ...database,
      destroy: async () => {
        await database.close();
        await adminQuery(templateUrl, `drop database if exists ${name} with (force)`);
      },
    };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const database = await wrapPglite(await PGlite.create());
  return { ...database, destroy: () => database.close() };
}
