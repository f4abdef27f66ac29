import { HttpProblem } from './errors';

/**
 * Lets at most `limit` pieces of one kind of heavy work run at once in this process. One more
 * is refused at once (503 with Retry-After) rather than queued: a queue would hold its request,
 * its upload and a database connection while the caller waits without knowing why.
 */
export function workGate(limit: number, busyDetail: string) {
  let running = 0;
  return async function run<T>(work: () => Promise<T>): Promise<T> {
    if (running >= limit) {
      throw new HttpProblem(503, 'Service unavailable', busyDetail, undefined, {
        'retry-after': '10',
      });
    }
    running += 1;
    try {
      return await work();
    } finally {
      running -= 1;
    }
  };
}
