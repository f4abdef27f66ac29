import { describe, expect, it } from 'vitest';

import { HttpProblem } from './errors';
import { workGate } from './work-gate';

describe('workGate', () => {
  it('refuses work beyond its limit with 503 and Retry-After, and takes work again once some ends', async () => {
    const run = workGate(2, 'Busy.');
    const releases: (() => void)[] = [];
    const held = () =>
      run(() => new Promise<string>((resolve) => releases.push(() => resolve('done'))));
    const first = held();
    const second = held();
    const refused = await run(async () => 'ran').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(HttpProblem);
    expect(refused).toMatchObject({ status: 503, headers: { 'retry-after': '10' } });
    releases[0]!();
    await expect(first).resolves.toBe('done');
    await expect(run(async () => 'ran')).resolves.toBe('ran');
    releases[1]!();
    await expect(second).resolves.toBe('done');
  });

  it('frees the place of work that fails', async () => {
    const run = workGate(1, 'Busy.');
    await expect(run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(run(async () => 'ran')).resolves.toBe('ran');
  });
});
