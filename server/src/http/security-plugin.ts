import type { IncomingMessage, ServerResponse } from 'node:http';

import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import helmet, { type HelmetOptions } from 'helmet';

import { HttpProblem } from './errors';
import { sharedRateCounter, sharedRateLimitStore } from './rate-limit-store';

const minute = 60_000;
const syncEverySecond = 1_000;

/**
 * On PostgreSQL the counts are shared by every instance (rate-limit-store.ts); the embedded
 * database has one process, whose memory is the plugin's own store.
 */
function rateLimitStoreFor(app: FastifyInstance) {
  if (app.database.kind !== 'postgres') return undefined;
  const counter = sharedRateCounter(app.db, minute);
  let timer: NodeJS.Timeout | undefined;
  let syncing: Promise<void> | null = null;
  const sync = () => {
    syncing ??= counter
      .sync()
      .catch((error: unknown) => app.log.warn({ err: error }, 'rate-limit counts not shared'))
      .finally(() => {
        syncing = null;
      });
    return syncing;
  };
  app.addHook('onReady', async () => {
    timer = setInterval(sync, syncEverySecond);
    timer.unref();
  });
  app.addHook('preClose', async () => {
    clearInterval(timer);
    await syncing;
    await sync();
  });
  return sharedRateLimitStore(counter);
}

/**
 * The headers helmet sets with these options. None depends on the request (no nonces, no
 * directive computed per request), so they are worked out once: @fastify/helmet rebuilt helmet,
 * parsing every directive again, on each request (~5% of the CPU one action takes).
 */
function securityHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader(name: string, value: string | number) {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader() {},
  };
  helmet(options)({} as IncomingMessage, response as unknown as ServerResponse, (error) => {
    if (error) throw error;
  });
  return headers;
}

/**
 * Security headers with a strict Content-Security-Policy (no inline script or style: the web
 * client loads its GOV.UK body-class snippet from a file), and the API rate limit.
 */
async function securityPlugin(app: FastifyInstance, options: { rateLimitPerMinute: number }) {
  const headers = securityHeaders({
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
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });

  if (options.rateLimitPerMinute === 0) return;
  const store = rateLimitStoreFor(app);
  await app.register(rateLimit, {
    ...(store && { store }),
    max: options.rateLimitPerMinute,
    timeWindow: minute,
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

export default fp(securityPlugin, { name: 'security', dependencies: ['database'] });
