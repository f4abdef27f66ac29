import { eq, inArray, sql } from 'drizzle-orm';

import type { Db } from '../db/client';
import { signinThrottles } from '../db/schema/sessions';

/** Failures count within a window; reaching the limit locks the key for as long. */
const windowMs = 15 * 60_000;

/**
 * Failures are counted per address, never per account alone: an account-wide lock would let
 * anyone lock the owner out from elsewhere (decision 007).
 */
export interface ThrottleKeys {
  /** One email tried from one address: the guesses one attacker makes at one account. */
  accountAtAddress: string;
  /** Every email tried from one address: one attacker working through many accounts. */
  address: string;
}

export function throttleKeys(email: string, ip: string): ThrottleKeys {
  return {
    accountAtAddress: `account-at-address:${email.toLowerCase()} ${ip}`,
    address: `address:${ip}`,
  };
}

/**
 * A shared office address carries many people's mistakes: it gets four times the limit of one
 * account tried from it before it locks.
 */
const addressAllowance = 4;

/** Seconds until the first of the keys unlocks, or 0 when none is locked. */
export async function lockedForSeconds(db: Db, keys: ThrottleKeys, now: Date): Promise<number> {
  const rows = await db
    .select({ lockedUntil: signinThrottles.lockedUntil })
    .from(signinThrottles)
    .where(inArray(signinThrottles.key, [keys.accountAtAddress, keys.address]));
  const until = Math.max(0, ...rows.map((row) => row.lockedUntil?.getTime() ?? 0));
  return until > now.getTime() ? Math.ceil((until - now.getTime()) / 1000) : 0;
}

/** Counts a failure against both keys in single statements, so concurrent failures all count. */
export async function recordFailure(
  db: Db,
  keys: ThrottleKeys,
  now: Date,
  maxFailures: number,
): Promise<void> {
  await bump(db, keys.accountAtAddress, now, maxFailures);
  await bump(db, keys.address, now, maxFailures * addressAllowance);
}

async function bump(db: Db, key: string, now: Date, limit: number) {
  const windowStart = new Date(now.getTime() - windowMs);
  const lockUntil = new Date(now.getTime() + windowMs);
  const stale = sql`${signinThrottles.windowStartedAt} < ${windowStart.toISOString()}::timestamptz`;
  const failures = sql`case when ${stale} then 1 else ${signinThrottles.failures} + 1 end`;
  await db
    .insert(signinThrottles)
    .values({ key, failures: 1, windowStartedAt: now, lockedUntil: limit <= 1 ? lockUntil : null })
    .onConflictDoUpdate({
      target: signinThrottles.key,
      set: {
        failures,
        windowStartedAt: sql`case when ${stale} then ${now.toISOString()}::timestamptz else ${signinThrottles.windowStartedAt} end`,
        lockedUntil: sql`case when ${failures} >= ${limit} then ${lockUntil.toISOString()}::timestamptz else ${signinThrottles.lockedUntil} end`,
        updatedAt: now,
      },
    });
}

/**
 * A successful sign-in forgives the account's failures from that address (not the address's:
 * an attacker who owns one account must not reset the count of their guesses at others).
 */
export async function clearAccountFailures(db: Db, keys: ThrottleKeys): Promise<void> {
  await db.delete(signinThrottles).where(eq(signinThrottles.key, keys.accountAtAddress));
}
