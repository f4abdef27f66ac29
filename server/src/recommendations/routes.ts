import {
  CloseRecommendationRequest,
  Problem,
  Recommendation,
  RecommendationListQuery,
  RecommendationPage,
  RecommendationResponseRequest,
  ReopenRecommendationRequest,
  UpdateRecommendationRequest,
} from '@tracker/shared';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

import { access } from '../auth/access';
import { hiddenFrom, hidingFromOthers } from '../auth/hidden';
import { canSeeRegion, readScopeOf } from '../auth/policy';
import { notFound } from '../http/errors';
import { IdParams, readProblems } from '../http/schemas';
import type { RequestContext } from '../auth/service';
import { findRecommendation, listRecommendations } from './queries';
import { close, correct, reopen, respond } from './service';

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

const recommendationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/recommendations',
    {
      config: { access: access.signedIn },
      schema: {
        tags: ['Recommendations'],
        summary: "Recommendations, filtered; in the letter's order by default",
        querystring: RecommendationListQuery,
        response: { 200: RecommendationPage, ...readProblems },
      },
    },
    async (request) =>
      listRecommendations(app.db, request.query, readScopeOf(request.actor!), request.actor!),
  );

  app.get(
    '/recommendations/:id',
    {
      config: { access: access.signedIn },
      schema: {
        tags: ['Recommendations'],
        summary: 'One recommendation with its response',
        params: IdParams,
        response: { 200: Recommendation, ...readProblems },
      },
    },
    async (request) => {
      const found = await findRecommendation(
        app.db,
        request.params.id,
        readScopeOf(request.actor!),
        request.actor!,
      );
      if (!found) throw notFound('Recommendation', request.params.id);
      if (!canSeeRegion(request.actor!, found.regionId)) {
        throw hiddenFrom(request, 'Recommendation', request.params.id);
      }
      return found.recommendation;
    },
  );

  const contextOf = (request: FastifyRequest): RequestContext => ({
    actor: request.actor,
    requestId: request.id,
    now: app.clock(),
  });
  const asLead = (request: FastifyRequest, id: string, work: () => Promise<Recommendation>) =>
    hidingFromOthers(request, 'Recommendation', id, work);
  const tags = ['Recommendations'];

  app.put(
    '/recommendations/:id/response',
    {
      config: { access: access.signedIn },
      schema: {
        tags,
        summary: "The region's response: agreed, partly agreed (which part) or not agreed (why)",
        params: IdParams,
        body: RecommendationResponseRequest,
        response: { 200: Recommendation, ...writeProblems },
      },
    },
    async (request) =>
      asLead(request, request.params.id, () =>
        respond(app.db, request.params.id, request.body, contextOf(request)),
      ),
  );

  app.patch(
    '/recommendations/:id',
    {
      config: { access: access.signedIn },
      schema: {
        tags,
        summary: "Correct a recommendation's themes or owning unit (leads and administrators)",
        params: IdParams,
        body: UpdateRecommendationRequest,
        response: { 200: Recommendation, ...writeProblems },
      },
    },
    async (request) =>
      asLead(request, request.params.id, () =>
        correct(app.db, request.params.id, request.body, contextOf(request)),
      ),
  );

  app.post(
    '/recommendations/:id/close',
    {
      config: { access: access.signedIn },
      schema: {
        tags,
        summary: 'Close a recommendation with a closing note (its lead)',
        params: IdParams,
        body: CloseRecommendationRequest,
        response: { 200: Recommendation, ...writeProblems },
      },
    },
    async (request) =>
      asLead(request, request.params.id, () =>
        close(app.db, request.params.id, request.body, contextOf(request)),
      ),
  );

  app.post(
    '/recommendations/:id/reopen',
    {
      config: { access: access.signedIn },
      schema: {
        tags,
        summary: 'Reopen a closed recommendation, with a reason (its lead)',
        params: IdParams,
        body: ReopenRecommendationRequest,
        response: { 200: Recommendation, ...writeProblems },
      },
    },
    async (request) =>
      asLead(request, request.params.id, () =>
        reopen(app.db, request.params.id, request.body.reason, contextOf(request)),
      ),
  );
};

export default recommendationRoutes;
