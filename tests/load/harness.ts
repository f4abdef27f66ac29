/**
 * What the load scripts share (bench.ts, load.ts, db-faults.ts): a scratch database on a
 * PostgreSQL server with the project's schema and a national-scale data set, clean-up that
 * also runs on failure and Ctrl-C, and the format of their figures.
 */
import { parseArgs } from 'node:util';

import { demoAccounts, greaterManchester2023 } from '@tracker/seeds';
import { openPostgres } from '@tracker/server/src/db/client';
import { migrate } from '@tracker/server/src/db/migrate';
import { seedDemoAccounts, seedLetter } from '@tracker/server/src/db/seed';

import pg from 'pg';

import { type Fixture, loadNationalData, readFixture } from './dataset';

export const demoPassword = process.env.DEMO_PASSWORD ?? 'demo-password';
export const rpdEmail = 'rpd@gm.probation.example';
export const hooWiganEmail = 'hoo.wigan@gm.probation.example';
export const nationalLeadEmail = 'national.lead@hmpps.example';

export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
export const megabytes = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

/** Left-aligned first column, right-aligned figures, as a Markdown table. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((cell, i) => Math.max(cell.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    `| ${cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (i === 0 ? ` ${'-'.repeat(w)} ` : ` ${'-'.repeat(w - 1)}: `)).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

export interface RunOptions {
  actions: number;
  duration: number;
  connections: number;
  /** Server processes on the one database, the load spread over them (load.ts). */
  instances: number;
  keep: boolean;
}

/**
 * The options bench and load share (--actions, --duration, --connections, --instances, --keep): each a
 * positive whole number, at least one action per region; anything else prints the usage.
 */
export function runOptions(
  defaults: { actions: number; duration: number },
  usage: (message: string) => never,
): RunOptions {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        actions: { type: 'string', default: String(defaults.actions) },
        duration: { type: 'string', default: String(defaults.duration) },
        connections: { type: 'string', default: '32' },
        instances: { type: 'string', default: '1' },
        keep: { type: 'boolean', default: false },
      },
    }).values;
  } catch (error) {
    usage(error instanceof Error ? error.message : String(error));
  }
  const positive = (name: string, value: string) => {
    const number = Number(value);
    if (!Number.isInteger(number) || number < 1)
      usage(`--${name} must be a positive whole number.`);
    return number;
  };
  const actions = positive('actions', parsed.actions);
  if (actions < 12) usage('--actions must be at least 12 (one per region).');
  return {
    actions,
    duration: positive('duration', parsed.duration),
    connections: positive('connections', parsed.connections),
    instances: positive('instances', parsed.instances),
    keep: parsed.keep,
  };
}

export interface ScratchUrls {
  /** The scratch database's name, `<prefix>_<timestamp>`. */
  name: string;
  /** The server's `postgres` database, to create and drop the scratch one from. */
  maintenance: string;
  /** The scratch database. */
  database: string;
}

/** URLs of a new scratch database on the server of `raw` (DATABASE_URL), or the usage message. */
export function scratchDatabaseUrls(
  raw: string | undefined,
  prefix: string,
  usage: (message: string) => never,
): ScratchUrls {
  if (!raw) {
    usage(
      'DATABASE_URL is not set. This needs a PostgreSQL server: it creates a database of its own\n' +
        'there, and never runs on the embedded database.',
    );
  }
  let server: URL;
  try {
    server = new URL(raw);
  } catch {
    usage('DATABASE_URL is not a URL.');
  }
  if (server.protocol !== 'postgres:' && server.protocol !== 'postgresql:') {
    usage('DATABASE_URL must be a postgres:// URL.');
  }
  const stamp = new Date().toISOString().replace(/[-:T]/g, '').replace(/\..*$/, '').toLowerCase();
  const name = `${prefix}_${stamp}`;
  const withDatabase = (database: string) => {
    const url = new URL(server);
    url.pathname = `/${database}`;
    return url.toString();
  };
  return { name, maintenance: withDatabase('postgres'), database: withDatabase(name) };
}

type Step = { name: string; run: () => Promise<void> };

/**
 * Steps that undo what a run set up, run last-added first, once, whether the run succeeded,
 * failed or was interrupted; a failing step is reported and the rest still run.
 */
export class Cleanups {
  private readonly steps: Step[] = [];
  private running: Promise<void> | null = null;

  add(name: string, run: () => Promise<void> | void): void {
    this.steps.push({ name, run: async () => run() });
  }

  runAll(): Promise<void> {
    return (this.running ??= (async () => {
      for (const { name, run } of this.steps.reverse()) {
        try {
          await run();
        } catch (error) {
          console.error(`Cleaning up (${name}) failed:`, error);
        }
      }
    })());
  }

  /** Ctrl-C or a TERM cleans up before exiting, so nothing is left behind on the server. */
  runOnInterrupt(): void {
    for (const [signal, code] of [
      ['SIGINT', 130],
      ['SIGTERM', 143],
    ] as const) {
      process.once(signal, () => {
        console.error(`\n${signal}: cleaning up.`);
        void this.runAll().then(() => process.exit(code));
      });
    }
  }
}

/**
 * Creates the scratch database and registers its drop (unless `keep`). Returns a client on the
 * maintenance database, open until the drop.
 */
export async function createScratchDatabase(
  urls: ScratchUrls,
  cleanups: Cleanups,
  keep = false,
): Promise<pg.Client> {
  const admin = new pg.Client({ connectionString: urls.maintenance });
  await admin.connect();
  await admin.query(`create database ${urls.name}`);
  console.log(`Created database ${urls.name}.`);
  cleanups.add(`drop database ${urls.name}`, async () => {
    try {
      if (keep) {
        console.log(`Kept database ${urls.name} (--keep).`);
        return;
      }
      await dropDatabase(admin, urls.name);
      console.log(`Dropped database ${urls.name}.`);
    } finally {
      await admin.end();
    }
  });
  return admin;
}

async function dropDatabase(admin: pg.Client, name: string) {
  try {
    await admin.query(`drop database if exists ${name} with (force)`);
  } catch {
    // Before PostgreSQL 13 there is no FORCE: end the other sessions first.
    await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1', [
      name,
    ]);
    await admin.query(`drop database if exists ${name}`);
  }
}

/**
 * Migrates and seeds the database with the project's own code (the Greater Manchester letter,
 * the demo accounts), then loads `actions` national-scale actions set-based, printing each
 * step's time. Returns the ids the requests need and how long the national load took.
 */
export async function prepareDatabase(
  databaseUrl: string,
  actions: number,
): Promise<{ fixture: Fixture; loadMs: number }> {
  let started = performance.now();
  const database = await openPostgres(databaseUrl);
  try {
    await migrate(database);
    await seedLetter(database.db, greaterManchester2023);
    await seedDemoAccounts(database.db, demoAccounts, { password: demoPassword, nodeEnv: 'test' });
  } finally {
    await database.close();
  }
  console.log(
    `Migrated and seeded the Greater Manchester letter and demo accounts: ${seconds(performance.now() - started)}`,
  );

  started = performance.now();
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  let fixture: Fixture;
  try {
    console.log('Loading:');
    await loadNationalData(client, actions, (step) =>
      console.log(
        `  ${step.name.padEnd(58)} ${step.rows.toLocaleString('en-GB').padStart(10)} rows  ${seconds(step.ms).padStart(7)}`,
      ),
    );
    fixture = await readFixture(client);
  } finally {
    await client.end();
  }
  const loadMs = performance.now() - started;
  console.log(`Loaded in ${seconds(loadMs)}. The database holds:`);
  for (const [label, count] of Object.entries(fixture.counts)) {
    console.log(`  ${label.padEnd(28)} ${count.toLocaleString('en-GB').padStart(10)}`);
  }
  return { fixture, loadMs };
}

/** An action the Wigan head of operations owns, created through the API; returns its id. */
export async function createWiganAction(
  baseUrl: string,
  cookie: string,
  fixture: Fixture,
  title: string,
): Promise<string> {
  const response = await fetch(
    `${baseUrl}/api/v1/recommendations/${fixture.wiganRecommendationId}/actions`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ title, owningUnitId: fixture.wiganId }),
    },
  );
  if (response.status !== 201) {
    throw new Error(`Creating an action answered ${response.status}: ${await response.text()}`);
  }
  return ((await response.json()) as { id: string }).id;
}

/** The nearest-rank percentile of ascending values: `fraction` 0.99 is p99. */
export function percentile(sorted: number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)]!;
}
