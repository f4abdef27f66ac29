import type { FastifyReply, FastifyRequest } from 'fastify';

import { HttpProblem } from './errors';

/**
 * Edited resources carry a revision that rises with every change; the ETag is that revision.
 * Writes name the revision they were based on in If-Match, and lose (412) when it is stale.
 */
export function setEtag(reply: FastifyReply, revision: number): void {
  reply.header('etag', `"${revision}"`);
}

/** The revision the caller's change is based on; 428 without If-Match. */
export function requiredRevision(request: FastifyRequest): number {
  const header = request.headers['if-match'];
  if (header === undefined || header === '') {
    throw new HttpProblem(
      428,
      'If-Match required',
      "Send the ETag you last read in If-Match, so no one's change is lost.",
    );
  }
  const match = /^(?:W\/)?"(\d+)"$/.exec(header.trim());
  if (!match) throw stale();
  return Number(match[1]);
}

export function stale(): HttpProblem {
  return new HttpProblem(
    412,
    'Precondition failed',
    'Someone else has changed this since you read it. Read it again, then make your change.',
  );
}
