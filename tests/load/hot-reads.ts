/**
 * Issue 12, goals 1-3 and 5, for bench.ts: the two hot reads (one action; the action list by
 * unit and status) measured in the same run on the service, on a bare Fastify + pg handler
 * giving byte-identical answers (bare-server.ts), and on PostgreSQL alone running the service's
 * own statements named prepared (the session check and the read), with CPU per request.
 */
import os from 'node:os';
import path from 'node:path';

import autocannon, { type Result } from 'autocannon';
import { Placeholder } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';

import { actionByIdQuery, actionListQuery } from '@tracker/server/src/actions/reads';
import { sessionActorQuery } from '@tracker/server/src/auth/sessions';
import { hashToken } from '@tracker/server/src/auth/tokens';
import type { Db } from '@tracker/server/src/db/client';

import type { Fixture } from './dataset';
import { megabytes, table } from './harness';
import { type BenchServer, cpuSecondsOf, cpuSecondsOfAll, startServer } from './server';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const warmupSeconds = 2;
const aloneRequests = 50;
/** The service's pool size: PostgreSQL alone gets as many connections as the service has. */
const databaseConnections = 10;

export interface HotReadsContext {
  service: BenchServer;
  databaseUrl: string;
  fixture: Fixture;
  /** The region lead's Cookie header value. */
  cookie: string;
  connections: number;
  duration: number;
  /** PostgreSQL backend pids of the bench database. */
  backends: () => Promise<number[]>;
  /** The service's peak RSS since the last call. */
  markRss: () => number;
  addCleanup: (what: string, cleanup: () => Promise<void>) => void;
}

interface Target {
  /** Names its prepared statements in the database-alone run. */
  key: string;
  name: string;
  path: string;
  /** The service's statements for this request, as PostgreSQL gets them, with their values. */
  statements: { text: string; values: unknown[] }[];
}

interface Figures {
  requestsPerSecond: number;
  p99: number;
  serverCpuMs: number | null;
  dbCpuMs: number | null;
}

export async function compareHotReads(context: HotReadsContext): Promise<void> {
  const bare = await startServer({
    cwd: repoRoot,
    databaseUrl: context.databaseUrl,
    script: 'tests/load/bare-server.ts',
  });
  context.addCleanup('stop the bare server', () => bare.stop());
  const targets = await hotTargets(context);
  const rows: string[][] = [];
  let servicePeakRss = 0;
  for (const target of targets) {
    await sameAnswers(context, bare, target);
    process.stdout.write(`Comparing ${target.name} ... `);
    context.markRss();
    const service = await measure(context, context.service, target);
    servicePeakRss = Math.max(servicePeakRss, context.markRss());
    const yardstick = await measure(context, bare, target);
    const alone = await databaseAlone(context, target);
    console.log('done');
    const cpu = (value: number | null) => (value === null ? 'n/a' : value.toFixed(2));
    rows.push([
      target.name,
      service.requestsPerSecond.toFixed(0),
      String(service.p99),
      cpu(service.serverCpuMs),
      cpu(service.dbCpuMs),
      yardstick.requestsPerSecond.toFixed(0),
      String(yardstick.p99),
      cpu(yardstick.serverCpuMs),
      cpu(yardstick.dbCpuMs),
      (service.requestsPerSecond / yardstick.requestsPerSecond).toFixed(2),
      alone.perSecond.toFixed(0),
      cpu(alone.dbCpuMs),
      os.loadavg()[0]!.toFixed(1),
    ]);
  }
  console.log(
    `\nHot reads (issue 12 goals 1-3), service against a bare Fastify + pg handler with the same bytes:\n`,
  );
  console.log(
    table(
      [
        'request',
        'service req/s',
        'p99 ms',
        'Node CPU ms/req',
        'DB CPU ms/req',
        'bare req/s',
        'p99 ms',
        'Node CPU ms/req',
        'DB CPU ms/req',
        'service/bare',
        'DB alone/s',
        'DB CPU ms',
        'host load',
      ],
      rows,
    ),
  );
  console.log(
    [
      '',
      `CPU per request: ${aloneRequests} requests sent one at a time. DB alone: the service's own`,
      `statements for the request (the session check and the read), named prepared, run by`,
      `${databaseConnections} connections for ${context.duration} s with no HTTP server; DB CPU ms: per request.`,
      `Service peak RSS in these runs (goal 5: at most 250 MB): ${megabytes(servicePeakRss)}.`,
    ].join('\n'),
  );
}

/** The two requests, and the statements the service sends PostgreSQL for each. */
async function hotTargets(context: HotReadsContext): Promise<Target[]> {
  const db = drizzle.mock() as unknown as Db;
  const token = decodeURIComponent(context.cookie.slice(context.cookie.indexOf('=') + 1));
  const session = boundStatement(sessionActorQuery(db).toSQL(), { tokenHash: hashToken(token) });
  const client = new pg.Client({ connectionString: context.databaseUrl });
  await client.connect();
  const { rows } = await client
    .query<{ region_id: string }>('select region_id from inspections where id = $1', [
      context.fixture.gmInspectionId,
    ])
    .finally(() => client.end());
  const list = actionListQuery(db, 'dueDate', ['regionId', 'owningUnitId', 'status'], false);
  return [
    {
      key: 'list',
      name: 'action list: Wigan, in progress, 50',
      path: `/api/v1/actions?owningUnitId=${context.fixture.wiganId}&status=in_progress&limit=50`,
      statements: [
        session,
        boundStatement(list.toSQL(), {
          regionId: rows[0]!.region_id,
          owningUnitId: context.fixture.wiganId,
          status: 'in_progress',
          limit: 51,
        }),
      ],
    },
    {
      key: 'one',
      name: 'one action',
      path: `/api/v1/actions/${context.fixture.wiganActionId}`,
      statements: [
        session,
        boundStatement(actionByIdQuery(db).toSQL(), { id: context.fixture.wiganActionId }),
      ],
    },
  ];
}

function boundStatement(
  query: { sql: string; params: unknown[] },
  values: Record<string, unknown>,
): { text: string; values: unknown[] } {
  return {
    text: query.sql,
    values: query.params.map((param) =>
      param instanceof Placeholder ? values[param.name as string] : param,
    ),
  };
}

async function fetchBody(baseUrl: string, target: Target, cookie: string): Promise<string> {
  const response = await fetch(`${baseUrl}${target.path}`, { headers: { cookie } });
  const body = await response.text();
  if (response.status !== 200) {
    throw new Error(`${target.name}: ${baseUrl} answered ${response.status}: ${body}`);
  }
  return body;
}

/** The bare handler is a yardstick only while it gives the very same bytes. */
async function sameAnswers(context: HotReadsContext, bare: BenchServer, target: Target) {
  const service = await fetchBody(context.service.baseUrl, target, context.cookie);
  const yardstick = await fetchBody(bare.baseUrl, target, context.cookie);
  if (service !== yardstick) {
    throw new Error(
      `${target.name}: the bare handler's answer differs from the service's:\n` +
        `service: ${service.slice(0, 500)}\nbare:    ${yardstick.slice(0, 500)}`,
    );
  }
}

async function measure(
  context: HotReadsContext,
  server: BenchServer,
  target: Target,
): Promise<Figures> {
  const cannon = (duration: number) =>
    autocannon({
      url: server.baseUrl,
      connections: context.connections,
      duration,
      timeout: 30,
      requests: [{ method: 'GET', path: target.path, headers: { cookie: context.cookie } }],
    });
  await cannon(warmupSeconds);
  const cpu = await cpuPerRequest(context, server, target);
  const result: Result = await cannon(context.duration);
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(
      `${target.name} on ${server.baseUrl}: ${result.non2xx} non-2xx, ${result.errors} errors`,
    );
  }
  return { requestsPerSecond: result.requests.average, p99: result.latency.p99, ...cpu };
}

async function cpuPerRequest(context: HotReadsContext, server: BenchServer, target: Target) {
  const serverBefore = cpuSecondsOf(server.pid);
  const dbBefore = cpuSecondsOfAll(await context.backends());
  for (let i = 0; i < aloneRequests; i++) await fetchBody(server.baseUrl, target, context.cookie);
  const serverAfter = cpuSecondsOf(server.pid);
  const dbAfter = cpuSecondsOfAll(await context.backends());
  return {
    serverCpuMs:
      serverBefore === null || serverAfter === null
        ? null
        : ((serverAfter - serverBefore) * 1000) / aloneRequests,
    dbCpuMs: backendMsPer(dbBefore, dbAfter, aloneRequests),
  };
}

function backendMsPer(
  before: Map<number, number>,
  after: Map<number, number>,
  count: number,
): number | null {
  if (after.size === 0) return null;
  let seconds = 0;
  for (const [pid, value] of after) seconds += value - (before.get(pid) ?? 0);
  return (seconds * 1000) / count;
}

/** The service's statements for one request, named prepared, as fast as PostgreSQL runs them. */
async function databaseAlone(context: HotReadsContext, target: Target) {
  const pool = new pg.Pool({ connectionString: context.databaseUrl, max: databaseConnections });
  try {
    const run = async (until: number) => {
      let done = 0;
      const client = await pool.connect();
      try {
        while (performance.now() < until) {
          for (const [index, statement] of target.statements.entries()) {
            await client.query({
              name: `alone_${target.key}_${index}`,
              text: statement.text,
              values: statement.values,
              rowMode: 'array',
            });
          }
          done++;
        }
      } finally {
        client.release();
      }
      return done;
    };
    const all = (seconds: number) =>
      Promise.all(
        Array.from({ length: databaseConnections }, () => run(performance.now() + seconds * 1000)),
      );
    await all(warmupSeconds);
    const pids = await context.backends();
    const before = cpuSecondsOfAll(pids);
    const counts = await all(context.duration);
    const after = cpuSecondsOfAll(pids);
    const total = counts.reduce((sum, count) => sum + count, 0);
    return { perSecond: total / context.duration, dbCpuMs: backendMsPer(before, after, total) };
  } finally {
    await pool.end();
  }
}
