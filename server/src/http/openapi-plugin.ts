import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';

/** The OpenAPI 3 document is generated from the routes' zod schemas; nothing is written by hand. */
async function openApiPlugin(app: FastifyInstance, options: { version: string }) {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Inspection action-plan tracker API',
        version: options.version,
        description:
          "Turns an HMI Probation inspection's recommendations into a tracked, evidenced action plan. " +
          'Errors are RFC 9457 problem+json. Lists take `limit` (default 50, at most 200) and an opaque `cursor`.',
      },
      servers: [{ url: '/' }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  // staticCSP: Swagger UI's own pages carry a CSP with hashes for its inline parts.
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}

export default fp(openApiPlugin, { name: 'openapi' });
