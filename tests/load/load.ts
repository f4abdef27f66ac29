/**
 * `npm run load -- [--duration 60] [--connections 32] [--actions 12000] [--instances 1] [--keep]`
 *
 * A mixed workload against the real server, as a separate process, on a database of its own
 * on the PostgreSQL server of DATABASE_URL: reads of recommendations and actions, list
 * filters, the dashboard summary, action edits with If-Match, progress updates and evidence
 * uploads, from autocannon's connections for a set time, spread over `--instances` server
 * processes on the one database. Prints throughput, p50/p99 per kind of request and each
 * server's peak RSS, and exits 1 on any error or non-2xx answer, or when
 * an acknowledged write is missing from the database afterwards.
 */
import os from 'node:os';
import path from 'node:path';

import { samples } from '@tracker/server/src/evidence/test-files';
import autocannon, { type Instance, type RequestOptions, type Result } from 'autocannon';
import pg from 'pg';

import type { Fixture } from './dataset';
import {
  Cleanups,
  type ScratchUrls,
  createScratchDatabase,
  createWiganAction,
  demoPassword,
  hooWiganEmail,
  megabytes,
  percentile,
  runOptions,
  prepareDatabase,
  rpdEmail,
  scratchDatabaseUrls,
  seconds,
  table,
} from './harness';
import { sampleRss, signIn, startServer } from './server';

const repoRoot = path.resolve(import.meta.dirname, '../..');
/** Past this an answer counts as an error (autocannon's timeout), not as a slow one. */
const requestTimeoutSeconds = 10;
const rateLimitNeverReached = 1_000_000_000;

function usage(message: string): never {
  console.error(`${message}

Usage: DATABASE_URL=postgres://user@host:5432/postgres npm run load -- [options]
  --duration <s>      seconds of load (default 60)
  --connections <n>   concurrent connections (default 32)
  --actions <n>       national-scale actions to load first (default 12000)
  --instances <n>     server processes on the one database, connections spread over them
                      (default 1)
  --keep              keep the load database afterwards

It creates a database of its own (tracker_load_<timestamp>) on that server, drops it at the
end, and never touches the embedded database in DATA_DIR.`);
  process.exit(2);
}

function options() {
  return runOptions({ actions: 12000, duration: 60 }, usage);
}

type Options = ReturnType<typeof options>;

async function main() {
  const opts = options();
  const urls = scratchDatabaseUrls(process.env.DATABASE_URL, 'tracker_load', usage);
  const cleanups = new Cleanups();
  let running = null as Instance | null;
  // On Ctrl-C, autocannon stops before the clean-up stops the server under it.
  process.once('SIGINT', () => running?.stop());
  cleanups.runOnInterrupt();
  let failures: string[];
  try {
    failures = await run(opts, urls, cleanups, (instance) => (running = instance));
  } finally {
    running?.stop();
    await cleanups.runAll();
  }
  if (failures.length > 0) {
    console.error(`\nLoad run FAILED:\n${failures.map((f) => `  - ${f}`).join('\n')}`);
    process.exit(1);
  }
  console.log('\nLoad run passed: no errors, no non-2xx answers, every acknowledged write kept.');
}

async function run(
  opts: Options,
  urls: ScratchUrls,
  cleanups: Cleanups,
  setRunning: (instance: Instance | null) => void,
): Promise<string[]> {
  const wallStart = performance.now();
  const admin = await createScratchDatabase(urls, cleanups, opts.keep);
  const { rows } = await admin.query<{ server_version: string }>('show server_version');
  console.log(
    `Load: ${opts.connections} connections for ${opts.duration} s on ` +
      `${opts.actions.toLocaleString('en-GB')} actions. Node ${process.version}, ` +
      `${os.cpus().length} CPUs, PostgreSQL ${rows[0]?.server_version}.`,
  );
  const { fixture } = await prepareDatabase(urls.database, opts.actions);

  const started = performance.now();
  const servers = await Promise.all(
    Array.from({ length: opts.instances }, async () => {
      const server = await startServer({
        cwd: repoRoot,
        databaseUrl: urls.database,
        // Counting as production does (on PostgreSQL: shared by the instances), at a limit
        // the run never reaches.
        env: { RATE_LIMIT_PER_MINUTE: String(rateLimitNeverReached) },
      });
      cleanups.add('stop a server', () => server.stop());
      return server;
    }),
  );
  const rssOfEach = servers.map((server) => sampleRss(server.pid));
  cleanups.add('stop sampling', () => rssOfEach.forEach((rss) => rss.stop()));
  for (const server of servers) console.log(`Server up on ${server.baseUrl} (pid ${server.pid}).`);
  console.log(
    `${servers.length} server(s) up in ${seconds(performance.now() - started)}; ` +
      'connections take them in turn.',
  );

  // Sessions live in the database: signed in on one instance, a connection is on every one.
  const targets = await createTargets(servers[0]!.baseUrl, fixture, opts.connections);
  const load = workload(fixture, targets);
  const instance = autocannon({
    url: servers.map((server) => server.baseUrl),
    connections: opts.connections,
    duration: opts.duration,
    timeout: requestTimeoutSeconds,
    requests: load.requests,
  });
  setRunning(instance);
  instance.on('response', (_client, status, _bytes, ms) => load.record(status, ms));
  console.log(`Running the mixed workload for ${opts.duration} s ...`);
  const result = await instance;
  setRunning(null);

  const kept = await keptWrites(urls.database, targets.updates);
  const failures = report(
    opts,
    result,
    load.stats,
    kept,
    rssOfEach.map((rss) => rss.peak()),
  );
  console.log(`Whole run: ${seconds(performance.now() - wallStart)}.`);
  for (const server of servers) {
    const logged = server.logSummary();
    if (logged.length > 0) console.log(`\nServer ${server.pid} logged:\n${logged.join('\n')}`);
  }
  return failures;
}

interface Targets {
  reader: string;
  writer: string;
  /** Actions only edited (PATCH), each by one connection at a time: two per connection. */
  edits: string[];
  /** Actions that receive progress updates and evidence, shared by every connection. */
  updates: string[];
}

async function createTargets(
  baseUrl: string,
  fixture: Fixture,
  connections: number,
): Promise<Targets> {
  const reader = await signIn(baseUrl, rpdEmail, demoPassword);
  const writer = await signIn(baseUrl, hooWiganEmail, demoPassword);
  const create = (title: string) => createWiganAction(baseUrl, writer, fixture, title);
  const edits: string[] = [];
  for (let i = 1; i <= connections * 2; i++) edits.push(await create(`Load: edited ${i}`));
  const updates: string[] = [];
  for (let i = 1; i <= connections; i++) updates.push(await create(`Load: updated ${i}`));
  return { reader, writer, edits, updates };
}

const kinds = [
  'recommendation list',
  'one recommendation',
  'action list: Wigan, in progress',
  'action list: GM plan by due date',
  'dashboard summary',
  'one action (ETag)',
  'action PATCH (If-Match)',
  'progress update POST',
  'evidence upload (multipart)',
] as const;
type Kind = (typeof kinds)[number];

interface KindStats {
  latencies: number[];
  statuses: Map<number, number>;
  /** The first body of each non-2xx status, to say what went wrong. */
  samples: Map<number, string>;
}

/**
 * The requests each connection sends in turn. An edit must not meet another connection's
 * edit of the same action (that is a 412, as it should be), and progress updates raise the
 * revision too: so each connection leases an action of its own from `edits`, reads its ETag
 * and changes it with If-Match, and returns it; updates and evidence go to other actions.
 */
function workload(fixture: Fixture, targets: Targets) {
  const stats = new Map<Kind | 'unattributed', KindStats>();
  const statsOf = (kind: Kind | 'unattributed') => {
    let entry = stats.get(kind);
    if (!entry)
      stats.set(kind, (entry = { latencies: [], statuses: new Map(), samples: new Map() }));
    return entry;
  };
  // autocannon calls a request's onResponse and then emits 'response' for the same answer
  // synchronously: this carries the kind from one to the other.
  let answered: Kind | null = null;
  const request = (kind: Kind, options: RequestOptions): RequestOptions => ({
    ...options,
    onResponse: (status, body, context, headers) => {
      answered = kind;
      const entry = statsOf(kind);
      if (status >= 300 && !entry.samples.has(status))
        entry.samples.set(status, body.slice(0, 300));
      options.onResponse?.(status, body, context, headers);
    },
  });
  const record = (status: number, ms: number) => {
    const entry = statsOf(answered ?? 'unattributed');
    answered = null;
    entry.latencies.push(ms);
    entry.statuses.set(status, (entry.statuses.get(status) ?? 0) + 1);
  };

  const free = [...targets.edits];
  let nextUpdate = 0;
  let edits = 0;
  const reader = { cookie: targets.reader };
  const writer = { cookie: targets.writer };
  const json = { ...writer, 'content-type': 'application/json' };
  const uploads = [
    multipart('minutes.pdf', 'application/pdf', samples.pdf),
    multipart('audit.txt', 'text/plain', Buffer.from('Case audit: 20 cases read, 17 met.\n')),
  ];

  const requests: RequestOptions[] = [
    // The first request is built once for every connection: it must not depend on context.
    request('recommendation list', {
      method: 'GET',
      path: `/api/v1/recommendations?inspectionId=${fixture.gmInspectionId}`,
      headers: reader,
    }),
    request('action list: Wigan, in progress', {
      method: 'GET',
      path: `/api/v1/actions?owningUnitId=${fixture.wiganId}&status=in_progress&limit=50`,
      headers: reader,
    }),
    request('one action (ETag)', {
      method: 'GET',
      headers: writer,
      setupRequest: (req, context) => {
        // More actions than connections, and each is returned after its edit: never empty.
        context.lease = free.pop();
        return { ...req, path: `/api/v1/actions/${String(context.lease)}` };
      },
      onResponse: (_status, _body, context, headers) => {
        context.etag = headers.etag ?? headers.ETag;
      },
    }),
    request('action PATCH (If-Match)', {
      method: 'PATCH',
      setupRequest: (req, context) => ({
        ...req,
        path: `/api/v1/actions/${String(context.lease)}`,
        headers: { ...json, 'if-match': String(context.etag) },
        body: JSON.stringify({ description: `Edited under load (${++edits})` }),
      }),
      onResponse: (_status, _body, context) => {
        if (typeof context.lease === 'string') free.unshift(context.lease);
        context.lease = undefined;
      },
    }),
    request('dashboard summary', {
      method: 'GET',
      path: `/api/v1/action-plans/${fixture.gmPlanId}/summary`,
      headers: reader,
    }),
    request('one recommendation', {
      method: 'GET',
      path: `/api/v1/recommendations/${fixture.wiganRecommendationId}`,
      headers: reader,
    }),
    request('progress update POST', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ narrative: 'Load: audits done, findings shared.' }),
      setupRequest: (req) => ({
        ...req,
        path: `/api/v1/actions/${targets.updates[nextUpdate++ % targets.updates.length]}/updates`,
      }),
    }),
    request('action list: GM plan by due date', {
      method: 'GET',
      path: `/api/v1/actions?inspectionId=${fixture.gmInspectionId}&sort=dueDate&limit=50`,
      headers: reader,
    }),
    request('evidence upload (multipart)', {
      method: 'POST',
      setupRequest: (req) => {
        const upload = uploads[nextUpdate % uploads.length]!;
        return {
          ...req,
          path: `/api/v1/actions/${targets.updates[nextUpdate++ % targets.updates.length]}/evidence`,
          headers: { ...writer, 'content-type': upload.contentType },
          body: upload.body,
        };
      },
    }),
  ];
  return { requests, record, stats };
}

/** A multipart/form-data evidence form: a title and one file. */
function multipart(fileName: string, mediaType: string, content: Buffer) {
  const boundary = `tracker-load-${fileName.replace(/\W/g, '')}`;
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\nLoad: ${fileName}\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\n` +
        `Content-Type: ${mediaType}\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

interface Kept {
  progressUpdates: number;
  evidence: number;
}

/**
 * Rows on the update targets once the server has finished what was in flight when
 * autocannon stopped (counted until two readings a second apart agree).
 */
async function keptWrites(databaseUrl: string, actionIds: string[]): Promise<Kept> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const count = async (): Promise<Kept> => {
      const { rows } = await client.query<{ updates: number; evidence: number }>(
        `select (select count(*)::int from progress_updates where action_id = any($1::uuid[])) as updates,
                (select count(*)::int from evidence where action_id = any($1::uuid[])) as evidence`,
        [actionIds],
      );
      return { progressUpdates: rows[0]!.updates, evidence: rows[0]!.evidence };
    };
    let before = await count();
    for (let i = 0; i < 30; i++) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const now = await count();
      if (now.progressUpdates === before.progressUpdates && now.evidence === before.evidence) break;
      before = now;
    }
    return before;
  } finally {
    await client.end();
  }
}

/** Prints the figures; returns what failed. */
function report(
  opts: Options,
  result: Result,
  stats: Map<Kind | 'unattributed', KindStats>,
  kept: Kept,
  peakRssOfEach: number[],
): string[] {
  const failures: string[] = [];
  const count = (entry: KindStats | undefined, test: (status: number) => boolean) =>
    [...(entry?.statuses ?? [])].reduce((sum, [status, n]) => sum + (test(status) ? n : 0), 0);
  const ok = (status: number) => status >= 200 && status < 300;
  const rows: string[][] = [];
  let all: number[] = [];
  for (const kind of [...kinds, 'unattributed' as const]) {
    const entry = stats.get(kind);
    if (!entry) continue;
    const sorted = entry.latencies.sort((a, b) => a - b);
    all = all.concat(sorted);
    rows.push([
      kind,
      String(sorted.length),
      (sorted.length / result.duration).toFixed(1),
      percentile(sorted, 0.5).toFixed(1),
      percentile(sorted, 0.99).toFixed(1),
      String(count(entry, ok)),
      String(count(entry, (s) => s === 412)),
      String(count(entry, (s) => !ok(s) && s !== 412)),
    ]);
  }
  all.sort((a, b) => a - b);
  rows.push([
    'all',
    String(all.length),
    (all.length / result.duration).toFixed(1),
    percentile(all, 0.5).toFixed(1),
    percentile(all, 0.99).toFixed(1),
    String(result['2xx']),
    String(result.statusCodeStats['412']?.count ?? 0),
    String(result.non2xx - (result.statusCodeStats['412']?.count ?? 0)),
  ]);
  console.log(
    `\nResults: ${opts.connections} connections, ${result.duration.toFixed(1)} s.\n\n` +
      table(
        ['request', 'answers', 'per s', 'p50 ms', 'p99 ms', '2xx', '412', 'other non-2xx'],
        rows,
      ),
  );

  const preconditionFailed = result.statusCodeStats['412']?.count ?? 0;
  const otherNon2xx = result.non2xx - preconditionFailed;
  const acknowledged = {
    progressUpdates: count(stats.get('progress update POST'), (s) => s === 201),
    evidence: count(stats.get('evidence upload (multipart)'), (s) => s === 201),
  };
  console.log(
    [
      '',
      `Throughput: ${(all.length / result.duration).toFixed(0)} answers/s; ` +
        `errors (connection errors, timeouts past ${requestTimeoutSeconds} s): ${result.errors + result.timeouts}; ` +
        `non-2xx: ${otherNon2xx}, besides ${preconditionFailed} x 412.`,
      '412 is the right answer to an edit based on a stale ETag. Here each connection edits an',
      'action no other connection is editing, right after reading its ETag, and progress updates',
      'and evidence go to other actions: so a 412 means a revision changed that nobody changed.',
      `Writes acknowledged (201) / found in the database: progress updates ` +
        `${acknowledged.progressUpdates} / ${kept.progressUpdates}, evidence ` +
        `${acknowledged.evidence} / ${kept.evidence} (up to ${opts.connections} more may be found: ` +
        'those in flight when the run stopped).',
      `Peak server RSS: ${peakRssOfEach.map(megabytes).join(', ')}.`,
    ].join('\n'),
  );
  for (const [kind, entry] of stats) {
    for (const [status, body] of entry.samples) console.log(`  ${kind}, ${status}: ${body}`);
  }

  if (result.errors + result.timeouts > 0) {
    failures.push(`${result.errors} errors and ${result.timeouts} timeouts`);
  }
  if (otherNon2xx > 0) failures.push(`${otherNon2xx} non-2xx answers besides 412`);
  if (preconditionFailed > 0) failures.push(`${preconditionFailed} unexpected 412 answers`);
  if (stats.has('unattributed')) failures.push('answers that matched no request kind');
  for (const key of ['progressUpdates', 'evidence'] as const) {
    const extra = kept[key] - acknowledged[key];
    if (extra < 0 || extra > opts.connections) {
      failures.push(`${key}: ${acknowledged[key]} acknowledged but ${kept[key]} in the database`);
    }
  }
  if (all.length === 0) failures.push('no answers at all');
  return failures;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
