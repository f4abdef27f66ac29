import { Recommendation, RecommendationListQuery, RecommendationPage } from '@tracker/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

import { access } from '../auth/access';
import { hiddenFrom } from '../auth/hidden';
import { canSeeRegion, readScopeOf } from '../auth/policy';
import { notFound } from '../http/errors';
import { IdParams, readProblems } from '../http/schemas';
import { findRecommendation, listRecommendations } from './queries';

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
    async (request) => listRecommendations(app.db, request.query, readScopeOf(request.actor!)),
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
      const found = await findRecommendation(app.db, request.params.id);
      if (!found) throw notFound('Recommendation', request.params.id);
      if (!canSeeRegion(request.actor!, found.regionId)) {
        throw hiddenFrom(request, 'Recommendation', request.params.id);
      }
      return found.recommendation;
    },
  );
};

export default recommendationRoutes;
