import { demoAccounts, greaterManchester2023 } from '@tracker/seeds';
import { count } from 'drizzle-orm';

import type { Database } from './client';
import { migrate } from './migrate';
import { inspections } from './schema/inspections';
import { users } from './schema/users';
import { seedDemoAccounts, seedLetter } from './seed';

export interface PrepareResult {
  seeded: boolean;
}

export interface PrepareOptions {
  seedDemoData: boolean;
  demoPassword: string;
  nodeEnv: string;
}

/** Held while migrating and seeding, by start-up and by `npm run db:migrate` and `db:seed`. */
export const prepareLock = 'tracker.prepare-database';

/**
 * What start-up does before serving: apply migrations, then, unless this is production, load
 * the demo letter into a database with no inspections and the demo accounts into one with no
 * users. One instance at a time: two starting together would otherwise both apply the same
 * migration, or both find the database empty and seed it twice.
 */
export function prepareDatabase(
  database: Database,
  options: PrepareOptions,
): Promise<PrepareResult> {
  return database.exclusively(prepareLock, () => migrateAndSeed(database, options));
}

async function migrateAndSeed(database: Database, options: PrepareOptions): Promise<PrepareResult> {
  await migrate(database);
  if (!options.seedDemoData) return { seeded: false };
  const { db } = database;
  let seeded = false;
  const [inspectionCount] = await db.select({ total: count() }).from(inspections);
  if ((inspectionCount?.total ?? 0) === 0) {
    seeded = (await seedLetter(db, greaterManchester2023)).created;
  }
  const [userCount] = await db.select({ total: count() }).from(users);
  if ((userCount?.total ?? 0) === 0) {
    seeded =
      (await seedDemoAccounts(db, demoAccounts, {
        password: options.demoPassword,
        nodeEnv: options.nodeEnv,
      })) > 0 || seeded;
  }
  return { seeded };
}
