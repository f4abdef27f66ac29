import fs from 'node:fs';
import path from 'node:path';

import { sql } from 'drizzle-orm';

import { repoRoot } from '../paths';
import { type Database, openPostgres } from './client';

export const migrationsFolder = path.join(repoRoot, 'migrations');

/**
 * Applies the committed migrations; drizzle records them in drizzle.__drizzle_migrations. With a
 * migration URL they run as that (owner) role, which then grants the app's role its privileges.
 */
export async function migrate(database: Database): Promise<void> {
  if (database.migrationUrl) return migrateAsOwner(database, database.migrationUrl);
  if (database.kind === 'embedded') {
    const { migrate: migratePglite } = await import('drizzle-orm/pglite/migrator');
    await migratePglite(database.db as never, { migrationsFolder });
  } else if ((await appliedMigrationCount(database)) < expectedMigrationCount()) {
    // Skipped when up to date: drizzle's migrator first creates its schema, which an app role
    // started without DATABASE_MIGRATION_URL (the owner migrated beforehand) may not do.
    const { migrate: migratePostgres } = await import('drizzle-orm/node-postgres/migrator');
    await migratePostgres(database.db as never, { migrationsFolder });
  }
}

async function migrateAsOwner(app: Database, migrationUrl: string): Promise<void> {
  const appRole = await currentRole(app);
  const owner = await openPostgres(migrationUrl);
  try {
    if ((await currentRole(owner)) === appRole) {
      throw new Error(
        'DATABASE_MIGRATION_URL must connect as a different role from DATABASE_URL (the owner, not the app).',
      );
    }
    await migrate(owner);
    await grantAppPrivileges(owner, appRole);
    await refuseAppRoleAboveGrants(owner, appRole);
  } finally {
    await owner.close();
  }
}

/** Tables the app may only read and add to: not even their owner's app could rewrite history. */
const appendOnlyTables = ['audit_events'];

/**
 * Re-run after every migration, so tables a migration adds are covered; default privileges are
 * not used because they would hand a new append-only table UPDATE and DELETE.
 */
export async function grantAppPrivileges(owner: Database, appRole: string): Promise<void> {
  const role = sql.identifier(appRole);
  await owner.db.transaction(async (tx) => {
    await tx.execute(sql`grant usage on schema public to ${role}`);
    await tx.execute(
      sql`grant select, insert, update, delete on all tables in schema public to ${role}`,
    );
    await tx.execute(sql`grant usage, select on all sequences in schema public to ${role}`);
    for (const table of appendOnlyTables) {
      await tx.execute(
        sql`revoke update, delete, truncate on ${sql.identifier(table)} from ${role}`,
      );
    }
    // The readiness check compares the applied migrations with the code's.
    await tx.execute(sql`grant usage on schema drizzle to ${role}`);
    await tx.execute(sql`grant select on drizzle.__drizzle_migrations to ${role}`);
  });
}

/**
 * Grants cannot narrow a superuser, the tables' owner or a member of the owner's role (an owner
 * that never took the tables over from the app only warns that it granted nothing): such an app
 * role could still disable the audit trigger, so it is refused rather than run with false comfort.
 */
async function refuseAppRoleAboveGrants(owner: Database, appRole: string): Promise<void> {
  const result = await owner.db.execute(
    sql`select r.rolsuper or pg_has_role(r.oid, c.relowner, 'USAGE') as above
        from pg_roles r, pg_class c
        where r.rolname = ${appRole} and c.oid = 'audit_events'::regclass`,
  );
  if (rowsOf<{ above: boolean }>(result)[0]?.above) {
    throw new Error(
      `The DATABASE_URL role ${appRole} is a superuser, or owns audit_events or belongs to its owner, ` +
        'so it could still change the audit trail. Connect as a role that owns nothing ' +
        '(REASSIGN OWNED BY the app role TO the owner).',
    );
  }
}

async function currentRole(database: Database): Promise<string> {
  const result = await database.db.execute(sql`select current_user as role`);
  return rowsOf<{ role: string }>(result)[0]!.role;
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
