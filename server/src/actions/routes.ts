import {
  Action,
  ActionListQuery,
  ActionPage,
  CreateActionRequest,
  Problem,
  UpdateActionRequest,
} from '@tracker/shared';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

import { actorOf, contextOf } from '../auth/context';
import { access } from '../auth/access';
import { readScopeOf } from '../auth/policy';
import type { Config } from '../config';
import { requiredRevision, setEtag } from '../http/etag';
import { fastSerializerCompiler } from '../http/fast-serializer';
import { IdempotencyHeaders, answerOnce, idempotencyProblems } from '../http/idempotency';
import { IdParams } from '../http/schemas';
import { readActionPage } from './reads';
import { createAction, deleteAction, readableAction, updateAction, withRag } from './service';

const problems = {
  400: Problem,
  401: Problem,
  403: Problem,
  404: Problem,
  409: Problem,
  412: Problem,
  428: Problem,
  429: Problem,
  500: Problem,
  503: Problem,
};
const tags = ['Actions'];

const actionRoutes: FastifyPluginAsyncZod<{ config: Config }> = async (app, { config }) => {
  const rag = () => ({ now: app.clock(), dueSoonDays: config.ragDueSoonDays });
  const actionContextOf = (request: FastifyRequest) =>
    withRag(contextOf(request), config.ragDueSoonDays);

  app.post(
    '/recommendations/:id/actions',
    {
      config: { access: access.signedIn },
      schema: {
        tags,
        summary: 'Add an action to a recommendation',
        params: IdParams,
        headers: IdempotencyHeaders,
        body: CreateActionRequest,
        response: { 201: Action, ...problems, ...idempotencyProblems },
      },
    },
    async (request, reply) => {
      const action = await answerOnce(app.db, request, reply, 201, (db) =>
        createAction(db, request.params.id, request.body, actionContextOf(request)),
      );
      setEtag(reply, action.revision);
      return action;
    },
  );

  app.get(
    '/actions',
    {
      config: { access: access.signedIn },
      serializerCompiler: fastSerializerCompiler,
      schema: {
        tags,
        summary: 'Actions, filtered; soonest due first by default',
        querystring: ActionListQuery,
        response: { 200: ActionPage, ...problems },
      },
    },
    async (request) =>
      readActionPage(app.db, request.query, readScopeOf(actorOf(request)), rag(), actorOf(request)),
  );

  app.get(
    '/actions/:id',
    {
      config: { access: access.signedIn },
      serializerCompiler: fastSerializerCompiler,
      schema: {
        tags,
        summary: 'One action, with its ETag',
        params: IdParams,
        response: { 200: Action, ...problems },
      },
    },
    async (request, reply) => {
      const action = await readableAction(app.db, actorOf(request), request.params.id, rag());
      setEtag(reply, action.revision);
      return action;
    },
  );

  app.patch(
    '/actions/:id',
    {
      config: { access: access.signedIn },
      schema: {
        tags,
        summary: 'Change an action (If-Match required)',
        params: IdParams,
        body: UpdateActionRequest,
        response: { 200: Action, ...problems },
      },
    },
    async (request, reply) => {
      const action = await updateAction(
        app.db,
        request.params.id,
        request.body,
        () => requiredRevision(request),
        actionContextOf(request),
      );
      setEtag(reply, action.revision);
      return action;
    },
  );

  app.delete(
    '/actions/:id',
    {
      config: { access: access.signedIn },
      schema: {
        tags,
        summary: 'Delete a draft action (If-Match required); a submitted one is cancelled instead',
        params: IdParams,
        response: { 204: z.null(), ...problems },
      },
    },
    async (request, reply) => {
      await deleteAction(
        app.db,
        request.params.id,
        () => requiredRevision(request),
        actionContextOf(request),
      );
      return reply.code(204).send(null);
    },
  );
};

export default actionRoutes;
