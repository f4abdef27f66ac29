import { createHash } from 'node:crypto';

import { and, eq } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';

import type { Db } from '../db/client';
import { idempotencyKeys } from '../db/schema/plan-versions';
import { HttpProblem, badRequest } from './errors';

export interface IdempotentRequest {
  /** The operation, its subject and the caller: one caller's key never answers another's. */
  scope: string;
  key: string;
  body: unknown;
}

export interface StoredAnswer<Body> {
  status: number;
  body: Body;
  /** True when this is the first answer given again. */
  replayed: boolean;
}

/** The Idempotency-Key header: required, printable, at most 200 characters. */
export function idempotencyKeyOf(request: FastifyRequest): string {
  const key = request.headers['idempotency-key'];
  if (typeof key !== 'string' || !/^[\x21-\x7e]{1,200}$/.test(key)) {
    throw badRequest('Send an Idempotency-Key header, so a repeated request cannot act twice.', [
      {
        path: 'Idempotency-Key',
        message: 'is required: 1 to 200 printable characters, the same for a retry',
      },
    ]);
  }
  return key;
}

function hashOf(body: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(body) ?? '')
    .digest('hex');
}

/**
 * Runs `work` once per key, inside the caller's transaction: the key is claimed first, so a
 * concurrent repeat waits for the first to commit and then finds its answer. When the work
 * fails, the transaction rolls back and the key is free again.
 */
export async function onceForKey<Body>(
  tx: Db,
  request: IdempotentRequest,
  work: () => Promise<{ status: number; body: Body }>,
): Promise<StoredAnswer<Body>> {
  const requestHash = hashOf(request.body);
  const claimed = await tx
    .insert(idempotencyKeys)
    .values({
      scope: request.scope,
      key: request.key,
      requestHash,
      responseStatus: 0,
      responseBody: {},
    })
    .onConflictDoNothing()
    .returning({ id: idempotencyKeys.id });
  const where = and(eq(idempotencyKeys.scope, request.scope), eq(idempotencyKeys.key, request.key));
  if (claimed.length === 0) {
    const [first] = await tx.select().from(idempotencyKeys).where(where);
    if (first!.requestHash !== requestHash) {
      throw new HttpProblem(
        422,
        'Idempotency key reused',
        'This Idempotency-Key was already used for a different request. Use a new key.',
      );
    }
    return { status: first!.responseStatus, body: first!.responseBody as Body, replayed: true };
  }
  const answer = await work();
  await tx
    .update(idempotencyKeys)
    .set({ responseStatus: answer.status, responseBody: answer.body })
    .where(where);
  return { ...answer, replayed: false };
}
