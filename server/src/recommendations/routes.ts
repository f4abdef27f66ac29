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
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

import { access } from '../auth/access';
import { readScopeOf } from '../auth/policy';
import { IdParams, readProblems } from '../http/schemas';
import { actorOf, contextOf } from '../auth/context';
import { listRecommendations } from './queries';
import { close, correct, recommendationForReading, reopen, respond } from './service';
import { type MeasureSettings, defaultMeasureSettings } from '../outcome-measures/met';

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

/** Options: the rule for an outcome measure being met, which closing checks. */
export interface RecommendationRouteOptions {
  measures?: MeasureSettings;
}

const recommendationRoutes: FastifyPluginAsyncZod<RecommendationRouteOptions> = async (
  app,
  options,
) => {
  const measureSettings = options.measures ?? defaultMeasureSettings;
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
      listRecommendations(app.db, request.query, readScopeOf(actorOf(request)), actorOf(request)),
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
    async (request) =>
      (await recommendationForReading(app.db, actorOf(request), request.params.id)).recommendation,
  );

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
    async (request) => respond(app.db, request.params.id, request.body, contextOf(request)),
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
    async (request) => correct(app.db, request.params.id, request.body, contextOf(request)),
  );

  app.post(
    '/recommendations/:id/close',
    {
      config: { access: access.signedIn },
      schema: {
        tags,
        summary:
          'Close a recommendation with a closing note (its lead); while an outcome measure is ' +
          'not met, also with the reason it can close anyway',
        params: IdParams,
        body: CloseRecommendationRequest,
        response: { 200: Recommendation, ...writeProblems },
      },
    },
    async (request) =>
      close(app.db, request.params.id, request.body, contextOf(request), measureSettings),
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
    async (request) => reopen(app.db, request.params.id, request.body.reason, contextOf(request)),
  );
};

export default recommendationRoutes;
