import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';

import { buildServer } from '@tracker/server/build.mjs';

export interface BenchServer {
  baseUrl: string;
  pid: number;
  /** The tail of what the server printed (LOG_LEVEL=warn: warnings and errors only). */
  output: () => string;
  /** Every line the server printed, one per distinct message with its count. */
  logSummary: () => string[];
  /** False once the process has exited, however it ended. */
  alive: () => boolean;
  stop: () => Promise<void>;
}

/** Asks the operating system for a port nobody is using. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('Could not find a free port.'));
      });
    });
  });
}

/**
 * Starts the real server as production runs it (the bundle `node server/dist/main.js`, built
 * first; one process, so its RSS is the server's), or another TypeScript `script` such as the
 * bare handler (through tsx), on the bench database, and waits until /health answers 200.
 */
export async function startServer(options: {
  cwd: string;
  databaseUrl: string;
  env?: Record<string, string>;
  script?: string;
  /** Options for node itself, e.g. `--cpu-prof`. */
  nodeOptions?: string[];
}): Promise<BenchServer> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const command = options.script
    ? ['--import', 'tsx', options.script]
    : ['--enable-source-maps', await buildServer()];
  const child = spawn(process.execPath, [...(options.nodeOptions ?? []), ...command], {
    cwd: options.cwd,
    env: {
      ...process.env,
      DATABASE_URL: options.databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      NODE_ENV: 'test',
      RATE_LIMIT_PER_MINUTE: '0',
      LOG_LEVEL: 'warn',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  let partial = '';
  const counts = new Map<string, number>();
  const append = (chunk: Buffer) => {
    // Keep the tail only: a warning per request would otherwise fill memory.
    log = (log + chunk.toString()).slice(-20_000);
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop()!;
    for (const line of lines) {
      if (!line.trim()) continue;
      const key = logKey(line);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  };
  child.stdout.on('data', append);
  child.stderr.on('data', append);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  };

  const deadline = Date.now() + 120_000;
  let lastProblem = 'no answer yet';
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`The server exited with code ${child.exitCode}:\n${log}`);
    }
    try {
      const response = await fetch(`${baseUrl}/health`);
      if (response.status === 200) break;
      lastProblem = `GET /health answered ${response.status}`;
    } catch (error) {
      lastProblem = error instanceof Error ? error.message : String(error);
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`The server was not healthy within 120 s (${lastProblem}):\n${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const logSummary = () =>
    [...counts].map(([key, count]) => `${String(count).padStart(6)} x ${key}`);
  const alive = () => child.exitCode === null && child.signalCode === null;
  return { baseUrl, pid: child.pid!, output: () => log, logSummary, alive, stop };
}

/** Resident set size of a process in bytes, from /proc where there is one, else from ps. */
export function rssOf(pid: number): number | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    if (match) return Number(match[1]) * 1024;
  } catch {
    // No /proc (macOS): ask ps.
  }
  try {
    const kilobytes = Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)]).toString());
    return Number.isFinite(kilobytes) && kilobytes > 0 ? kilobytes * 1024 : null;
  } catch {
    return null;
  }
}

/** Samples a process's RSS every second; `peak()` since the start, `mark()` starts a new window. */
export function sampleRss(pid: number) {
  let peak = 0;
  let windowPeak = 0;
  const take = () => {
    const rss = rssOf(pid);
    if (rss === null) return;
    peak = Math.max(peak, rss);
    windowPeak = Math.max(windowPeak, rss);
  };
  take();
  const timer = setInterval(take, 1000);
  timer.unref();
  return {
    peak: () => peak,
    /** The peak since the last mark, and a new window from now. */
    mark: () => {
      take();
      const value = windowPeak;
      windowPeak = 0;
      return value;
    },
    stop: () => clearInterval(timer),
  };
}

/** Signs in and returns the Cookie header value (`__Host-session=...`); the caller sends it itself. */
export async function signIn(baseUrl: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (response.status !== 200) {
    throw new Error(`Signing in as ${email} answered ${response.status}: ${await response.text()}`);
  }
  const cookie = response.headers
    .getSetCookie()
    .map((header) => header.split(';')[0]!)
    .find((pair) => /^(__Host-)?session=/.test(pair));
  if (!cookie) throw new Error(`Signing in as ${email} set no session cookie.`);
  return cookie;
}

const clockTicksPerSecond = 100;

/**
 * CPU seconds (user + system) a process has used, from /proc/<pid>/stat; null where there is
 * no /proc or the process is gone. Linux reports in clock ticks, 100 a second on every
 * mainstream kernel.
 */
export function cpuSecondsOf(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name, in parentheses, may hold spaces: count fields after its closing bracket.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const user = Number(fields[11]);
    const system = Number(fields[12]);
    return Number.isFinite(user + system) ? (user + system) / clockTicksPerSecond : null;
  } catch {
    return null;
  }
}

/** CPU seconds of each process that can be read (those of another host cannot). */
export function cpuSecondsOfAll(pids: number[]): Map<number, number> {
  const seconds = new Map<number, number>();
  for (const pid of pids) {
    const value = cpuSecondsOf(pid);
    if (value !== null) seconds.set(pid, value);
  }
  return seconds;
}

/** One log line reduced to its level, message and the last line of its error. */
function logKey(line: string): string {
  try {
    const entry = JSON.parse(line) as { level?: number; msg?: string; err?: { message?: string } };
    const cause = entry.err?.message?.trim().split('\n').at(-1)?.slice(-160);
    return `level ${entry.level ?? '?'}: ${entry.msg ?? ''}${cause ? ` (${cause})` : ''}`;
  } catch {
    return line.slice(0, 200);
  }
}
