import { spawn } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';

import { serverBundle } from '@tracker/server/build.mjs';

export const repoRoot = path.resolve(import.meta.dirname, '../..');

/** One pino line as the server prints it. */
export interface LogEntry {
  msg?: string;
  reqId?: string;
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ServerProcess {
  port: number;
  /** Resolves with the first line (printed already or later) that `matches`. */
  waitForLog(matches: (entry: LogEntry) => boolean, what: string): Promise<LogEntry>;
  signal(name: NodeJS.Signals): void;
  exited: Promise<Exit>;
  output(): string;
}

/**
 * The real server as production runs it (`node server/dist/main.js`, built by the test run's
 * global set-up; one process, so a signal reaches the server itself), logging at info so tests
 * can see each request arrive.
 */
export function spawnServer(port: number, env: Record<string, string>): ServerProcess {
  const child = spawn(process.execPath, ['--enable-source-maps', serverBundle], {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      RATE_LIMIT_PER_MINUTE: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const entries: LogEntry[] = [];
  const waiters: { matches: (entry: LogEntry) => boolean; resolve: (e: LogEntry) => void }[] = [];
  let text = '';
  let partial = '';
  const onData = (chunk: Buffer) => {
    text += chunk.toString();
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop()!;
    for (const line of lines) {
      const entry = parseLine(line);
      entries.push(entry);
      for (const waiter of waiters.filter((w) => w.matches(entry))) waiter.resolve(entry);
    }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exited = new Promise<Exit>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );

  const waitForLog = (matches: (entry: LogEntry) => boolean, what: string) => {
    const seen = entries.find(matches);
    if (seen) return Promise.resolve(seen);
    return Promise.race([
      new Promise<LogEntry>((resolve) => waiters.push({ matches, resolve })),
      exited.then((exit): never => {
        throw new Error(`The server exited (${exit.code ?? exit.signal}) before ${what}:\n${text}`);
      }),
    ]);
  };
  return {
    port,
    waitForLog,
    signal: (name) => child.kill(name),
    exited,
    output: () => text,
  };
}

function parseLine(line: string): LogEntry {
  try {
    return JSON.parse(line) as LogEntry;
  } catch {
    return { msg: line };
  }
}

export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface Call {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: unknown;
  /** Sends half the body, then the rest once this resolves: the request stays in flight. */
  holdBodyUntil?: Promise<void>;
}

/**
 * One request with node:http, so the test decides about keep-alive and when the body ends.
 * Rejects when the connection fails or the response is cut short.
 */
export function send(port: number, agent: http.Agent, call: Call): Promise<Answer> {
  const payload = call.body === undefined ? undefined : Buffer.from(JSON.stringify(call.body));
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: '127.0.0.1',
        port,
        agent,
        method: call.method,
        path: call.path,
        headers: {
          ...call.headers,
          ...(payload
            ? { 'content-type': 'application/json', 'content-length': payload.length }
            : {}),
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          if (!response.complete) return reject(new Error('response cut short'));
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString(),
          });
        });
      },
    );
    request.on('error', reject);
    if (!payload) return void request.end();
    if (!call.holdBodyUntil) return void request.end(payload);
    const half = Math.floor(payload.length / 2);
    request.write(payload.subarray(0, half));
    void call.holdBodyUntil.then(() => request.end(payload.subarray(half)));
  });
}

/** Whether a new TCP connection to the port is refused. */
export function connectionRefused(port: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) =>
      error.code === 'ECONNREFUSED' ? resolve(true) : reject(error),
    );
  });
}
