import {
  CreateRecommendationLinkRequest,
  Problem,
  RecommendationLink,
  RecommendationLinkList,
} from '@tracker/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

import { access } from '../auth/access';
import { actorOf, contextOf } from '../auth/context';
import { IdempotencyHeaders, answerOnce, idempotencyProblems } from '../http/idempotency';
import { IdParams, readProblems } from '../http/schemas';
import { listLinksOf } from './links-queries';
import { createLink, deleteLink } from './links-service';
import { recommendationForReading } from './service';

const writeProblems = {
  400: Problem,
  401: Problem,
  403: Problem,
  404: Problem,
  409: Problem,
  429: Problem,
  500: Problem,
  503: Problem,
};

const tags = ['Recommendations'];

/** How recommendations relate across letters, sources and regions. */
const recommendationLinkRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/recommendations/:id/links',
    {
      config: { access: access.signedIn },
      schema: {
        tags,
        summary:
          "A recommendation's links, from it and to it, each with the other end as the caller " +
          'may see it',
        params: IdParams,
        response: { 200: RecommendationLinkList, ...readProblems },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await recommendationForReading(app.db, actor, request.params.id);
      return { items: await listLinksOf(app.db, request.params.id, actor) };
    },
  );

  app.post(
    '/recommendations/:id/links',
    {
      config: { access: access.signedIn },
      schema: {
        tags,
        summary:
          'Link the recommendation to another: it repeats, overlaps or is addressed by it ' +
          '(its lead, administrators)',
        params: IdParams,
        headers: IdempotencyHeaders,
        body: CreateRecommendationLinkRequest,
        response: { 201: RecommendationLink, ...writeProblems, ...idempotencyProblems },
      },
    },
    async (request, reply) =>
      answerOnce(app.db, request, reply, 201, (db) =>
        createLink(db, request.params.id, request.body, contextOf(request)),
      ),
  );

  app.delete(
    '/recommendation-links/:id',
    {
      config: { access: access.signedIn },
      schema: {
        tags,
        summary: 'Remove a link (the lead of the recommendation it is from, administrators)',
        params: IdParams,
        response: { 204: z.null(), ...writeProblems },
      },
    },
    async (request, reply) => {
      await deleteLink(app.db, request.params.id, contextOf(request));
      return reply.code(204).send(null);
    },
  );
};

export default recommendationLinkRoutes;
