import { greaterManchester2023 } from '@tracker/seeds';
import { count } from 'drizzle-orm';

import type { Database } from './client';
import { migrate } from './migrate';
import { inspections } from './schema/inspections';
import { seedLetter } from './seed';

export interface PrepareResult {
  seeded: boolean;
}

/**
 * What start-up does before serving: apply migrations, then load the demo data into an empty
 * database unless this is production.
 */
export async function prepareDatabase(
  database: Database,
  options: { seedDemoData: boolean },
): Promise<PrepareResult> {
  await migrate(database);
  if (!options.seedDemoData) return { seeded: false };
  const [row] = await database.db.select({ total: count() }).from(inspections);
  if ((row?.total ?? 0) > 0) return { seeded: false };
  const result = await seedLetter(database.db, greaterManchester2023);
  return { seeded: result.created };
}
