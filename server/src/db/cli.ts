import { demoAccounts, greaterManchester2023 } from '@tracker/seeds';

import { ConfigError, loadConfig } from '../config';
import { openDatabase } from './client';
import { migrate } from './migrate';
import { seedDemoAccounts, seedLetter } from './seed';

/** `npm run db:migrate` and `npm run db:seed`. */
async function run(command: string | undefined) {
  const config = loadConfig();
  if (command !== 'migrate' && command !== 'seed') {
    throw new Error('Usage: cli.ts migrate|seed');
  }
  if (command === 'seed' && !config.seedDemoData) {
    throw new Error('Refusing to load demo data with NODE_ENV=production.');
  }
  const database = await openDatabase(config);
  try {
    await migrate(database);
    console.log(`Migrations applied to ${database.description}.`);
    if (command === 'seed') {
      const letter = await seedLetter(database.db, greaterManchester2023);
      const accounts = await seedDemoAccounts(database.db, demoAccounts, {
        password: config.demoPassword,
        nodeEnv: config.nodeEnv,
      });
      console.log(letter.created ? 'Demo letter loaded.' : 'Demo letter already present.');
      console.log(`${accounts} demo account(s) created.`);
    }
  } finally {
    await database.close();
  }
}

run(process.argv[2]).catch((error: unknown) => {
  console.error(error instanceof ConfigError || error instanceof Error ? error.message : error);
  process.exit(1);
});
