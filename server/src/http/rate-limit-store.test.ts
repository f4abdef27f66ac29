import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { rateLimitHits } from '../db/schema/rate-limits';
import { type TestDatabase, createTestDatabase } from '../testing/database';
import { type SharedRateCounter, sharedRateCounter } from './rate-limit-store';

// Two counters on one database stand for two server instances (the store is used on
// PostgreSQL; its statements run on the embedded database too, so both databases test it).

const minute = 60_000;
const windowStart = Date.parse('2026-03-02T09:00:00Z');
let database: TestDatabase;
let time = windowStart;
const clock = () => time;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.destroy();
});

async function hits(counter: SharedRateCounter, key: string, times: number) {
  let current = 0;
  for (let i = 0; i < times; i += 1) current = (await counter.hit(key)).current;
  return current;
}

const currentOf = async (counter: SharedRateCounter, key: string) =>
  (await counter.hit(key)).current;

describe('rate-limit counts shared by several instances', () => {
  it('counts in memory and learns the other instances’ hits at each sync', async () => {
    const first = sharedRateCounter(database.db, minute, clock);
    const second = sharedRateCounter(database.db, minute, clock);
    time = windowStart + 15_000;
    expect(await hits(first, 'user:a', 3)).toBe(3);
    expect(await hits(second, 'user:a', 2)).toBe(2);
    expect(await first.hit('user:b')).toEqual({ current: 1, ttl: 45_000 });

    await first.sync();
    await second.sync();
    await first.sync();
    expect(await currentOf(first, 'user:a')).toBe(6);
    expect(await currentOf(second, 'user:a')).toBe(6);
    // A caller new to an instance starts from the shared count, not from nothing.
    expect(await currentOf(second, 'user:b')).toBe(2);

    await first.sync();
    await second.sync();
    await first.sync();
    expect(await currentOf(first, 'user:a')).toBe(8);
    expect(await currentOf(first, 'user:b')).toBe(3);
  });

  it('starts every caller afresh in the next window and forgets the old rows', async () => {
    const counter = sharedRateCounter(database.db, minute, clock);
    time = windowStart + 20_000;
    await hits(counter, 'ip:192.0.2.1', 4);
    await counter.sync();
    time = windowStart + minute + 1_000;
    expect(await counter.hit('ip:192.0.2.1')).toEqual({ current: 1, ttl: minute - 1_000 });
    await counter.sync();
    const rows = await database.db.select({ total: count() }).from(rateLimitHits);
    expect(rows).toEqual([{ total: 1 }]);
    time = windowStart + minute + 2_000;
    expect(await currentOf(counter, 'ip:192.0.2.1')).toBe(2);
  });
});
