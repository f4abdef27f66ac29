import {
  CreateProgressUpdateRequest,
  PageQuery,
  Problem,
  ProgressUpdate,
  ProgressUpdatePage,
} from '@tracker/shared';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

import { actionForReading, withRag } from '../actions/service';
import { actorOf, contextOf } from '../auth/context';
import { access } from '../auth/access';
import type { Config } from '../config';
import { IdempotencyHeaders, answerOnce, idempotencyProblems } from '../http/idempotency';
import { IdParams } from '../http/schemas';
import { listProgressUpdates } from './queries';
import { addProgressUpdate } from './service';

const problems = {
  400: Problem,
  401: Problem,
  403: Problem,
  404: Problem,
  409: Problem,
  429: Problem,
  500: Problem,
  503: Problem,
};
const tags = ['Progress updates'];

const progressUpdateRoutes: FastifyPluginAsyncZod<{ config: Config }> = async (app, { config }) => {
  const actionContextOf = (request: FastifyRequest) =>
    withRag(contextOf(request), config.ragDueSoonDays);

  app.get(
    '/actions/:id/updates',
    {
      config: { access: access.signedIn },
      schema: {
        tags,
        summary: "An action's progress updates, newest first",
        params: IdParams,
        querystring: PageQuery,
        response: { 200: ProgressUpdatePage, ...problems },
      },
    },
    async (request) => {
      await actionForReading(app.db, actorOf(request), request.params.id);
      return listProgressUpdates(app.db, request.params.id, request.query);
    },
  );

  app.post(
    '/actions/:id/updates',
    {
      config: { access: access.signedIn },
      schema: {
        tags,
        summary: 'Post a progress update; its percentage and status apply to the action',
        params: IdParams,
        headers: IdempotencyHeaders,
        body: CreateProgressUpdateRequest,
        response: { 201: ProgressUpdate, ...problems, ...idempotencyProblems },
      },
    },
    async (request, reply) =>
      answerOnce(app.db, request, reply, 201, (db) =>
        addProgressUpdate(db, request.params.id, request.body, actionContextOf(request)),
      ),
  );
};

export default progressUpdateRoutes;
