/**
 * `npm run bench -- [--actions 100000] [--duration 15] [--connections 32] [--keep]`
 *
 * Creates a database of its own on the PostgreSQL server of DATABASE_URL, migrates and seeds
 * it with the project's code, loads a national-scale data set with set-based SQL, starts the
 * real server on it and measures the main API requests with autocannon, one at a time. Prints
 * figures; asserts nothing. The database is dropped at the end, on failure and on Ctrl-C,
 * unless --keep.
 */
import os from 'node:os';
import path from 'node:path';

import autocannon, { type Instance, type Options, type Result } from 'autocannon';

import {
  Cleanups,
  type ScratchUrls,
  createScratchDatabase,
  createWiganAction,
  demoPassword,
  hooWiganEmail,
  nationalLeadEmail,
  megabytes,
  runOptions,
  prepareDatabase,
  rpdEmail,
  scratchDatabaseUrls,
  seconds,
  table,
} from './harness';
import { compareHotReads } from './hot-reads';
import {
  type BenchServer,
  cpuSecondsOf,
  cpuSecondsOfAll,
  sampleRss,
  signIn,
  startServer,
} from './server';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const warmupSeconds = 2;
const aloneRequests = 20;

function usage(message: string): never {
  console.error(`${message}

Usage: DATABASE_URL=postgres://user@host:5432/postgres npm run bench -- [options]
  --actions <n>       actions to load (default 100000; 10 progress updates each)
  --duration <s>      seconds per scenario (default 15)
  --connections <n>   concurrent connections (default 32)
  --keep              keep the bench database afterwards

The benchmark creates a database of its own (tracker_bench_<timestamp>) on that server, and
never touches the embedded database in DATA_DIR.`);
  process.exit(2);
}

function options() {
  return runOptions({ actions: 100000, duration: 15 }, usage);
}

interface Scenario {
  name: string;
  method: 'GET' | 'POST';
  path: string | (() => string);
  cookie: string;
  body?: string;
}

interface Measured {
  scenario: Scenario;
  result: Result;
  alone: Alone;
  peakRss: number;
  /** The host's 1-minute load average when the scenario ended: other work on the machine skews the figures. */
  load: number;
}

async function main() {
  const opts = options();
  const urls = scratchDatabaseUrls(process.env.DATABASE_URL, 'tracker_bench', usage);
  const cleanups = new Cleanups();
  let running = null as Instance | null;
  // On Ctrl-C, autocannon stops before the clean-up stops the server under it.
  process.once('SIGINT', () => running?.stop());
  cleanups.runOnInterrupt();
  try {
    await run(opts, urls, cleanups, (instance) => (running = instance));
  } finally {
    running?.stop();
    await cleanups.runAll();
  }
}

async function run(
  opts: ReturnType<typeof options>,
  urls: ScratchUrls,
  cleanups: Cleanups,
  setRunning: (instance: Instance | null) => void,
) {
  const wallStart = performance.now();
  const admin = await createScratchDatabase(urls, cleanups, opts.keep);
  const { rows: versionRows } = await admin.query<{ server_version: string }>(
    'show server_version',
  );
  console.log(
    `Benchmark: ${opts.actions.toLocaleString('en-GB')} actions, ${opts.connections} connections, ` +
      `${opts.duration} s per scenario. Node ${process.version}, ${os.cpus().length} CPUs, ` +
      `PostgreSQL ${versionRows[0]?.server_version}.`,
  );
  const { fixture, loadMs } = await prepareDatabase(urls.database, opts.actions);

  // The real server, on its own process.
  const started = performance.now();
  // BENCH_CPU_PROF_DIR=<dir>: the server writes a CPU profile there when it stops.
  const profileDir = process.env.BENCH_CPU_PROF_DIR;
  const server: BenchServer = await startServer({
    cwd: repoRoot,
    databaseUrl: urls.database,
    ...(profileDir && { nodeOptions: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] }),
  });
  cleanups.add('stop the server', () => server.stop());
  const rss = sampleRss(server.pid);
  cleanups.add('stop sampling', () => rss.stop());
  console.log(
    `Server up on ${server.baseUrl} (pid ${server.pid}) in ${seconds(performance.now() - started)}.`,
  );

  const runCannon = async (cannon: Options): Promise<Result> => {
    const instance = autocannon(cannon);
    setRunning(instance);
    try {
      return await instance;
    } finally {
      setRunning(null);
    }
  };

  const rpd = await signIn(server.baseUrl, rpdEmail, demoPassword);
  const hooWigan = await signIn(server.baseUrl, hooWiganEmail, demoPassword);
  const nationalLead = await signIn(server.baseUrl, nationalLeadEmail, demoPassword);
  const postTargets: string[] = [];
  for (let i = 0; i < opts.connections; i++) {
    postTargets.push(
      await createWiganAction(server.baseUrl, hooWigan, fixture, `Benchmark action ${i + 1}`),
    );
  }
  let nextTarget = 0;

  const update = JSON.stringify({ narrative: 'bench' });
  const scenarios: Scenario[] = [
    {
      name: 'action list: Wigan, in progress, 50',
      method: 'GET',
      path: `/api/v1/actions?owningUnitId=${fixture.wiganId}&status=in_progress&limit=50`,
      cookie: rpd,
    },
    {
      name: 'action list: GM plan by due date, 50',
      method: 'GET',
      path: `/api/v1/actions?inspectionId=${fixture.gmInspectionId}&sort=dueDate&limit=50`,
      cookie: rpd,
    },
    {
      name: 'one action',
      method: 'GET',
      path: `/api/v1/actions/${fixture.wiganActionId}`,
      cookie: rpd,
    },
    {
      name: 'dashboard summary (GM plan)',
      method: 'GET',
      path: `/api/v1/action-plans/${fixture.gmPlanId}/summary`,
      cookie: rpd,
    },
    // The national roll-up over every region, from the maintained figures (issue 14 item 5).
    {
      name: 'roll-up: national lead, by region',
      method: 'GET',
      path: '/api/v1/roll-up?groupBy=region',
      cookie: nationalLead,
    },
    {
      name: 'roll-up: national lead, by theme, overdue',
      method: 'GET',
      path: '/api/v1/roll-up?groupBy=theme&overdue=true',
      cookie: nationalLead,
    },
    {
      name: 'roll-up: region lead, by PDU',
      method: 'GET',
      path: '/api/v1/roll-up?groupBy=pdu',
      cookie: rpd,
    },
    {
      name: 'post an update (one action)',
      method: 'POST',
      path: `/api/v1/actions/${postTargets[0]}/updates`,
      cookie: hooWigan,
      body: update,
    },
    {
      name: `post an update (${opts.connections} actions)`,
      method: 'POST',
      path: () => `/api/v1/actions/${postTargets[nextTarget++ % postTargets.length]}/updates`,
      cookie: hooWigan,
      body: update,
    },
  ];

  // BENCH_ONLY=<text>: measure only the scenarios whose names contain it, and skip the
  // comparisons after them (a quick look at one request at full scale).
  const only = process.env.BENCH_ONLY;
  if (only)
    scenarios.splice(0, scenarios.length, ...scenarios.filter((s) => s.name.includes(only)));
  const measured: Measured[] = [];
  const loadBefore = os.loadavg()[0]!;
  const backends = async () =>
    (
      await admin.query<{ pid: number }>(
        'select pid from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
        [urls.name],
      )
    ).rows.map((row) => row.pid);
  for (const scenario of scenarios) {
    await check(server.baseUrl, scenario);
    process.stdout.write(`Measuring ${scenario.name} ... `);
    await runCannon(cannonOptions(server.baseUrl, scenario, opts.connections, warmupSeconds));
    await settle(server.baseUrl);
    const alone = await oneAtATime(server, scenario, backends);
    rss.mark();
    const result = await runCannon(
      cannonOptions(server.baseUrl, scenario, opts.connections, opts.duration),
    );
    measured.push({ scenario, result, alone, peakRss: rss.mark(), load: os.loadavg()[0]! });
    console.log(`${Math.round(result.requests.average)} req/s`);
    // Requests still queued in the server when autocannon stops must not slow the next scenario.
    await settle(server.baseUrl);
  }

  console.log(
    `\nResults: ${opts.actions.toLocaleString('en-GB')} actions, ` +
      `${fixture.counts['progress updates']!.toLocaleString('en-GB')} progress updates ` +
      `(Greater Manchester: ${fixture.counts['Greater Manchester actions']!.toLocaleString('en-GB')} actions); ` +
      `${opts.connections} connections, ${opts.duration} s each after a ${warmupSeconds} s warm-up.\n`,
  );
  const figure = (value: number | null) => (value === null ? 'n/a' : value.toFixed(1));
  console.log(
    table(
      [
        'scenario',
        'requests/s',
        'p50 ms',
        'p99 ms',
        'requests',
        'non-2xx',
        'errors',
        'alone ms',
        'server CPU ms/req',
        'DB CPU ms/req',
        'server RSS',
        'host load',
      ],
      measured.map((row) => [
        row.scenario.name,
        row.result.requests.average.toFixed(row.result.requests.average < 10 ? 1 : 0),
        String(row.result.latency.p50),
        String(row.result.latency.p99),
        String(row.result['2xx'] + row.result.non2xx),
        String(row.result.non2xx),
        String(row.result.errors + row.result.timeouts),
        figure(row.alone.ms),
        figure(row.alone.serverCpuMs),
        figure(row.alone.dbCpuMs),
        megabytes(row.peakRss),
        row.load.toFixed(1),
      ]),
    ),
  );
  console.log(
    [
      '',
      `alone ms: the median time of ${aloneRequests} requests sent one at a time after the warm-up;`,
      'server CPU ms/req and DB CPU ms/req: the CPU time those requests took in the server process',
      'and in the PostgreSQL backends of the bench database (n/a where /proc cannot show them,',
      'e.g. PostgreSQL on another host). These three depend far less on other work on the machine',
      'than requests/s and the latencies under load do. host load: the 1-minute load average on',
      `${os.cpus().length} CPUs when the scenario ended (${loadBefore.toFixed(1)} before the first).`,
      '',
      `Peak server RSS over the run: ${megabytes(rss.peak())}.`,
      `Data load: ${seconds(loadMs)}; whole run: ${seconds(performance.now() - wallStart)}.`,
    ].join('\n'),
  );
  console.log('');
  if (only) return;
  await compareHotReads({
    service: server,
    databaseUrl: urls.database,
    fixture,
    cookie: rpd,
    connections: opts.connections,
    duration: opts.duration,
    backends,
    markRss: () => rss.mark(),
    addCleanup: (what, cleanup) => cleanups.add(what, cleanup),
  });
  await dashboardAtATenth(opts, cleanups, runCannon, {
    server,
    cookie: rpd,
    planId: fixture.gmPlanId,
    backends,
  });
  const logged = server.logSummary();
  if (logged.length > 0) console.log(`\nThe server logged:\n${logged.join('\n')}`);
}

/**
 * The dashboard's cost must not grow with the data (issue 12, goal 4): the same summary on a
 * data set a tenth the size, in a database and server of its own, measured in turns with the
 * full set's so both meet the same load on the machine. Prints p99s and their ratio.
 */
async function dashboardAtATenth(
  opts: ReturnType<typeof options>,
  cleanups: Cleanups,
  runCannon: (cannon: Options) => Promise<Result>,
  full: { server: BenchServer; cookie: string; planId: string; backends: () => Promise<number[]> },
) {
  const actions = Math.round(opts.actions / 10);
  console.log(
    `\nThe dashboard at ${actions.toLocaleString('en-GB')} actions, beside the full set:`,
  );
  const urls = scratchDatabaseUrls(process.env.DATABASE_URL, 'tracker_bench_tenth', usage);
  const admin = await createScratchDatabase(urls, cleanups, opts.keep);
  const { fixture } = await prepareDatabase(urls.database, actions);
  const server = await startServer({ cwd: repoRoot, databaseUrl: urls.database });
  cleanups.add('stop the server of the tenth', () => server.stop());
  const small = {
    server,
    cookie: await signIn(server.baseUrl, rpdEmail, demoPassword),
    planId: fixture.gmPlanId,
    backends: async () =>
      (
        await admin.query<{ pid: number }>(
          'select pid from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
          [urls.name],
        )
      ).rows.map((row) => row.pid),
  };
  const sets = [
    { label: `${actions.toLocaleString('en-GB')} actions`, ...small },
    { label: `${opts.actions.toLocaleString('en-GB')} actions`, ...full },
  ];
  const rows: string[][] = [];
  const p99s = new Map<string, number[]>();
  for (const round of [1, 2]) {
    for (const set of sets) {
      const scenario: Scenario = {
        name: `dashboard, ${set.label}`,
        method: 'GET',
        path: `/api/v1/action-plans/${set.planId}/summary`,
        cookie: set.cookie,
      };
      const baseUrl = set.server.baseUrl;
      await check(baseUrl, scenario);
      await runCannon(cannonOptions(baseUrl, scenario, opts.connections, warmupSeconds));
      await settle(baseUrl);
      const alone = await oneAtATime(set.server, scenario, set.backends);
      const result = await runCannon(
        cannonOptions(baseUrl, scenario, opts.connections, opts.duration),
      );
      await settle(baseUrl);
      p99s.set(set.label, [...(p99s.get(set.label) ?? []), result.latency.p99]);
      rows.push([
        `${scenario.name} (round ${round})`,
        result.requests.average.toFixed(0),
        String(result.latency.p50),
        String(result.latency.p99),
        String(result.non2xx + result.errors + result.timeouts),
        alone.ms.toFixed(1),
        alone.serverCpuMs?.toFixed(1) ?? 'n/a',
        alone.dbCpuMs?.toFixed(1) ?? 'n/a',
        os.loadavg()[0]!.toFixed(1),
      ]);
    }
  }
  console.log(
    table(
      [
        'scenario',
        'requests/s',
        'p50 ms',
        'p99 ms',
        'failed',
        'alone ms',
        'server CPU ms/req',
        'DB CPU ms/req',
        'host load',
      ],
      rows,
    ),
  );
  const [smallP99, fullP99] = sets.map((set) => p99s.get(set.label)!);
  const ratios = smallP99!.map((p99, round) => (fullP99![round]! / p99).toFixed(2));
  console.log(
    `Dashboard p99 at ${sets[1]!.label} / at ${sets[0]!.label}, per round: ${ratios.join(', ')} (goal: at most 1.5).`,
  );
}

interface Alone {
  /** Median time of one request with nothing else running. */
  ms: number;
  /** CPU milliseconds per request in the server process; null where /proc cannot show it. */
  serverCpuMs: number | null;
  /** CPU milliseconds per request in the PostgreSQL backends of the bench database. */
  dbCpuMs: number | null;
}

/** Requests sent one at a time: their median time and the CPU each took, in the server and in PostgreSQL. */
async function oneAtATime(
  server: BenchServer,
  scenario: Scenario,
  backends: () => Promise<number[]>,
): Promise<Alone> {
  const serverBefore = cpuSecondsOf(server.pid);
  const dbBefore = cpuSecondsOfAll(await backends());
  const times: number[] = [];
  for (let i = 0; i < aloneRequests; i++) {
    const started = performance.now();
    await check(server.baseUrl, scenario);
    times.push(performance.now() - started);
  }
  const serverAfter = cpuSecondsOf(server.pid);
  const dbAfter = cpuSecondsOfAll(await backends());
  let dbSeconds: number | null = null;
  for (const [pid, after] of dbAfter) {
    dbSeconds = (dbSeconds ?? 0) + after - (dbBefore.get(pid) ?? 0);
  }
  const perRequest = (seconds: number | null) =>
    seconds === null ? null : (seconds * 1000) / aloneRequests;
  times.sort((a, b) => a - b);
  return {
    ms: times[Math.floor(times.length / 2)]!,
    serverCpuMs: perRequest(
      serverBefore === null || serverAfter === null ? null : serverAfter - serverBefore,
    ),
    dbCpuMs: perRequest(dbSeconds),
  };
}

/**
 * Waits until the server has worked through requests still queued from a finished run
 * (autocannon closes its connections, but the server finishes what it had started): until
 * /health answers 200 within a quarter of a second.
 */
async function settle(baseUrl: string) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const started = performance.now();
    try {
      const response = await fetch(`${baseUrl}/health`);
      await response.arrayBuffer();
      if (response.status === 200 && performance.now() - started < 250) return;
    } catch {
      // Not answering yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error('The server did not settle within 120 s after a run.');
}

/** One request first, so a wrong path or a refusal stops the run with its answer. */
async function check(baseUrl: string, scenario: Scenario) {
  const target = typeof scenario.path === 'function' ? scenario.path() : scenario.path;
  const response = await fetch(`${baseUrl}${target}`, {
    method: scenario.method,
    headers: {
      cookie: scenario.cookie,
      ...(scenario.body ? { 'content-type': 'application/json' } : {}),
    },
    body: scenario.body ?? null,
  });
  if (response.status >= 300) {
    throw new Error(
      `${scenario.name}: ${scenario.method} ${target} answered ${response.status}: ${await response.text()}`,
    );
  }
  await response.arrayBuffer();
}

function cannonOptions(
  baseUrl: string,
  scenario: Scenario,
  connections: number,
  duration: number,
): Options {
  // No Origin or Sec-Fetch-Site: a server-to-server client is judged by its credentials.
  const headers: Record<string, string> = { cookie: scenario.cookie };
  if (scenario.body) headers['content-type'] = 'application/json';
  const { path: target } = scenario;
  return {
    url: baseUrl,
    connections,
    duration,
    timeout: 30,
    requests: [
      {
        method: scenario.method,
        path: typeof target === 'function' ? target() : target,
        headers,
        ...(scenario.body ? { body: scenario.body } : {}),
        ...(typeof target === 'function'
          ? { setupRequest: (request) => ({ ...request, path: target() }) }
          : {}),
      },
    ],
  };
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
