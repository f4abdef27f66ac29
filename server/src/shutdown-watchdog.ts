import { spawn } from 'node:child_process';

/**
 * The watchdog's own process: it kills the server after the deadline unless the server has
 * exited first, which closes the pipe to the watchdog's stdin.
 */
const watchdogScript = `
const [pid, ms] = process.argv.slice(1).map(Number);
process.stdin.on('close', () => process.exit(0));
process.stdin.resume();
setTimeout(() => {
  process.stderr.write('The server did not stop within ' + ms + ' ms: killing it.\\n');
  try { process.kill(pid, 'SIGKILL'); } catch {}
  process.exit(0);
}, ms);
`;

/**
 * Ends this process after `ms` whatever its main thread is doing. A timer of its own cannot:
 * a main thread blocked in a synchronous call (PGlite's WASM, a sync fs call, a futex inside
 * `process.exit`) never runs it, and a stop that hangs invites a SIGKILL mid-write later.
 */
export function killAfter(ms: number): void {
  const watchdog = spawn(
    process.execPath,
    ['-e', watchdogScript, String(process.pid), String(ms)],
    {
      stdio: ['pipe', 'ignore', 'inherit'],
    },
  );
  // Neither the watchdog nor its pipe keeps this process alive.
  watchdog.unref();
  (watchdog.stdin as unknown as { unref(): void }).unref();
}
