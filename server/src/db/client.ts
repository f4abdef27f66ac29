import fs from 'node:fs';
import path from 'node:path';

import type { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { Pool } from 'pg';

import * as schema from './schema/index';
import { acquireDataDirLock } from './data-dir-lock';

/** One type for both drivers, so queries never know which database they run on. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface Database {
  db: Db;
  kind: 'embedded' | 'postgres';
  /** For the start log: where the data lives, without credentials. */
  description: string;
  /**
   * PostgreSQL with a separate owner role: `migrate` connects with this URL to change the schema
   * and grant this database's role what the app needs.
   */
  migrationUrl?: string;
  /**
   * Runs `work` while no other process runs work under the same lock: on PostgreSQL an advisory
   * lock held on a connection of its own, so instances starting together migrate and seed one
   * after the other; on the embedded database the data-folder lock already makes this the only
   * process.
   */
  exclusively<T>(lockName: string, work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl: string | undefined;
  databaseMigrationUrl?: string | undefined;
  dataDir: string;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.databaseUrl
    ? openPostgres(options.databaseUrl, options.databaseMigrationUrl)
    : openEmbedded(options.dataDir);
}

export async function openPostgres(databaseUrl: string, migrationUrl?: string): Promise<Database> {
  const { drizzle } = await import('drizzle-orm/node-postgres');
  // pg is CommonJS.
  const pg = (await import('pg')).default;
  const pool: Pool = new pg.Pool({
    connectionString: databaseUrl,
    max: 10,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    statement_timeout: 30_000,
  });
  // Without a listener an idle client's error (e.g. the server restarting) crashes the process.
  pool.on('error', () => {});
  // A checked-out client between two queries (in a transaction) has no pool listener: the same
  // error would crash the process. Its next query fails instead (503), and the pool drops it
  // on release because it is no longer queryable.
  pool.on('connect', (client) => client.on('error', () => {}));
  const url = new URL(databaseUrl);
  return {
    db: drizzle(pool, { schema }) as unknown as Db,
    kind: 'postgres',
    description: `PostgreSQL at ${url.hostname}:${url.port || 5432}${url.pathname}`,
    ...(migrationUrl && { migrationUrl }),
    exclusively: async (lockName, work) => {
      const client = await pool.connect();
      try {
        await client.query('select pg_advisory_lock(hashtext($1))', [lockName]);
        try {
          return await work();
        } finally {
          await client.query('select pg_advisory_unlock(hashtext($1))', [lockName]);
        }
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

/** The embedded database in `dataDir`, held by this process alone. */
export async function openEmbedded(dataDir: string): Promise<Database> {
  fs.mkdirSync(dataDir, { recursive: true });
  const releaseLock = acquireDataDirLock(dataDir);
  try {
    const { PGlite } = await import('@electric-sql/pglite');
    const client = await PGlite.create(path.join(dataDir, 'pgdata'));
    return wrapPglite(client, `embedded PostgreSQL (PGlite) in ${dataDir}`, async () => {
      await client.close();
      releaseLock();
    });
  } catch (error) {
    releaseLock();
    throw error;
  }
}

/** Tests hand in a PGlite made from a migrated template. */
export async function wrapPglite(
  client: PGlite,
  description = 'embedded PostgreSQL (PGlite) in memory',
  close: () => Promise<void> = () => client.close(),
): Promise<Database> {
  const { drizzle } = await import('drizzle-orm/pglite');
  return {
    db: drizzle(client, { schema }) as unknown as Db,
    kind: 'embedded',
    description,
    exclusively: (_lockName, work) => work(),
    close,
  };
}
