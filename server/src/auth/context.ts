import type { FastifyRequest } from 'fastify';

import { HttpProblem } from '../http/errors';
import type { Actor } from './actor';

/** What a service is told of the request it serves: who (if anyone), which request, and when. */
export interface RequestContext {
  actor: Actor | null;
  requestId: string;
  now: Date;
}

/** The context of a change: someone signed in always makes it (the route's access rule saw to that). */
export interface WriteContext extends RequestContext {
  actor: Actor;
}

/**
 * The caller of a route that is not public. The access rule (auth/plugin.ts) has answered 401
 * to anyone else before the handler runs, so the 401 here is a guard that never fires.
 */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor)
    throw new HttpProblem(401, 'Sign in required', 'Sign in, or send an API token.');
  return request.actor;
}

/** The context of a public route (signing in, setting a password): the caller may be nobody. */
export function publicContextOf(request: FastifyRequest): RequestContext {
  return { actor: request.actor, requestId: request.id, now: request.server.clock() };
}

/** The context every service call of a signed-in route takes; routes add their settings beside it. */
export function contextOf(request: FastifyRequest): WriteContext {
  return { ...publicContextOf(request), actor: actorOf(request) };
}

/**
 * The signed-in person behind a route that belongs to people (their password, notifications,
 * calendar feeds): an API client acts for a unit, not a person, and is refused with 403.
 */
export function personOf(request: FastifyRequest, refusal: string): Actor {
  const actor = actorOf(request);
  if (actor.kind === 'api_client') throw new HttpProblem(403, 'Forbidden', refusal);
  return actor;
}
