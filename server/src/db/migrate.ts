import fs from 'node:fs';
import path from 'node:path';

import { sql } from 'drizzle-orm';

import type { Database } from './client';

export const migrationsFolder = path.resolve(import.meta.dirname, '../../../migrations');

/** Applies the committed migrations; drizzle records them in drizzle.__drizzle_migrations. */
export async function migrate(database: Database): Promise<void> {
  if (database.kind === 'embedded') {
    const { migrate: migratePglite } = await import('drizzle-orm/pglite/migrator');
    await migratePglite(database.db as never, { migrationsFolder });
  } else {
    const { migrate: migratePostgres } = await import('drizzle-orm/node-postgres/migrator');
    await migratePostgres(database.db as never, { migrationsFolder });
  }
}

/** How many migrations the code ships with. */
export function expectedMigrationCount(): number {
  const journal = JSON.parse(
    fs.readFileSync(path.join(migrationsFolder, 'meta/_journal.json'), 'utf8'),
  ) as { entries: unknown[] };
  return journal.entries.length;
}

/** How many migrations the database has applied; 0 when it has never been migrated. */
export async function appliedMigrationCount(database: Database): Promise<number> {
  const table = await database.db.execute(
    sql`select to_regclass('drizzle.__drizzle_migrations') is not null as exists`,
  );
  if (!rowsOf<{ exists: boolean }>(table)[0]?.exists) return 0;
  const result = await database.db.execute(
    sql`select count(*)::int as count from drizzle.__drizzle_migrations`,
  );
  return rowsOf<{ count: number }>(result)[0]?.count ?? 0;
}

/** node-postgres and PGlite both answer `execute` with `{ rows }`. */
export function rowsOf<Row>(result: unknown): Row[] {
  return (result as { rows: Row[] }).rows;
}
