import {
  CreateUserRequest,
  OpenActionList,
  PasswordLink,
  Problem,
  ReassignActionsRequest,
  ReassignActionsResult,
  UpdateUserRequest,
  User,
  UserListQuery,
  UserPage,
} from '@tracker/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

import { access } from '../auth/access';
import { contextOf } from '../auth/context';
import type { Config } from '../config';
import { notFound } from '../http/errors';
import { IdParams } from '../http/schemas';
import { findUser, listUsers } from './queries';
import {
  createUser,
  openActionsOf,
  reassignOpenActions,
  resetPassword,
  setDisabled,
  updateUser,
} from './service';

const problems = {
  400: Problem,
  401: Problem,
  403: Problem,
  404: Problem,
  409: Problem,
  500: Problem,
  503: Problem,
};
const adminOnly = { access: access.roles('admin') };
const tags = ['Users (administrators)'];

/** Account lifecycle, for administrators. */
const userRoutes: FastifyPluginAsyncZod<{ config: Config }> = async (app, { config }) => {
  app.get(
    '/users',
    {
      config: adminOnly,
      schema: {
        tags,
        summary: 'Users, by name',
        querystring: UserListQuery,
        response: { 200: UserPage, ...problems },
      },
    },
    async (request) => listUsers(app.db, request.query),
  );

  app.post(
    '/users',
    {
      config: adminOnly,
      schema: {
        tags,
        summary: 'Create a user; answers with their one-time set-password link',
        body: CreateUserRequest,
        response: { 201: PasswordLink, ...problems },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await createUser(app.db, request.body, contextOf(request), config.publicUrl)),
  );

  app.get(
    '/users/:id',
    {
      config: adminOnly,
      schema: { tags, summary: 'One user', params: IdParams, response: { 200: User, ...problems } },
    },
    async (request) => {
      const user = await findUser(app.db, request.params.id);
      if (!user) throw notFound('User', request.params.id);
      return user;
    },
  );

  app.patch(
    '/users/:id',
    {
      config: adminOnly,
      schema: {
        tags,
        summary: "Change a user's name, role or unit; a new role or unit ends their sessions",
        params: IdParams,
        body: UpdateUserRequest,
        response: { 200: User, ...problems },
      },
    },
    async (request) => updateUser(app.db, request.params.id, request.body, contextOf(request)),
  );

  app.post(
    '/users/:id/password-reset',
    {
      config: adminOnly,
      schema: {
        tags,
        summary: "Clear a user's password and give a new one-time link; their sessions end",
        params: IdParams,
        response: { 200: PasswordLink, ...problems },
      },
    },
    async (request) =>
      resetPassword(app.db, request.params.id, contextOf(request), config.publicUrl),
  );

  for (const [path, disabled, summary] of [
    ['/users/:id/disable', true, 'Disable a user: their sessions end at once'],
    ['/users/:id/enable', false, 'Enable a disabled user again'],
  ] as const) {
    app.post(
      path,
      {
        config: adminOnly,
        schema: { tags, summary, params: IdParams, response: { 200: User, ...problems } },
      },
      async (request) => setDisabled(app.db, request.params.id, disabled, contextOf(request)),
    );
  }

  app.get(
    '/users/:id/open-actions',
    {
      config: adminOnly,
      schema: {
        tags,
        summary: "A user's unfinished actions (to reassign those of a disabled person)",
        params: IdParams,
        response: { 200: OpenActionList, ...problems },
      },
    },
    async (request) => ({ items: await openActionsOf(app.db, request.params.id) }),
  );

  app.post(
    '/users/:id/reassign-actions',
    {
      config: adminOnly,
      schema: {
        tags,
        summary: "Give all of a user's unfinished actions to another active user",
        params: IdParams,
        body: ReassignActionsRequest,
        response: { 200: ReassignActionsResult, ...problems },
      },
    },
    async (request) => ({
      reassigned: await reassignOpenActions(
        app.db,
        request.params.id,
        request.body.toUserId,
        contextOf(request),
      ),
    }),
  );
};

export default userRoutes;
