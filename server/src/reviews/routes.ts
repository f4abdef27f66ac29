import {
  PlanVersionSummary,
  ReplyRequest,
  ReviewRequest,
  ReviewThread,
  ReviewThreadListQuery,
  ReviewThreadPage,
} from '@tracker/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

import { planInSight, planSubjectOf } from '../action-plans/in-sight';
import { access } from '../auth/access';
import { actorOf, contextOf } from '../auth/context';
import { IdempotencyHeaders, answerOnce } from '../http/idempotency';
import { IdParams, readProblems } from '../http/schemas';
import { VersionParams, tags, writeProblems } from '../submissions/routes';
import { listThreads } from './queries';
import { replyToThread, reviewVersion } from './service';

/** An inspector's review of a version (verdicts, decision), and the threads its comments open. */
const reviewRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/action-plans/:id/versions/:number/review',
    {
      config: { access: access.signedIn },
      schema: {
        tags,
        summary: "An inspector's verdicts, comments and decision on a version",
        params: VersionParams,
        headers: IdempotencyHeaders,
        body: ReviewRequest,
        response: { 200: PlanVersionSummary, ...writeProblems },
      },
    },
    async (request, reply) => {
      const { id, number } = request.params;
      return answerOnce(app.db, request, reply, 200, (db) =>
        reviewVersion(db, id, number, request.body, contextOf(request)),
      );
    },
  );

  app.get(
    '/action-plans/:id/threads',
    {
      config: { access: access.signedIn },
      schema: {
        tags,
        summary: "The review threads on the plan's recommendations and actions, oldest first",
        params: IdParams,
        querystring: ReviewThreadListQuery,
        response: { 200: ReviewThreadPage, ...readProblems },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const plan = await planInSight(app.db, actor, request.params.id);
      return listThreads(app.db, { id: plan.id, ...planSubjectOf(plan) }, request.query, actor);
    },
  );

  app.post(
    '/review-threads/:id/replies',
    {
      config: { access: access.signedIn },
      schema: {
        tags,
        summary: 'Reply in a review thread (the region, or the inspectorate)',
        params: IdParams,
        headers: IdempotencyHeaders,
        body: ReplyRequest,
        response: { 201: ReviewThread, ...writeProblems },
      },
    },
    async (request, reply) =>
      answerOnce(app.db, request, reply, 201, (db) =>
        replyToThread(db, request.params.id, request.body, contextOf(request)),
      ),
  );
};

export default reviewRoutes;
