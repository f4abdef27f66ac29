/**
 * How long a large actions import takes with the real app:
 * `node --import tsx tests/load/import-bench.ts [--rows 5000] [--profile]`, on the embedded
 * database (PGlite, in memory), or, with DATABASE_URL set, on a database of its own on that
 * PostgreSQL server (created and dropped, as `npm run bench` does). It prints the time of a
 * dry run that adds `--rows` actions, of applying it, and of a dry run and an apply of the
 * exported result with every row changed (percent complete; every other row a moved due date
 * with its reason, every third a new owner), the CPU time of this process (app and PGlite)
 * and how long `/ping` waited meanwhile. `--profile` (PGlite only) counts and times every
 * statement. It asserts nothing.
 */
import { parseArgs } from 'node:util';

import { PGlite } from '@electric-sql/pglite';
import { demoAccounts, greaterManchester2023 } from '@tracker/seeds';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { FastifyInstance } from 'fastify';

import { buildApp } from '@tracker/server/src/app';
import { loadConfig } from '@tracker/server/src/config';
import { type Database, openPostgres, wrapPglite } from '@tracker/server/src/db/client';
import { migrate } from '@tracker/server/src/db/migrate';
import { seedDemoAccounts, seedLetter } from '@tracker/server/src/db/seed';

import { Cleanups, createScratchDatabase, scratchDatabaseUrls } from './harness';

const { values } = parseArgs({
  options: { rows: { type: 'string', default: '5000' }, profile: { type: 'boolean' } },
});
const rowCount = Number(values.rows);

function multipart(file: Buffer, name: string) {
  const boundary = 'import-bench-boundary';
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\n` +
        'Content-Type: text/csv\r\n\r\n',
    ),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

async function timed<T>(label: string, app: FastifyInstance, work: () => Promise<T>) {
  // A ping every 100 ms while the import runs: the longest shows how long others waited.
  let longestPing = 0;
  let running = true;
  const pinger = (async () => {
    while (running) {
      const sent = performance.now();
      await app.inject({ method: 'GET', url: '/ping' });
      longestPing = Math.max(longestPing, performance.now() - sent);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  const started = performance.now();
  const cpu = process.cpuUsage();
  const result = await work();
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  running = false;
  await pinger;
  console.log(
    `${label.padEnd(40)} ${seconds.toFixed(2).padStart(7)} s (CPU ${cpuSeconds.toFixed(2)} s)   ` +
      `longest /ping ${(longestPing / 1000).toFixed(2)} s`,
  );
  return result;
}

/** The SQL of a Parse message ('P', length, statement name, query), or its kind. */
function sqlOf(message: Uint8Array): string {
  if (message[0] !== 0x50) return String.fromCharCode(message[0]!);
  const text = Buffer.from(message).toString('utf8', 5);
  const name = text.indexOf('\0');
  return text.slice(name + 1, text.indexOf('\0', name + 1));
}

/** Counts and times every query PGlite runs, by its SQL (--profile). */
function profile(client: PGlite) {
  const spent = new Map<string, { count: number; ms: number }>();
  for (const method of ['execProtocol', 'execProtocolStream'] as const) {
    const original = client[method].bind(client) as (...args: unknown[]) => Promise<unknown>;
    (client as unknown as Record<string, unknown>)[method] = async (...args: unknown[]) => {
      const started = performance.now();
      try {
        return await original(...args);
      } finally {
        const key = sqlOf(args[0] as Uint8Array).slice(0, 110);
        const entry = spent.get(key) ?? { count: 0, ms: 0 };
        entry.count += 1;
        entry.ms += performance.now() - started;
        spent.set(key, entry);
      }
    };
  }
  return () => {
    const top = [...spent].sort((a, b) => b[1].ms - a[1].ms).slice(0, 25);
    for (const [sql, { count, ms }] of top)
      console.log(`${(ms / 1000).toFixed(2).padStart(7)} s ${String(count).padStart(7)}x  ${sql}`);
    spent.clear();
  };
}

/** PGlite in memory, or a scratch database on the PostgreSQL server of DATABASE_URL. */
async function openBenchDatabase(cleanups: Cleanups) {
  if (!process.env.DATABASE_URL) {
    const client = await PGlite.create();
    const report = values.profile ? profile(client) : () => undefined;
    return { database: await wrapPglite(client), report };
  }
  const urls = scratchDatabaseUrls(process.env.DATABASE_URL, 'tracker_import_bench', (message) => {
    console.error(message);
    process.exit(2);
  });
  await createScratchDatabase(urls, cleanups);
  const database: Database = await openPostgres(urls.database);
  cleanups.add('close the database', () => database.close());
  return { database, report: () => undefined };
}

async function main(cleanups: Cleanups) {
  const { database, report } = await openBenchDatabase(cleanups);
  console.log(`${database.kind === 'embedded' ? 'PGlite, in memory' : database.description}`);
  await migrate(database);
  await seedLetter(database.db, greaterManchester2023);
  await seedDemoAccounts(database.db, demoAccounts, { password: 'bench', nodeEnv: 'test' });
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '0' });
  const app = await buildApp(config, { database });
  const signIn = await app.inject({
    method: 'POST',
    url: '/api/v1/session',
    payload: { email: 'rpd@gm.probation.example', password: 'bench' },
  });
  const cookie = String(signIn.headers['set-cookie']).split(';')[0]!;
  const plans = await app.inject({
    method: 'GET',
    url: '/api/v1/action-plans',
    headers: { cookie },
  });
  const planId = (plans.json() as { items: { id: string }[] }).items[0]!.id;
  const exportCsv = async () =>
    (
      await app.inject({
        method: 'GET',
        url: `/api/v1/action-plans/${planId}/export?format=csv`,
        headers: { cookie },
      })
    ).rawPayload;
  const importCsv = async (file: Buffer, mode: 'dry-run' | 'apply') => {
    const form = multipart(file, 'plan.csv');
    const response = await app.inject({
      method: 'POST',
      url: `/api/v1/action-plans/${planId}/imports?mode=${mode}`,
      headers: { cookie, 'content-type': form.contentType },
      payload: form.body,
    });
    const report = response.json() as {
      counts?: unknown;
      detail?: string;
      errors?: { message: string }[];
    };
    const firstError = report.errors?.[0] ? `, first error: ${report.errors[0].message}` : '';
    return `${response.statusCode} ${JSON.stringify(report.counts ?? report.detail)}${firstError}`;
  };

  const exported = parse(await exportCsv(), { bom: true, columns: true }) as Record<
    string,
    string
  >[];
  const header = Object.keys(exported[0]!);
  const added = Array.from({ length: rowCount }, (_, index) => ({
    ...exported[index % exported.length]!,
    // The RPD changes any action the region owns, but HMPPS's only through the national lead.
    'Owning unit': 'Greater Manchester',
    'Action ID': '',
    Action: `Imported action ${index + 1}`,
    Owner: 'Demo Head of Operations, Wigan',
    'Start date': '2026-03-01',
    'Due date': '2026-12-31',
    'Success measure': 'Audits show it',
  }));
  const creates = Buffer.from(stringify(added, { header: true, columns: header }));
  console.log(`${rowCount} rows, ${(creates.length / 1024).toFixed(0)} KB of CSV`);
  report();
  console.log(
    await timed('dry run: every row adds an action', app, () => importCsv(creates, 'dry-run')),
  );
  report();
  console.log(
    await timed('apply: every row adds an action', app, () => importCsv(creates, 'apply')),
  );
  report();
  const updates = parse(await exportCsv(), { bom: true, columns: true }) as Record<
    string,
    string
  >[];
  const edited = updates
    .filter((row) => row['Action ID'])
    .slice(0, rowCount)
    .map((row, index) => ({
      ...row,
      'Percent complete': '10',
      ...(index % 2 === 0 && {
        'Due date': '2027-01-31',
        'Due date change reason': 'Moved by the bench',
      }),
      ...(index % 3 === 0 && { Owner: 'Demo Head of Operations, Tameside' }),
    }));
  const updateCsv = Buffer.from(stringify(edited, { header: true, columns: header }));
  console.log(
    await timed(`dry run: ${edited.length} rows each update`, app, () =>
      importCsv(updateCsv, 'dry-run'),
    ),
  );
  report();
  console.log(
    await timed(`apply: ${edited.length} rows each update`, app, () =>
      importCsv(updateCsv, 'apply'),
    ),
  );
  report();
  await app.close();
  if (database.kind === 'embedded') await database.close();
}

const cleanups = new Cleanups();
cleanups.runOnInterrupt();
try {
  await main(cleanups);
} finally {
  await cleanups.runAll();
}
