import { randomUUID } from 'node:crypto';

import Fastify, { type FastifyInstance } from 'fastify';
import {
  type ZodTypeProvider,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';

import actionPlanRoutes from './action-plans/routes';
import actionRoutes from './actions/routes';
import apiClientRoutes from './api-clients/routes';
import auditRoutes from './audit/routes';
import authPlugin from './auth/plugin';
import authRoutes from './auth/routes';
import calendarFeedRoutes from './calendar-feeds/routes';
import type { Config } from './config';
import { type Database, openDatabase } from './db/client';
import databasePlugin from './db/plugin';
import outboxRoutes from './emails/routes';
import emailScheduler from './emails/scheduler';
import evidenceRoutes from './evidence/routes';
import exportRoutes from './exports/routes';
import openApiPlugin from './http/openapi-plugin';
import { errorLogSerializer, requestLogSerializer } from './http/log-redaction';
import problemPlugin, { frameworkErrorHandler } from './http/problem-plugin';
import progressUpdateRoutes from './progress-updates/routes';
import routeTablePlugin from './http/route-table';
import securityPlugin from './http/security-plugin';
import textGuard from './http/text-guard';
import nextStepRoutes from './next-steps/routes';
import { OidcIssuers } from './oidc/client';
import oidcRoutes from './oidc/routes';
import notificationRoutes from './notifications/routes';
import inspectionRoutes from './inspections/routes';
import orgUnitRoutes from './org-units/routes';
import outcomeMeasureRoutes from './outcome-measures/routes';
import recommendationLinkRoutes from './recommendations/links-routes';
import recommendationRoutes from './recommendations/routes';
import reviewRoutes from './reviews/routes';
import rollUpRoutes from './roll-up/routes';
import submissionRoutes from './submissions/routes';
import systemRoutes from './system/routes';
import peopleRoutes from './users/people';
import userRoutes from './users/routes';
import webPlugin from './web/plugin';

export interface AppOptions {
  /** An open database; when omitted the app opens one from the config and closes it on close. */
  database?: Database;
  /** Where logs go; tests pass a stream to read them. */
  logStream?: NodeJS.WritableStream;
  /** The time; tests pass a clock they can move. */
  clock?: () => Date;
}

/**
 * Fastify 5 ignores a bare hop count (it cannot vouch for the nearest peer): believe exactly that
 * many hops, as TRUST_PROXY says. Safe only where the server is reachable through the proxy alone.
 */
function trustProxyOption(trust: Config['trustProxy']) {
  return typeof trust === 'number' ? (_address: string, hop: number) => hop < trust : trust;
}

/** A request id from the caller is kept only when it is short and plain (it goes into logs). */
const requestIdPattern = /^[A-Za-z0-9._:-]{1,128}$/;

/** Builds the whole service, ready to listen or to take `inject` calls from tests. */
export async function buildApp(config: Config, options: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: {
      level: config.logLevel,
      redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
      serializers: { req: requestLogSerializer, err: errorLogSerializer },
      ...(options.logStream ? { stream: options.logStream } : {}),
    },
    requestIdHeader: false,
    genReqId: (request) => {
      const incoming = request.headers['x-request-id'];
      return typeof incoming === 'string' && requestIdPattern.test(incoming)
        ? incoming
        : randomUUID();
    },
    bodyLimit: 1_048_576,
    frameworkErrors: frameworkErrorHandler,
    trustProxy: trustProxyOption(config.trustProxy),
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  app.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/api/v1')) reply.header('cache-control', 'no-store');
  });

  await app.register(routeTablePlugin);
  const database = options.database ?? (await openDatabase(config));
  await app.register(databasePlugin, { database, owned: !options.database });
  await app.register(problemPlugin);
  await app.register(textGuard);
  await app.register(authPlugin, { config, clock: options.clock ?? (() => new Date()) });
  await app.register(securityPlugin, { rateLimitPerMinute: config.rateLimitPerMinute });
  await app.register(openApiPlugin, {
    version: '1.0.0',
    docsForSignedInOnly: config.nodeEnv === 'production',
  });
  await app.register(systemRoutes, { gitCommit: config.gitCommit });
  const oidcIssuers = new OidcIssuers(config.oidcIssuers, options.clock ?? (() => new Date()));
  await app.register(
    async (api) => {
      await api.register(authRoutes, { config, oidcIssuers });
      await api.register(oidcRoutes, { config, issuers: oidcIssuers });
      await api.register(userRoutes, { config });
      await api.register(peopleRoutes);
      await api.register(apiClientRoutes);
      await api.register(auditRoutes);
      await api.register(orgUnitRoutes);
      await api.register(inspectionRoutes);
      await api.register(recommendationRoutes, {
        measures: { monthsToHoldTarget: config.measureMetMonths },
      });
      await api.register(recommendationLinkRoutes);
      await api.register(outcomeMeasureRoutes, { monthsToHoldTarget: config.measureMetMonths });
      await api.register(actionPlanRoutes, { config });
      await api.register(actionRoutes, { config });
      await api.register(evidenceRoutes, { config });
      await api.register(progressUpdateRoutes, { config });
      await api.register(submissionRoutes, { config });
      await api.register(reviewRoutes);
      await api.register(notificationRoutes, { config });
      await api.register(nextStepRoutes, { config });
      await api.register(outboxRoutes, { config });
      await api.register(calendarFeedRoutes, { config });
      await api.register(exportRoutes, { config });
      await api.register(rollUpRoutes, { config });
    },
    { prefix: '/api/v1' },
  );
  await app.register(webPlugin, { distDir: config.webDistDir });
  await app.register(emailScheduler, { config });

  await app.ready();
  return app;
}
