import { parseArgs } from 'node:util';

import { demoAccounts, greaterManchester2023 } from '@tracker/seeds';

import { type Config, ConfigError, loadConfig } from '../config';
import { backup, restore } from './backup';
import { type Database, openDatabase } from './client';
import { migrate } from './migrate';
import { prepareLock } from './prepare';
import { seedDemoAccounts, seedLetter } from './seed';

const usage =
  'Usage: cli.ts migrate | seed | backup --file <path> [--force] | restore --file <path> [--force]';

/** `npm run db:migrate`, `db:seed`, `db:backup` and `db:restore`. */
async function run(command: string | undefined, args: string[]) {
  const config = loadConfig();
  if (command === 'backup' || command === 'restore') return copy(command, config, args);
  if (command !== 'migrate' && command !== 'seed') throw new Error(usage);
  if (command === 'seed' && !config.seedDemoData) {
    throw new Error('Refusing to load demo data with NODE_ENV=production.');
  }
  const database = await openDatabase(config);
  try {
    await database.exclusively(prepareLock, () => migrateAndMaybeSeed(database, config, command));
  } finally {
    await database.close();
  }
}

async function migrateAndMaybeSeed(
  database: Database,
  config: Config,
  command: 'migrate' | 'seed',
) {
  await migrate(database);
  console.log(`Migrations applied to ${database.description}.`);
  if (command !== 'seed') return;
  const letter = await seedLetter(database.db, greaterManchester2023);
  const accounts = await seedDemoAccounts(database.db, demoAccounts, {
    password: config.demoPassword,
    nodeEnv: config.nodeEnv,
  });
  console.log(letter.created ? 'Demo letter loaded.' : 'Demo letter already present.');
  console.log(`${accounts} demo account(s) created.`);
}

async function copy(command: 'backup' | 'restore', config: Config, args: string[]) {
  const { values } = parseArgs({
    args,
    options: { file: { type: 'string' }, force: { type: 'boolean', default: false } },
  });
  if (!values.file) throw new Error(usage);
  const where = config.databaseUrl
    ? 'the PostgreSQL database'
    : `the embedded database in ${config.dataDir}`;
  if (command === 'backup') {
    await backup(config, values.file, { force: values.force });
    console.log(`Backed up ${where} to ${values.file}.`);
    return;
  }
  const result = await restore(config, values.file, { force: values.force });
  console.log(`Restored ${values.file} into ${where}; the server migrates it on start.`);
  if (result.replacedDataDir) {
    console.log(
      `The database it replaced is kept in ${result.replacedDataDir}; delete it when done.`,
    );
  }
}

run(process.argv[2], process.argv.slice(3)).catch((error: unknown) => {
  console.error(error instanceof ConfigError || error instanceof Error ? error.message : error);
  process.exit(1);
});
