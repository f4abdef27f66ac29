/**
 * `npm run db-faults`
 *
 * Restarts PostgreSQL under the running server and checks it holds: a throwaway cluster of
 * its own (initdb as the postgres user, on a spare port, in a temporary folder removed at the
 * end, so no shared server is touched), the real server on it as a separate process, steady
 * writes and reads, and mid-run `pg_ctl stop -m fast`, a few seconds down, `pg_ctl start`.
 * Every answer during the outage must be a 503 problem+json within the client timeout,
 * /health must say DOWN then UP, the same server process must serve again, and every
 * progress update acknowledged with 201 must be in the database. Exits 1 otherwise.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

import pg from 'pg';

import type { Fixture } from './dataset';
import {
  Cleanups,
  createWiganAction,
  demoPassword,
  hooWiganEmail,
  prepareDatabase,
  rpdEmail,
  seconds,
  table,
} from './harness';
import { type BenchServer, signIn, startServer } from './server';

const repoRoot = path.resolve(import.meta.dirname, '../..');
/** A request still unanswered after this has hung: a violation. */
const clientTimeoutMs = 10_000;
const workers = 8;
const steadyMs = 5_000;
const outageMs = 5_000;
const recoveryDeadlineMs = 30_000;
const healthEveryMs = 250;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The newest installed PostgreSQL's programs (PG_BIN overrides). */
function postgresBin(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root)
    ? fs
        .readdirSync(root)
        .filter((v) => fs.existsSync(path.join(root, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (!versions[0]) throw new Error(`No PostgreSQL programs in ${root}/*/bin; set PG_BIN.`);
  return path.join(root, versions[0], 'bin');
}

/** PostgreSQL refuses to run as root: as root, its programs run as the postgres user. */
function asPostgres(program: string, args: string[]): string {
  const [command, commandArgs] =
    process.getuid?.() === 0
      ? ['runuser', ['-u', 'postgres', '--', program, ...args]]
      : [program, args];
  try {
    return execFileSync(command, commandArgs, { stdio: ['ignore', 'pipe', 'pipe'] }).toString();
  } catch (error) {
    const failed = error as { stdout?: Buffer; stderr?: Buffer; message: string };
    throw new Error(
      `${path.basename(program)} ${args.join(' ')} failed: ${failed.message}\n` +
        `${failed.stdout?.toString() ?? ''}${failed.stderr?.toString() ?? ''}`,
    );
  }
}

/** The first port from 55432 that nothing on 127.0.0.1 listens on. */
async function sparePort(): Promise<number> {
  const free = (port: number) =>
    new Promise<boolean>((resolve) => {
      const probe = net.createServer();
      probe.once('error', () => resolve(false));
      probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
    });
  for (let port = 55432; port < 55532; port++) if (await free(port)) return port;
  throw new Error('No free port between 55432 and 55531.');
}

interface Cluster {
  url: (database: string) => string;
  stop: () => void;
  start: () => void;
}

/** A new cluster in a temporary folder, started; stopped and removed by the clean-up. */
async function createCluster(cleanups: Cleanups): Promise<Cluster> {
  const bin = postgresBin();
  const port = await sparePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tracker-db-faults-'));
  cleanups.add(`remove ${dir}`, () => fs.rmSync(dir, { recursive: true, force: true }));
  if (process.getuid?.() === 0) {
    const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres']).toString());
    fs.chownSync(dir, id('-u'), id('-g'));
  }
  const data = path.join(dir, 'data');
  const pgCtl = path.join(bin, 'pg_ctl');
  asPostgres(path.join(bin, 'initdb'), [
    ...['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C'],
  ]);
  const start = () =>
    asPostgres(pgCtl, [
      ...['-D', data, '-l', path.join(dir, 'postgres.log'), '-w', '-t', '60'],
      ...['-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`, 'start'],
    ]);
  start();
  let running = true;
  cleanups.add('stop the throwaway cluster', () => {
    if (running) asPostgres(pgCtl, ['-D', data, '-m', 'immediate', '-w', 'stop']);
  });
  console.log(`Throwaway cluster: PostgreSQL from ${bin} in ${data}, port ${port}.`);
  return {
    url: (database) => `postgres://postgres@127.0.0.1:${port}/${database}`,
    stop: () => {
      asPostgres(pgCtl, ['-D', data, '-m', 'fast', '-w', 'stop']);
      running = false;
    },
    start: () => {
      start();
      running = true;
    },
  };
}

type Outcome = 'ok' | 'unavailable' | 'other';
type Phase = 'before' | 'outage' | 'after';

interface Answer {
  phase: Phase;
  outcome: Outcome;
  ms: number;
  /** Status and the start of the body, or the client's error, for anything but 2xx and 503. */
  detail?: string;
}

function isProblem(response: Response, text: string, status: number): boolean {
  if (!response.headers.get('content-type')?.startsWith('application/problem+json')) return false;
  try {
    return (JSON.parse(text) as { status?: unknown }).status === status;
  } catch {
    return false;
  }
}

/** One request with the client timeout: 2xx, a clean 503 problem+json, or anything else. */
async function send(
  url: string,
  init: RequestInit,
): Promise<{ outcome: Outcome; body?: unknown; detail?: string }> {
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(clientTimeoutMs) });
    const text = await response.text();
    if (response.ok) return { outcome: 'ok', body: text ? JSON.parse(text) : null };
    if (response.status === 503 && isProblem(response, text, 503))
      return { outcome: 'unavailable' };
    return { outcome: 'other', detail: `${response.status}: ${text.slice(0, 200)}` };
  } catch (error) {
    return { outcome: 'other', detail: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * `workers` loops, each posting a progress update to an action of its own then reading that
 * action as another user, until stopped. Ids of acknowledged (201) updates are kept.
 */
function startLoad(
  baseUrl: string,
  cookies: { reader: string; writer: string },
  actionIds: string[],
  phase: () => Phase,
) {
  const answers: Answer[] = [];
  const acknowledged: string[] = [];
  let stopping = false;
  const timed = async (init: RequestInit & { url: string }) => {
    const at = phase();
    const started = performance.now();
    const result = await send(init.url, init);
    answers.push({
      phase: at,
      outcome: result.outcome,
      ms: performance.now() - started,
      ...(result.detail ? { detail: result.detail } : {}),
    });
    // A refused request answers at once: pause, so an outage is not a busy loop.
    if (result.outcome !== 'ok') await sleep(50);
    return result;
  };
  const loop = async (actionId: string, n: number) => {
    for (let i = 1; !stopping; i++) {
      const posted = await timed({
        url: `${baseUrl}/api/v1/actions/${actionId}/updates`,
        method: 'POST',
        headers: { cookie: cookies.writer, 'content-type': 'application/json' },
        body: JSON.stringify({ narrative: `Fault run: worker ${n}, update ${i}` }),
      });
      if (posted.outcome === 'ok') acknowledged.push((posted.body as { id: string }).id);
      await timed({
        url: `${baseUrl}/api/v1/actions/${actionId}`,
        headers: { cookie: cookies.reader },
      });
    }
  };
  const done = Promise.all(actionIds.map((id, n) => loop(id, n + 1)));
  return {
    answers,
    acknowledged,
    stop: async () => {
      stopping = true;
      await done;
    },
  };
}

interface HealthSample {
  at: number;
  status: number | string;
  state?: string;
}

/** GET /health every quarter second, with the client timeout. */
function pollHealth(baseUrl: string) {
  const samples: HealthSample[] = [];
  let stopping = false;
  const done = (async () => {
    while (!stopping) {
      const at = performance.now();
      try {
        const response = await fetch(`${baseUrl}/health`, {
          signal: AbortSignal.timeout(clientTimeoutMs),
        });
        const body = (await response.json()) as { status?: string };
        samples.push({
          at,
          status: response.status,
          ...(body.status ? { state: body.status } : {}),
        });
      } catch (error) {
        samples.push({ at, status: error instanceof Error ? error.message : String(error) });
      }
      await sleep(healthEveryMs);
    }
  })();
  return {
    samples,
    stop: async () => {
      stopping = true;
      await done;
    },
  };
}

async function main() {
  const cleanups = new Cleanups();
  cleanups.runOnInterrupt();
  let failures: string[];
  try {
    failures = await run(cleanups);
  } finally {
    await cleanups.runAll();
  }
  if (failures.length > 0) {
    console.error(`\nDatabase-fault run FAILED:\n${failures.map((f) => `  - ${f}`).join('\n')}`);
    process.exit(1);
  }
  console.log('\nDatabase-fault run passed.');
}

async function run(cleanups: Cleanups): Promise<string[]> {
  const wallStart = performance.now();
  const cluster = await createCluster(cleanups);
  const admin = new pg.Client({ connectionString: cluster.url('postgres') });
  await admin.connect();
  await admin.query('create database tracker');
  await admin.end();
  const databaseUrl = cluster.url('tracker');
  const { fixture } = await prepareDatabase(databaseUrl, 1200);

  const server = await startServer({ cwd: repoRoot, databaseUrl });
  cleanups.add('stop the server', () => server.stop());
  console.log(`Server up on ${server.baseUrl} (pid ${server.pid}).`);
  const startedAt = await infoStartedAt(server.baseUrl);
  const cookies = {
    reader: await signIn(server.baseUrl, rpdEmail, demoPassword),
    writer: await signIn(server.baseUrl, hooWiganEmail, demoPassword),
  };
  const actionIds = await createActions(server.baseUrl, cookies.writer, fixture);

  let phase: Phase = 'before';
  const health = pollHealth(server.baseUrl);
  const load = startLoad(server.baseUrl, cookies, actionIds, () => phase);
  const timeline = await restartUnderLoad(cluster, server, health.samples, (p) => (phase = p));
  await sleep(steadyMs);
  await load.stop();
  await health.stop();

  const found = await countFound(databaseUrl, load.acknowledged, actionIds);
  const failures = report({ load, health: health.samples, timeline, found });
  failures.push(...(await checkSameProcess(server, startedAt)));
  console.log(`Whole run: ${seconds(performance.now() - wallStart)}.`);
  const logged = server.logSummary();
  if (logged.length > 0) console.log(`\nThe server logged:\n${logged.join('\n')}`);
  return failures;
}

async function createActions(baseUrl: string, writer: string, fixture: Fixture) {
  const ids: string[] = [];
  for (let i = 1; i <= workers; i++) {
    ids.push(await createWiganAction(baseUrl, writer, fixture, `Fault run: action ${i}`));
  }
  return ids;
}

interface Timeline {
  stopRequested: number;
  stopped: number;
  started: number;
  /** When /health first answered UP after the start; null if it did not within the deadline. */
  healthyAgain: number | null;
}

/** Steady load, then the cluster stopped, down a while, started, and /health awaited. */
async function restartUnderLoad(
  cluster: Cluster,
  server: BenchServer,
  health: HealthSample[],
  setPhase: (phase: Phase) => void,
): Promise<Timeline> {
  await sleep(steadyMs);
  setPhase('outage');
  const stopRequested = performance.now();
  console.log('Stopping the cluster (pg_ctl stop -m fast) under load ...');
  cluster.stop();
  const stopped = performance.now();
  await sleep(outageMs);
  console.log(`Starting it again after ${seconds(performance.now() - stopped)} down ...`);
  cluster.start();
  const started = performance.now();
  setPhase('after');
  let healthyAgain: number | null = null;
  while (healthyAgain === null && performance.now() - started < recoveryDeadlineMs) {
    await sleep(healthEveryMs);
    const up = health.find((sample) => sample.at >= started && sample.state === 'UP');
    if (up) healthyAgain = up.at;
    if (!server.alive()) break;
  }
  return { stopRequested, stopped, started, healthyAgain };
}

async function countFound(databaseUrl: string, acknowledged: string[], actionIds: string[]) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ found: number; stored: number }>(
      `select (select count(*)::int from progress_updates where id = any($1::uuid[])) as found,
              (select count(*)::int from progress_updates where action_id = any($2::uuid[])) as stored`,
      [acknowledged, actionIds],
    );
    return rows[0]!;
  } finally {
    await client.end();
  }
}

async function infoStartedAt(baseUrl: string): Promise<string> {
  const response = await fetch(`${baseUrl}/info`, { signal: AbortSignal.timeout(clientTimeoutMs) });
  return ((await response.json()) as { startedAt: string }).startedAt;
}

/** The process that served before the restart is the one serving after it. */
async function checkSameProcess(server: BenchServer, startedAt: string): Promise<string[]> {
  if (!server.alive()) {
    return [`the server process (pid ${server.pid}) died:\n${server.output().slice(-3000)}`];
  }
  const now = await infoStartedAt(server.baseUrl).catch((error: unknown) => String(error));
  if (now !== startedAt) {
    return [`/info says the server started at ${now}, not ${startedAt}: it was restarted`];
  }
  console.log(`The server process (pid ${server.pid}, started ${startedAt}) served throughout.`);
  return [];
}

function report(run: {
  load: ReturnType<typeof startLoad>;
  health: HealthSample[];
  timeline: Timeline;
  found: { found: number; stored: number };
}): string[] {
  const { load, health, timeline, found } = run;
  const failures: string[] = [];
  const phases: Phase[] = ['before', 'outage', 'after'];
  const tally = (answers: Answer[]) => ({
    requests: answers.length,
    ok: answers.filter((a) => a.outcome === 'ok').length,
    unavailable: answers.filter((a) => a.outcome === 'unavailable').length,
    other: answers.filter((a) => a.outcome === 'other').length,
    slowest: Math.max(0, ...answers.map((a) => a.ms)),
  });
  const rows = [...phases, 'all' as const].map((phase) => {
    const t = tally(phase === 'all' ? load.answers : load.answers.filter((a) => a.phase === phase));
    return [phase, t.requests, t.ok, t.unavailable, t.other, Math.round(t.slowest)].map(String);
  });
  console.log(
    `\nRequests by when they were sent (outage: from pg_ctl stop until pg_ctl start returned):\n\n` +
      table(['phase', 'requests', '2xx', '503 problem+json', 'other', 'slowest ms'], rows),
  );
  const all = tally(load.answers);
  const during = tally(load.answers.filter((a) => a.phase === 'outage'));
  const after = tally(load.answers.filter((a) => a.phase === 'after'));
  const down = health.filter(
    (s) => s.at >= timeline.stopped && s.at < timeline.started && s.status === 503,
  );
  const healthAfter = health.filter((s) => s.at >= timeline.started);
  const lastHealth = health.at(-1);
  const recoveredIn =
    timeline.healthyAgain === null ? null : timeline.healthyAgain - timeline.started;
  console.log(
    [
      '',
      `pg_ctl stop took ${seconds(timeline.stopped - timeline.stopRequested)}; down for ` +
        `${seconds(timeline.started - timeline.stopped)}.`,
      `/health: ${down.length} DOWN answers while stopped; UP again ` +
        `${recoveredIn === null ? 'never' : `${seconds(recoveredIn)} after the start`}; last: ` +
        `${lastHealth?.state ?? lastHealth?.status}.`,
      `Writes acknowledged (201): ${load.acknowledged.length}; found in the database afterwards: ` +
        `${found.found}. Progress updates stored on the run's actions: ${found.stored}; ` +
        `${found.stored - found.found} of them committed though their answer was a 503.`,
    ].join('\n'),
  );
  const details = new Map<string, number>();
  for (const answer of load.answers.filter((a) => a.detail)) {
    details.set(answer.detail!, (details.get(answer.detail!) ?? 0) + 1);
  }
  for (const [detail, count] of details) console.log(`  other: ${count} x ${detail}`);

  if (all.other > 0) failures.push(`${all.other} answers neither 2xx nor a 503 problem+json`);
  if (during.unavailable === 0) failures.push('no 503 during the outage: did it happen?');
  if (all.slowest >= clientTimeoutMs) failures.push('a request hung until the client timeout');
  if (down.length === 0) failures.push('/health never said DOWN (503) while the cluster was down');
  if (recoveredIn === null) failures.push(`/health not UP within ${seconds(recoveryDeadlineMs)}`);
  if (lastHealth?.state !== 'UP') failures.push('/health was not UP at the end');
  if (healthAfter.length === 0) failures.push('no /health answer after the restart');
  if (after.ok === 0) failures.push('no 2xx after the restart: service did not resume');
  if (found.found !== load.acknowledged.length) {
    failures.push(`${load.acknowledged.length - found.found} acknowledged writes are missing`);
  }
  return failures;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
