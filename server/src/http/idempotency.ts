import { createHash } from 'node:crypto';

import { Problem } from '@tracker/shared';
import { and, eq } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';

import type { Db } from '../db/client';
import { idempotencyKeys } from '../db/schema/plan-versions';
import { HttpProblem, badRequest } from './errors';

/**
 * The header of every route that honours Idempotency-Key, so the OpenAPI document shows it.
 * Loose: a strict or plain object would strip the request's other headers after validation.
 */
export const idempotencyKeyHeader = {
  'idempotency-key': z
    .string()
    .optional()
    .describe(
      'Up to 200 printable characters, new for each thing you create and the same when you ' +
        'retry it. A repeat with the same key and request gives the first answer again ' +
        '(with `Idempotent-Replayed: true`) and creates nothing more; the same key with a ' +
        'different request is 422. Keys belong to the caller.',
    ),
};
export const IdempotencyHeaders = z.looseObject(idempotencyKeyHeader);

/** The answer an honouring route may add: the key was used for another request. */
export const idempotencyProblems = { 422: Problem } as const;

/**
 * The POSTs that deliberately ignore Idempotency-Key, and why: they create nothing a retry
 * could double, or their answer carries a secret that must not be kept to be given again.
 * The OpenAPI document lists them; every other POST declares and honours the header.
 */
export const keyIgnoredOn: Record<string, string> = {
  'POST /api/v1/session': 'signing in creates no resource',
  'POST /api/v1/password': 'its one-time token can be used once only',
  'POST /api/v1/users':
    'the answer carries a one-time set-password link, which is not kept; an email address ' +
    'is unique, so a retry is 409 (reset the password for a new link)',
  'POST /api/v1/users/{id}/password-reset':
    'the answer carries a one-time link, which is not kept; a repeat issues a fresh link',
  'POST /api/v1/users/{id}/disable': 'a repeat changes nothing',
  'POST /api/v1/org-units': "a unit's code is unique, so a retry is refused (409)",
  'POST /api/v1/pending-accounts/{id}/approval':
    'a repeat is refused (404): the pending account became the user',
  'POST /api/v1/users/{id}/enable': 'a repeat changes nothing',
  'POST /api/v1/users/{id}/reassign-actions': 'a repeat finds nothing left to move',
  'POST /api/v1/api-clients':
    'the answer carries the token, which is not kept; if the answer is lost, revoke the ' +
    'client and create another',
  'POST /api/v1/api-clients/{id}/revoke': 'a repeat changes nothing',
  'POST /api/v1/calendar-feeds':
    "the answer carries the feed's secret address, which is not kept; if it is lost, " +
    'revoke the feed and make another',
  'POST /api/v1/calendar-feeds/{id}/revoke': 'a repeat changes nothing',
  'POST /api/v1/notifications/{id}/read': 'a repeat changes nothing',
  'POST /api/v1/notifications/read-all': 'a repeat changes nothing',
  'POST /api/v1/action-plans/{id}/national-lead-requests':
    'a national lead is told about a plan at most once a day: a repeat that day tells no one again',
  'POST /api/v1/recommendations/{id}/close': 'a repeat is refused (409): already closed',
  'POST /api/v1/recommendations/{id}/reopen': 'a repeat is refused (409): already open',
  'POST /api/v1/evidence/{id}/remove': 'a repeat is refused (409): already removed',
  'POST /api/v1/org-unit-imports':
    'rows are matched by code: the same file again reports them unchanged',
  'POST /api/v1/inspections/{id}/recommendation-imports':
    'rows are matched by source PDU and number: the same file again reports them unchanged',
  'POST /api/v1/inspections/{id}/letter-imports':
    'each sheet replaces what it holds: the same file again reports every row unchanged',
};

export interface OnceOptions {
  /** Refuse the request (400) without a key: for what must never happen twice by accident. */
  required?: boolean;
  /** What else identifies the request beyond its route, parameters and body (an upload's digest). */
  extra?: unknown;
}

/**
 * Runs a creating request once per caller and Idempotency-Key. The key is claimed by an
 * insert inside the same transaction as the work (services' own transactions nest in it as
 * savepoints): a concurrent repeat waits on the unique index, then finds the first answer;
 * when the work fails, everything rolls back and the key is free again. Without a key the
 * work simply runs. The answer's status is set on `reply`; replays are marked by a header.
 */
export async function answerOnce<Body>(
  db: Db,
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  work: (tx: Db) => Promise<Body>,
  options: OnceOptions = {},
): Promise<Body> {
  const key = idempotencyKeyOf(request, options.required ?? false);
  reply.code(status);
  if (key === undefined) return work(db);
  const actor = request.actor;
  if (!actor) throw new Error('Idempotency keys belong to a caller: the route must require one.');
  const answer = await db.transaction((tx) =>
    onceForKey(
      tx,
      { scope: `${actor.kind}:${actor.id}`, key, request: fingerprint(request, options.extra) },
      async () => ({
        status,
        body: await work(tx),
      }),
    ),
  );
  if (answer.replayed) reply.code(answer.status).header('idempotent-replayed', 'true');
  return answer.body;
}

/** The Idempotency-Key header: printable, at most 200 characters. */
function idempotencyKeyOf(request: FastifyRequest, required: boolean): string | undefined {
  const key = request.headers['idempotency-key'];
  if (key === undefined && !required) return undefined;
  if (typeof key !== 'string' || !/^[\x21-\x7e]{1,200}$/.test(key)) {
    throw badRequest(
      required
        ? 'Send an Idempotency-Key header, so a repeated request cannot act twice.'
        : 'The Idempotency-Key header is not valid.',
      [
        {
          path: 'Idempotency-Key',
          message: `${required ? 'is required: ' : 'must be '}1 to 200 printable characters, the same for a retry`,
        },
      ],
    );
  }
  return key;
}

/** The same operation on the same subject with the same input: what a retry repeats. */
function fingerprint(request: FastifyRequest, extra: unknown): string {
  const what = {
    method: request.method,
    route: request.routeOptions.url,
    params: request.params,
    query: request.query,
    body: request.body,
    extra,
  };
  return createHash('sha256').update(JSON.stringify(what)).digest('hex');
}

async function onceForKey<Body>(
  tx: Db,
  claim: { scope: string; key: string; request: string },
  work: () => Promise<{ status: number; body: Body }>,
): Promise<{ status: number; body: Body; replayed: boolean }> {
  const claimed = await tx
    .insert(idempotencyKeys)
    .values({
      scope: claim.scope,
      key: claim.key,
      requestHash: claim.request,
      responseStatus: 0,
      responseBody: {},
    })
    .onConflictDoNothing()
    .returning({ id: idempotencyKeys.id });
  const where = and(eq(idempotencyKeys.scope, claim.scope), eq(idempotencyKeys.key, claim.key));
  if (claimed.length === 0) {
    const [first] = await tx.select().from(idempotencyKeys).where(where);
    if (first!.requestHash !== claim.request) {
      throw new HttpProblem(
        422,
        'Idempotency key reused',
        'This Idempotency-Key was already used for a different request. Use a new key.',
        [{ path: 'Idempotency-Key', message: 'was already used for a different request' }],
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
