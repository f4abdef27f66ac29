import {
  ApiClientPage,
  CreateApiClientRequest,
  CreatedApiClient,
  ApiClient,
  PageQuery,
  Problem,
} from '@tracker/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

import { access } from '../auth/access';
import { contextOf } from '../auth/context';
import { IdParams } from '../http/schemas';
import { listApiClients } from './queries';
import { createApiClient, revokeApiClient } from './service';

const problems = {
  400: Problem,
  401: Problem,
  403: Problem,
  404: Problem,
  500: Problem,
  503: Problem,
};
const adminOnly = { access: access.roles('admin') };
const tags = ['API clients (administrators)'];

const apiClientRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api-clients',
    {
      config: adminOnly,
      schema: {
        tags,
        summary: 'API clients, newest first',
        querystring: PageQuery,
        response: { 200: ApiClientPage, ...problems },
      },
    },
    async (request) => listApiClients(app.db, request.query),
  );

  app.post(
    '/api-clients',
    {
      config: adminOnly,
      schema: {
        tags,
        summary: 'Create an API client; its token is in this answer only',
        body: CreateApiClientRequest,
        response: { 201: CreatedApiClient, ...problems },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createApiClient(app.db, request.body, contextOf(request))),
  );

  app.post(
    '/api-clients/:id/revoke',
    {
      config: adminOnly,
      schema: {
        tags,
        summary: "Revoke an API client's token",
        params: IdParams,
        response: { 200: ApiClient, ...problems },
      },
    },
    async (request) => revokeApiClient(app.db, request.params.id, contextOf(request)),
  );
};

export default apiClientRoutes;
