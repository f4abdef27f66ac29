import { Recommendation, RecommendationListQuery, RecommendationPage } from '@tracker/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

import { notFound } from '../http/errors';
import { IdParams, readProblems } from '../http/schemas';
import { findRecommendation, listRecommendations } from './queries';

const recommendationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/recommendations',
    {
      schema: {
        tags: ['Recommendations'],
        summary: "Recommendations, filtered; in the letter's order by default",
        querystring: RecommendationListQuery,
        response: { 200: RecommendationPage, ...readProblems },
      },
    },
    async (request) => listRecommendations(app.db, request.query),
  );

  app.get(
    '/recommendations/:id',
    {
      schema: {
        tags: ['Recommendations'],
        summary: 'One recommendation with its response',
        params: IdParams,
        response: { 200: Recommendation, ...readProblems },
      },
    },
    async (request) => {
      const recommendation = await findRecommendation(app.db, request.params.id);
      if (!recommendation) throw notFound('Recommendation', request.params.id);
      return recommendation;
    },
  );
};

export default recommendationRoutes;
