import swagger from '@fastify/swagger';
import { Problem } from '@tracker/shared';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance, FastifySchema } from 'fastify';
import fp from 'fastify-plugin';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';

import { access } from '../auth/access';
import { keyIgnoredOn } from './idempotency';
import { deriveOperationId, openApiPath, securityOf, securitySchemeNames } from './operations';

/** The style element swagger-ui-bundle.js inserts at start-up (changes with swagger-ui's version). */
const swaggerBundleStyleHash = 'sha256-RL3ie0nH+Lzz2YNqQN83mnU0J1ot4QL7b99vMdIX99w=';

const bodyMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Fastify's body parsing answers any request that may carry a body with 413 (over the body
 * limit) or 415 (a content type no parser takes) before the route runs, so every such
 * operation lists both.
 */
const withParserProblems: typeof jsonSchemaTransform = (input) => {
  const response = input.schema?.response as Record<string, unknown> | undefined;
  const methods = [input.route.method].flat();
  if (!response || !input.url.startsWith('/api/v1') || !methods.some((m) => bodyMethods.has(m))) {
    return jsonSchemaTransform(input);
  }
  return jsonSchemaTransform({
    ...input,
    schema: { ...input.schema, response: { 413: Problem, 415: Problem, ...response } },
  });
};

/**
 * Every operation gets a stable operationId and the credentials its access rule asks for (a
 * route's own `schema.operationId` or `schema.security` wins).
 */
const transform: typeof jsonSchemaTransform = (input) => {
  const result = withParserProblems(input);
  const schema: FastifySchema = result.schema ?? {};
  if (schema.hide) return result;
  const method = [input.route.method].flat()[0]!;
  const path = openApiPath(input.url);
  return {
    ...result,
    schema: {
      ...schema,
      operationId: schema.operationId ?? deriveOperationId(method, path),
      security: schema.security ?? securityOf(path, input.route.config?.access),
    },
  };
};

/** The OpenAPI 3 document is generated from the routes' zod schemas; nothing is written by hand. */
async function openApiPlugin(
  app: FastifyInstance,
  options: { version: string; docsForSignedInOnly: boolean },
) {
  if (options.docsForSignedInOnly) {
    // Swagger UI's pages (and its own copy of the document) go to signed-in callers only.
    app.addHook('onRoute', (route) => {
      if (route.url.startsWith('/api/docs'))
        route.config = { ...route.config, access: access.signedIn };
    });
  }
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Inspection action-plan tracker API',
        version: options.version,
        description:
          "Turns an HMI Probation inspection's recommendations into a tracked, evidenced action plan. " +
          'Errors are RFC 9457 problem+json. Lists take `limit` (default 50, at most 200) and an opaque `cursor`.\n\n' +
          'A `POST` that creates something honours an `Idempotency-Key` header (declared on each such ' +
          'operation). These ignore it on purpose:\n' +
          Object.entries(keyIgnoredOn)
            .map(([route, why]) => `- \`${route}\`: ${why}`)
            .join('\n'),
      },
      servers: [{ url: '/' }],
      components: {
        securitySchemes: {
          [securitySchemeNames.session]: {
            type: 'apiKey',
            in: 'cookie',
            name: app.sessionCookieName,
            description: 'The session a person gets by signing in (POST /api/v1/session).',
          },
          [securitySchemeNames.token]: {
            type: 'http',
            scheme: 'bearer',
            description:
              "An API client's token (administrators create clients), as `Authorization: Bearer <token>`.",
          },
        },
      },
    },
    transform,
    transformObject: jsonSchemaTransformObject,
  });
  // staticCSP: Swagger UI's own pages carry a CSP with hashes for its inline parts; we take out
  // what it allows from other sites, and allow the one style element its bundle inserts.
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    uiConfig: { validatorUrl: null, displayOperationId: true },
    staticCSP: true,
    transformStaticCSP: (header) =>
      header
        .replace("font-src 'self' https: data:", "font-src 'self' data:")
        .replace("img-src 'self' data: validator.swagger.io", "img-src 'self' data:")
        .replace("style-src 'self' https:", `style-src 'self' '${swaggerBundleStyleHash}'`)
        .replace("frame-ancestors 'self'", "frame-ancestors 'none'")
        .replace(' upgrade-insecure-requests;', ''),
  });
  app.get(
    '/api/openapi.json',
    {
      schema: { hide: true },
      config: options.docsForSignedInOnly ? { access: access.signedIn } : {},
    },
    async () => app.swagger(),
  );
}

export default fp(openApiPlugin, { name: 'openapi', dependencies: ['auth'] });
