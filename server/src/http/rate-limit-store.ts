import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import { and, eq, inArray, lt, sql } from 'drizzle-orm';

import type { Db } from '../db/client';
import { statementBatches } from '../db/batches';
import { rateLimitHits } from '../db/schema/rate-limits';

/** One caller's count in the current window, as this instance knows it. */
interface Tally {
  windowStart: number;
  /** The database's sum, over every instance, at the last sync (this instance's sent hits in it). */
  synced: number;
  /** Hits counted here and not yet added to the database's row. */
  unsent: number;
  /** The first read of the shared row, when this instance first sees the caller in a window. */
  loaded: Promise<void>;
}

export interface SharedRateCounter {
  /** Counts one request and answers with the caller's hits in this window and ms left in it. */
  hit(key: string): Promise<{ current: number; ttl: number }>;
  /** Adds this instance's new hits to the shared rows and reads every instance's sums back. */
  sync(): Promise<void>;
}

/**
 * Counts requests per caller across every instance on one PostgreSQL database. A request is
 * counted in memory; about once a second each instance adds what it counted to
 * `rate_limit_hits` and reads back the sums, so a request is never a write and a caller spread
 * over N instances is held to the limit give or take what the other instances counted in the
 * last second. A caller's first request to an instance in a window waits for one read of the
 * shared count, so a caller who spent the allowance on one instance is refused on the next.
 * Windows start on whole multiples of `windowMs` since the epoch, so every instance counts into
 * the same row.
 */
export function sharedRateCounter(
  db: Db,
  windowMs: number,
  now: () => number = Date.now,
): SharedRateCounter {
  const tallies = new Map<string, Tally>();
  let prunedBefore = 0;
  const windowOf = (time: number) => time - (time % windowMs);

  const hit = async (key: string) => {
    const time = now();
    const windowStart = windowOf(time);
    let tally = tallies.get(key);
    if (!tally || tally.windowStart !== windowStart) {
      tally = { windowStart, synced: 0, unsent: 0, loaded: load(key, windowStart) };
      tallies.set(key, tally);
    }
    tally.unsent += 1;
    await tally.loaded;
    return { current: tally.synced + tally.unsent, ttl: windowStart + windowMs - time };
  };

  const load = async (key: string, windowStart: number) => {
    const sums = await db
      .select({ key: rateLimitHits.key, hits: rateLimitHits.hits })
      .from(rateLimitHits)
      .where(and(eq(rateLimitHits.key, key), eq(rateLimitHits.windowStart, new Date(windowStart))))
      // Unreadable (the database restarting): this instance counts from its own hits until the
      // next sync, rather than failing the request.
      .catch(() => []);
    learn(sums, windowStart);
  };

  const sync = async () => {
    const windowStart = windowOf(now());
    for (const [key, tally] of tallies) if (tally.windowStart !== windowStart) tallies.delete(key);
    const window = new Date(windowStart);
    const sending = [...tallies].filter(([, tally]) => tally.unsent > 0);
    for (const batch of statementBatches(sending)) {
      const counts = batch.map(([key, tally]) => ({ key, unsent: tally.unsent }));
      const sums = await db
        .insert(rateLimitHits)
        .values(counts.map(({ key, unsent }) => ({ key, windowStart: window, hits: unsent })))
        .onConflictDoUpdate({
          target: [rateLimitHits.key, rateLimitHits.windowStart],
          set: { hits: sql`${rateLimitHits.hits} + excluded.hits` },
        })
        .returning({ key: rateLimitHits.key, hits: rateLimitHits.hits });
      for (const { key, unsent } of counts) {
        const tally = tallies.get(key);
        // Hits counted while the statement ran stay unsent for the next sync.
        if (tally?.windowStart === windowStart) tally.unsent -= unsent;
      }
      learn(sums, windowStart);
    }
    // Callers only other instances saw in the last second.
    const quiet = [...tallies].filter(([, tally]) => tally.unsent === 0).map(([key]) => key);
    for (const keys of statementBatches(quiet)) {
      const sums = await db
        .select({ key: rateLimitHits.key, hits: rateLimitHits.hits })
        .from(rateLimitHits)
        .where(and(eq(rateLimitHits.windowStart, window), inArray(rateLimitHits.key, keys)));
      learn(sums, windowStart);
    }
    if (prunedBefore < windowStart) {
      await db.delete(rateLimitHits).where(lt(rateLimitHits.windowStart, window));
      prunedBefore = windowStart;
    }
  };

  const learn = (sums: { key: string; hits: number }[], windowStart: number) => {
    for (const { key, hits } of sums) {
      const tally = tallies.get(key);
      // A window's sums only grow: a read that started before a sync must not undo it.
      if (tally?.windowStart === windowStart) tally.synced = Math.max(tally.synced, hits);
    }
  };

  return { hit, sync };
}

/** The store @fastify/rate-limit constructs (`store:`), counting through `counter`. */
export function sharedRateLimitStore(counter: SharedRateCounter): FastifyRateLimitStoreCtor {
  return class SharedRateLimitStore implements FastifyRateLimitStore {
    incr(
      key: string,
      callback: (error: Error | null, result?: { current: number; ttl: number }) => void,
    ) {
      counter.hit(key).then(
        (result) => callback(null, result),
        (error: Error) => callback(error),
      );
    }

    child(): FastifyRateLimitStore {
      // A route's own limit would need counts of its own; the service has one limit for all.
      throw new Error('The shared rate-limit store has no per-route limits.');
    }
  };
}
