import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import type { TestProject } from 'vitest/node';

import { buildServer } from '../../build.mjs';
import { openPostgres, wrapPglite } from '../db/client';
import { migrate } from '../db/migrate';

declare module 'vitest' {
  export interface ProvidedContext {
    /** PostgreSQL: a migrated database each test file copies with CREATE DATABASE ... TEMPLATE. */
    templateDatabaseUrl: string | null;
    /** PGlite: a dump of a migrated data folder each test file loads (start-up is slow). */
    pgliteTemplatePath: string | null;
  }
}

/**
 * Builds the server bundle the process tests start (tests/integration), and migrates once per
 * run; test files copy the result instead of migrating again.
 */
export default async function setup(project: TestProject) {
  await buildServer();
  const databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) {
    const templateName = `tracker_template_${process.pid}`;
    await adminQuery(databaseUrl, `drop database if exists ${templateName}`);
    await adminQuery(databaseUrl, `create database ${templateName}`);
    const templateUrl = withDatabase(databaseUrl, templateName);
    const database = await openPostgres(templateUrl);
    await migrate(database);
    await database.close();
    project.provide('templateDatabaseUrl', templateUrl);
    project.provide('pgliteTemplatePath', null);
    return async () => {
      await adminQuery(databaseUrl, `drop database if exists ${templateName} with (force)`);
    };
  }

  const { PGlite } = await import('@electric-sql/pglite');
  const client = await PGlite.create();
  await migrate(await wrapPglite(client));
  const dump = await client.dumpDataDir('none');
  await client.close();
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'tracker-template-'));
  const templatePath = path.join(folder, 'migrated.tar');
  fs.writeFileSync(templatePath, Buffer.from(await dump.arrayBuffer()));
  project.provide('templateDatabaseUrl', null);
  project.provide('pgliteTemplatePath', templatePath);
  return () => fs.rmSync(folder, { recursive: true, force: true });
}

export function withDatabase(databaseUrl: string, name: string): string {
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Runs one statement on the server's maintenance connection (CREATE/DROP DATABASE). */
export async function adminQuery(databaseUrl: string, statement: string): Promise<void> {
  const pg = (await import('pg')).default;
  const client = new pg.Client({ connectionString: withDatabase(databaseUrl, 'postgres') });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
