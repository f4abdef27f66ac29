import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

import type { DatabaseOptions } from './client';
import { acquireDataDirLock } from './data-dir-lock';

/**
 * `npm run db:backup` and `npm run db:restore`. The embedded database is backed up as PGlite's
 * own data-folder tarball (.tar.gz), PostgreSQL with pg_dump's custom format; each restores
 * only into its own kind. A restore replaces the whole database, so it refuses a database that
 * already holds one unless forced.
 */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

export interface BackupOptions {
  /** Replace an existing backup file, or restore over a database that holds data. */
  force?: boolean;
}

export interface RestoreResult {
  /** Embedded only: where the database that was replaced was kept. */
  replacedDataDir?: string;
}

type BackupKind = 'embedded' | 'postgres';

/** The owner's connection when there is one: the app's role may not read or replace everything. */
function ownerUrlOf(database: DatabaseOptions): string | undefined {
  return database.databaseUrl && (database.databaseMigrationUrl ?? database.databaseUrl);
}

export async function backup(
  database: DatabaseOptions,
  file: string,
  options: BackupOptions = {},
): Promise<void> {
  if (fs.existsSync(file) && !options.force) {
    throw new BackupError(`${file} already exists; choose another file or add --force.`);
  }
  const partial = `${file}.partial`;
  const serverUrl = ownerUrlOf(database);
  try {
    if (serverUrl) await dumpPostgres(serverUrl, partial);
    else await dumpEmbedded(database.dataDir, partial);
    fs.renameSync(partial, file);
  } finally {
    fs.rmSync(partial, { force: true });
  }
}

export async function restore(
  database: DatabaseOptions,
  file: string,
  options: BackupOptions = {},
): Promise<RestoreResult> {
  const kind = backupKindOf(file);
  const serverUrl = ownerUrlOf(database);
  const target: BackupKind = serverUrl ? 'postgres' : 'embedded';
  if (kind !== target) {
    throw new BackupError(
      `${file} is a backup of ${describeKind(kind)}, but this would restore it into ` +
        `${describeKind(target)}; ${kind === 'postgres' ? 'set' : 'unset'} DATABASE_URL.`,
    );
  }
  if (serverUrl) {
    await restorePostgres(serverUrl, file, options.force ?? false);
    return {};
  }
  return restoreEmbedded(database.dataDir, file, options.force ?? false);
}

function describeKind(kind: BackupKind): string {
  return kind === 'postgres' ? 'a PostgreSQL server (pg_dump)' : 'the embedded database (PGlite)';
}

/** Tells the two formats apart by their first bytes, before anything is changed. */
export function backupKindOf(file: string): BackupKind {
  if (!fs.existsSync(file)) throw new BackupError(`${file} does not exist.`);
  const head = Buffer.alloc(262);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, head, 0, head.length, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (head.subarray(0, 5).toString() === 'PGDMP') return 'postgres';
  // PGlite dumps its data folder as a tar, gzipped or not.
  const gzip = head[0] === 0x1f && head[1] === 0x8b;
  if (gzip || head.subarray(257, 262).toString() === 'ustar') return 'embedded';
  throw new BackupError(`${file} is not a backup made by npm run db:backup.`);
}

// The embedded database: the server must not hold the folder while it is copied or replaced.

function pgdataOf(dataDir: string): string {
  return path.join(dataDir, 'pgdata');
}

function holdsDatabase(pgdata: string): boolean {
  return fs.existsSync(path.join(pgdata, 'PG_VERSION'));
}

async function withDataDir<T>(dataDir: string, work: () => Promise<T>): Promise<T> {
  fs.mkdirSync(dataDir, { recursive: true });
  const release = acquireDataDirLock(dataDir);
  try {
    return await work();
  } finally {
    release();
  }
}

async function dumpEmbedded(dataDir: string, file: string): Promise<void> {
  await withDataDir(dataDir, async () => {
    const pgdata = pgdataOf(dataDir);
    if (!holdsDatabase(pgdata)) throw new BackupError(`There is no database in ${pgdata}.`);
    const { PGlite } = await import('@electric-sql/pglite');
    const client = await PGlite.create(pgdata);
    try {
      // Everything into the data files, so the copy needs no WAL replay to be whole.
      await client.exec('checkpoint');
      const dump = await client.dumpDataDir('gzip');
      fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
    } finally {
      await client.close();
    }
  });
}

/**
 * Loads the backup into a new folder beside the live one and swaps them only once it opens,
 * so a bad file leaves the database as it was; the replaced folder is kept, not deleted.
 */
async function restoreEmbedded(dataDir: string, file: string, force: boolean) {
  return withDataDir(dataDir, async (): Promise<RestoreResult> => {
    const pgdata = pgdataOf(dataDir);
    if (holdsDatabase(pgdata) && !force) {
      throw new BackupError(
        `${pgdata} already holds a database; add --force to replace it (it is kept beside).`,
      );
    }
    const incoming = `${pgdata}.restoring`;
    fs.rmSync(incoming, { recursive: true, force: true });
    try {
      const { PGlite } = await import('@electric-sql/pglite');
      const client = await PGlite.create(incoming, { loadDataDir: new Blob([tarballOf(file)]) });
      await client.query('select 1');
      await client.close();
    } catch (error) {
      fs.rmSync(incoming, { recursive: true, force: true });
      throw new BackupError(`${file} could not be loaded: ${(error as Error).message}`);
    }
    let replacedDataDir: string | undefined;
    if (fs.existsSync(pgdata)) {
      replacedDataDir = `${pgdata}.replaced-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      fs.renameSync(pgdata, replacedDataDir);
    }
    fs.renameSync(incoming, pgdata);
    return { replacedDataDir };
  });
}

/**
 * Unzipped here because gunzip checks the whole file (a damaged one throws), where PGlite's
 * own unzipping fails outside any promise.
 */
function tarballOf(file: string): Buffer {
  const contents = fs.readFileSync(file);
  return contents[0] === 0x1f && contents[1] === 0x8b ? zlib.gunzipSync(contents) : contents;
}

// PostgreSQL: pg_dump, pg_restore and psql from the PATH, the server's major version or newer.

/** The URL without its password, which goes through the environment instead of `ps`. */
function connection(databaseUrl: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const url = new URL(databaseUrl);
  const password = decodeURIComponent(url.password);
  url.password = '';
  return {
    dbname: url.toString(),
    env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) },
  };
}

async function dumpPostgres(databaseUrl: string, file: string): Promise<void> {
  const { dbname, env } = connection(databaseUrl);
  await finished(
    spawn('pg_dump', ['--format=custom', `--file=${file}`, `--dbname=${dbname}`], {
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    }),
  );
}

/**
 * pg_restore turns the backup into SQL and psql runs it in one transaction, after dropping
 * what the database held when forced. The commit is sent only once pg_restore has read the
 * whole file, so the database ends up exactly as backed up, or unchanged.
 */
async function restorePostgres(databaseUrl: string, file: string, force: boolean) {
  const schemas = await schemasWithTables(databaseUrl);
  if (schemas.length > 0 && !force) {
    throw new BackupError(
      `The database already holds tables (in ${schemas.join(', ')}); add --force to replace them.`,
    );
  }
  const drops = schemas.length > 0 ? dropStatements(await userSchemas(databaseUrl)) : '';
  const { dbname, env } = connection(databaseUrl);
  const psql = spawn('psql', ['--quiet', '--no-psqlrc', '-v', 'ON_ERROR_STOP=1', dbname], {
    env,
    stdio: ['pipe', 'ignore', 'pipe'],
  });
  const applied = finished(psql);
  psql.stdin.on('error', () => {}); // psql stopping early is reported by its exit code
  psql.stdin.write(`begin;\n${drops}`);
  const script = spawn('pg_restore', ['--no-owner', '--no-acl', '--file=-', file], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  script.stdout.pipe(psql.stdin, { end: false });
  const unreadable = await finished(script).then(
    () => null,
    (error: unknown) => error,
  );
  if (unreadable) {
    // psql failing first breaks pg_restore's pipe: its own message says more.
    const psqlFailed = psql.exitCode !== null;
    psql.kill();
    const psqlError = await applied.then(
      () => null,
      (error: unknown) => error,
    );
    throw psqlFailed && psqlError ? psqlError : unreadable;
  }
  psql.stdin.end('commit;\n');
  await applied;
}

function dropStatements(schemas: string[]): string {
  const drops = schemas.map((schema) => `drop schema "${schema.replaceAll('"', '""')}" cascade;`);
  // pg_dump leaves out the public schema, assuming every database has one.
  return [...drops, 'create schema if not exists public;', ''].join('\n');
}

async function schemasWithTables(databaseUrl: string): Promise<string[]> {
  return queryColumn(
    databaseUrl,
    `select distinct schemaname as value from pg_tables
     where schemaname not in ('pg_catalog', 'information_schema') order by 1`,
  );
}

async function userSchemas(databaseUrl: string): Promise<string[]> {
  return queryColumn(
    databaseUrl,
    `select nspname as value from pg_namespace
     where nspname not like 'pg\\_%' and nspname <> 'information_schema' order by 1`,
  );
}

async function queryColumn(databaseUrl: string, text: string): Promise<string[]> {
  const pg = (await import('pg')).default;
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<{ value: string }>(text)).rows.map((row) => row.value);
  } finally {
    await client.end();
  }
}

/** Resolves when a tool exits 0; otherwise rejects with what it printed on stderr. */
function finished(child: ReturnType<typeof spawn>): Promise<void> {
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  return new Promise((resolve, reject) => {
    child.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new BackupError(
          error.code === 'ENOENT'
            ? `${child.spawnfile} is not installed (it comes with the PostgreSQL client tools).`
            : error.message,
        ),
      ),
    );
    child.once('close', (code) =>
      code === 0
        ? resolve()
        : reject(new BackupError(`${child.spawnfile} failed (exit ${code}): ${stderr.trim()}`)),
    );
  });
}
