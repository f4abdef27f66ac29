import { greaterManchester2023 } from '@tracker/seeds';
import type { FastifyInstance } from 'fastify';

import { buildApp } from '../app';
import { type Config, loadConfig } from '../config';
import { seedLetter } from '../db/seed';
import { type TestDatabase, createTestDatabase } from './database';

export interface TestApp {
  app: FastifyInstance;
  database: TestDatabase;
  close(): Promise<void>;
}

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', ...overrides });
}

/** The whole app on a fresh database, seeded with the letter unless told otherwise. */
export async function createTestApp(
  options: { seed?: boolean; env?: Record<string, string>; database?: TestDatabase } = {},
): Promise<TestApp> {
  const database = options.database ?? (await createTestDatabase());
  if (options.seed !== false) await seedLetter(database.db, greaterManchester2023);
  const app = await buildApp(testConfig(options.env), { database });
  return {
    app,
    database,
    close: async () => {
      await app.close();
      await database.destroy();
    },
  };
}
