import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

import { HttpProblem } from './errors';

/**
 * Security headers with a strict Content-Security-Policy (no inline script or style: the web
 * client loads its GOV.UK body-class snippet from a file), and the API rate limit.
 */
async function securityPlugin(app: FastifyInstance, options: { rateLimitPerMinute: number }) {
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        objectSrc: ["'none'"],
      },
    },
    // Swagger UI's bundle needs no cross-origin isolation; the rest of helmet's defaults stand.
    crossOriginEmbedderPolicy: false,
  });

  if (options.rateLimitPerMinute === 0) return;
  await app.register(rateLimit, {
    max: options.rateLimitPerMinute,
    timeWindow: 60_000,
    // After authentication and before authorisation (auth/plugin.ts), so a signed-in person or
    // client is counted as themselves, and refused requests (401, 403) count too.
    hook: 'onRequest',
    allowList: (request) => !request.url.startsWith('/api/v1'),
    keyGenerator: (request) =>
      request.actor ? `${request.actor.kind}:${request.actor.id}` : `ip:${request.ip}`,
    errorResponseBuilder: (_request, context) =>
      new HttpProblem(
        429,
        'Too many requests',
        `No more than ${context.max} requests a minute. Try again in ${Math.ceil(context.ttl / 1000)} seconds.`,
        undefined,
        { 'retry-after': String(Math.ceil(context.ttl / 1000)) },
      ),
  });
}

export default fp(securityPlugin, { name: 'security' });
