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
