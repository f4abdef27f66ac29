import { spawn } from 'node:child_process';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

const repoRoot = path.resolve(import.meta.dirname, '../..');

/** A process that arms the watchdog, then blocks its main thread for ever in a futex wait. */
const blockedProcess = `
import { killAfter } from './server/src/shutdown-watchdog.ts';
killAfter(200);
Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
`;

describe('killAfter', () => {
  it('ends a process whose main thread is blocked', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', blockedProcess],
      {
        cwd: repoRoot,
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // A bound, not a timing assertion: without a working watchdog the process never ends.
    const bound = setTimeout(() => child.kill('SIGKILL'), 20_000);
    const exit = await new Promise<NodeJS.Signals | null>((resolve) =>
      child.once('exit', (_code, signal) => resolve(signal)),
    );
    clearTimeout(bound);
    expect(exit).toBe('SIGKILL');
    expect(stderr).toContain('did not stop within 200 ms: killing it');
  }, 30_000);
});
