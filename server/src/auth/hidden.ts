import type { FastifyRequest } from 'fastify';

import { type HttpProblem, notFound } from '../http/errors';

/**
 * What the caller may not see answers as if it did not exist (404), and is marked so the
 * refusal goes into the audit trail.
 */
export function hiddenFrom(request: FastifyRequest, what: string, id: string): HttpProblem {
  request.refusedByPolicy = true;
  return notFound(what, id);
}

/** Thrown by a service when the subject exists but is outside the caller's sight. */
export class HiddenError extends Error {}

/** Runs a service call, answering a HiddenError as the 404 of `hiddenFrom`. */
export async function hidingFromOthers<Result>(
  request: FastifyRequest,
  what: string,
  id: string,
  work: () => Promise<Result>,
): Promise<Result> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof HiddenError) throw hiddenFrom(request, what, id);
    throw error;
  }
}
