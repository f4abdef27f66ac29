import { parseArgs } from 'node:util';

import { eq } from 'drizzle-orm';

import { ConfigError, loadConfig } from '../config';
import { openDatabase } from '../db/client';
import { migrate } from '../db/migrate';
import { orgUnits } from '../db/schema/org-units';
import { createUser } from '../users/service';

/**
 * `npm run admin:create -- --email <address> [--name <name>]`: the first administrator of an
 * installation. Prints a one-time link to set the password; the password itself never passes
 * through a shell.
 */
async function run() {
  const { values } = parseArgs({
    options: { email: { type: 'string' }, name: { type: 'string' } },
  });
  if (!values.email)
    throw new Error('Usage: npm run admin:create -- --email <address> [--name <name>]');
  const config = loadConfig();
  const database = await openDatabase(config);
  try {
    await migrate(database);
    const { db } = database;
    // A production database starts empty: the national unit administrators belong to comes first.
    await db
      .insert(orgUnits)
      .values({ code: 'hmpps', name: 'HM Prison and Probation Service', type: 'hmpps' })
      .onConflictDoNothing({ target: orgUnits.code });
    const [hmpps] = await db
      .select({ id: orgUnits.id })
      .from(orgUnits)
      .where(eq(orgUnits.code, 'hmpps'));
    const link = await createUser(
      db,
      { email: values.email, name: values.name ?? values.email, role: 'admin', unitId: hmpps!.id },
      { actor: null, requestId: 'admin:create', now: new Date() },
      config.publicUrl,
    );
    console.log(`Administrator ${link.user.email} created.`);
    console.log(`Set the password within 7 days at:\n${link.setPasswordUrl}`);
  } finally {
    await database.close();
  }
}

run().catch((error: unknown) => {
  console.error(error instanceof ConfigError || error instanceof Error ? error.message : error);
  process.exit(1);
});
