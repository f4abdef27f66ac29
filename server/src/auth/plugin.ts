import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

import { findClientActor } from '../api-clients/bearer';
import { recordAudit } from '../audit/record';
import type { Config } from '../config';
import { HttpProblem } from '../http/errors';
import { type Actor, auditActor } from './actor';
import { Hidden } from './hidden';
import { findSessionActor } from './sessions';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    authenticatedBy: 'cookie' | 'bearer' | null;
    /** Set when the policy hid something from the caller (a 404 that is really a refusal). */
    refusedByPolicy: boolean;
    /** The request carried a session cookie that has timed out. */
    sessionExpired: boolean;
    /** Why the credentials sent are refused; thrown once the rate limit has counted the request. */
    credentialProblem: HttpProblem | null;
  }
  interface FastifyInstance {
    /** The time, injectable so tests can move it (session timeouts, due dates). */
    clock: () => Date;
    sessionCookieName: string;
  }
  interface FastifyContextConfig {
    /**
     * The one query parameter this route takes a credential of its own in (a calendar feed's
     * token: calendar programs cannot send headers). Every other route still refuses it.
     */
    queryStringCredential?: string;
  }
}

const stateChangingMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** A read-only API client may read: GET, and HEAD (which Fastify answers from the GET route). */
const readMethods = new Set(['GET', 'HEAD']);
const queryStringTokenNames = ['access_token', 'token', 'api_key', 'apikey', 'bearer'];

export interface AuthOptions {
  config: Config;
  clock: () => Date;
}

async function authPlugin(app: FastifyInstance, { config, clock }: AuthOptions) {
  // `__Host-` binds the cookie to this host and path, but browsers accept it only when Secure.
  const cookieName = config.secureCookies ? '__Host-session' : 'session';
  await app.register(cookie);
  app.decorate('clock', clock);
  app.decorate('sessionCookieName', cookieName);
  app.decorateRequest('actor', null);
  app.decorateRequest('authenticatedBy', null);
  app.decorateRequest('refusedByPolicy', false);
  app.decorateRequest('sessionExpired', false);
  app.decorateRequest('credentialProblem', null);

  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/v1') && !route.config?.access) {
      throw new Error(
        `${String(route.method)} ${route.url} declares no access rule (config.access)`,
      );
    }
  });

  // Who is calling is settled first and refuses nothing, so that the rate limit (a route
  // onRequest hook, after this one) counts every caller's requests, refused ones included.
  app.addHook('onRequest', async (request) => {
    if (!guarded(request)) return;
    await authenticate(request);
  });

  // Then what they may do, before any body is read.
  app.addHook('preParsing', async (request) => {
    if (!guarded(request)) return;
    const rule = request.routeOptions.config?.access;
    // A public page outside the API (/info) refuses no one: a bad or misplaced credential only
    // means the caller is told less.
    if (rule?.public && !request.url.startsWith('/api/v1')) return;
    refuseTokenInQueryString(request);
    if (request.credentialProblem) throw request.credentialProblem;
    if (
      stateChangingMethods.has(request.method) &&
      (request.authenticatedBy === 'cookie' || rule?.public)
    ) {
      refuseCrossSite(request);
    }
    if (!rule || ('public' in rule && rule.public)) return;
    const actor = request.actor;
    if (!actor) {
      throw new HttpProblem(
        401,
        'Sign in required',
        request.sessionExpired
          ? 'Your session has expired. Sign in again.'
          : 'Sign in, or send an API token in the Authorization header.',
        undefined,
        bearerChallenge(),
      );
    }
    const scopeChallenge =
      request.authenticatedBy === 'bearer' ? bearerChallenge('insufficient_scope') : {};
    if (rule.roles && !rule.roles.includes(actor.role)) {
      throw new HttpProblem(
        403,
        'Forbidden',
        'Your role may not do this.',
        undefined,
        scopeChallenge,
      );
    }
    if (!actor.canWrite && !readMethods.has(request.method)) {
      throw new HttpProblem(
        403,
        'Forbidden',
        'This API client may only read.',
        undefined,
        scopeChallenge,
      );
    }
  });

  // A subject hidden by the policy (a 404 that is really a refusal), wherever it was thrown.
  app.addHook('onError', async (request, _reply, error) => {
    if (error instanceof Hidden) request.refusedByPolicy = true;
  });

  // Refusals are part of the trail: who tried what. Written apart from any business change.
  app.addHook('onResponse', async (request, reply) => {
    if (!request.url.startsWith('/api/v1')) return;
    if (reply.statusCode !== 403 && !request.refusedByPolicy) return;
    await recordAudit(app.db, {
      ...auditActor(request.actor),
      action: 'access.refused',
      subjectType: 'route',
      requestId: request.id,
      after: { method: request.method, path: request.url.split('?')[0], status: reply.statusCode },
    }).catch((error: unknown) => request.log.error({ err: error }, 'could not audit a refusal'));
  });

  function refuseTokenInQueryString(request: FastifyRequest) {
    const query = request.query as Record<string, unknown> | undefined;
    const allowed = request.routeOptions.config?.queryStringCredential;
    const named = queryStringTokenNames.find((name) => query && name in query && name !== allowed);
    if (named) {
      throw new HttpProblem(
        401,
        'Credentials in the query string',
        'API tokens are accepted only in the Authorization header.',
        [{ path: named, message: 'send the token as "Authorization: Bearer <token>" instead' }],
        bearerChallenge('invalid_request'),
      );
    }
  }

  async function authenticate(request: FastifyRequest) {
    const header = request.headers.authorization;
    if (header !== undefined) {
      const match = /^Bearer ([A-Za-z0-9._~+/=-]{20,200})$/.exec(header);
      const actor = match ? await findClientActor(app.db, request, match[1]!, app.clock()) : null;
      if (actor instanceof HttpProblem) {
        request.credentialProblem = actor;
        return;
      }
      if (!actor) {
        request.credentialProblem = new HttpProblem(
          401,
          'Invalid API token',
          'The API token is not valid, or it has been revoked.',
          undefined,
          bearerChallenge('invalid_token'),
        );
        return;
      }
      request.actor = actor;
      request.authenticatedBy = 'bearer';
      return;
    }
    const token = request.cookies[cookieName];
    if (!token) return;
    const lookup = await findSessionActor(app.db, token, app.clock(), {
      idleMinutes: config.sessionIdleMinutes,
      absoluteHours: config.sessionAbsoluteHours,
    });
    if (lookup.status === 'active') {
      request.actor = lookup.actor;
      request.authenticatedBy = 'cookie';
    } else {
      request.sessionExpired = lookup.status === 'expired';
    }
  }
}

/** The API, and any route outside it that declares an access rule (such as /info). */
function guarded(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/v1') || request.routeOptions.config?.access !== undefined;
}

/**
 * Every 401 names the scheme that would be accepted (RFC 9110), and a refused bearer token says
 * why in RFC 6750's words.
 */
function bearerChallenge(error?: 'invalid_request' | 'invalid_token' | 'insufficient_scope') {
  return {
    'www-authenticate': error ? `Bearer realm="api", error="${error}"` : 'Bearer realm="api"',
  };
}

/** The contract's CSRF rule: a browser request from another site may not change anything. */
function refuseCrossSite(request: FastifyRequest) {
  const site = request.headers['sec-fetch-site'];
  const origin = request.headers.origin;
  const ownOrigin = `${request.protocol}://${request.host}`;
  if (
    site === 'cross-site' ||
    site === 'same-site' ||
    (origin !== undefined && origin !== ownOrigin)
  ) {
    throw new HttpProblem(
      403,
      'Cross-site request refused',
      "Changes can only be made from this service's own pages.",
    );
  }
}

export default fp(authPlugin, { name: 'auth', dependencies: ['database'] });
