import {
  ApprovePendingAccountRequest,
  CreateUserRequest,
  PendingAccountListQuery,
  PendingAccountPage,
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
import { z } from 'zod';

import { access } from '../auth/access';
import { contextOf } from '../auth/context';
import type { Config } from '../config';
import { notFound } from '../http/errors';
import { IdParams } from '../http/schemas';
import { findUser, listPendingAccounts, listUsers } from './queries';
import {
  approvePendingAccount,
  createUser,
  openActionsOf,
  reassignOpenActions,
  refusePendingAccount,
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
    '/pending-accounts',
    {
      config: adminOnly,
      schema: {
        tags,
        operationId: 'listPendingAccounts',
        summary: 'People from an allowed domain who signed in by single sign-on, awaiting approval',
        querystring: PendingAccountListQuery,
        response: { 200: PendingAccountPage, ...problems },
      },
    },
    async (request) => listPendingAccounts(app.db, request.query),
  );

  app.post(
    '/pending-accounts/:id/approval',
    {
      config: adminOnly,
      schema: {
        tags,
        operationId: 'approvePendingAccount',
        summary: 'Approve a pending account with a role and unit: it becomes a user',
        params: IdParams,
        body: ApprovePendingAccountRequest,
        response: { 201: User, ...problems },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await approvePendingAccount(app.db, request.params.id, request.body, contextOf(request)),
        ),
  );

  app.delete(
    '/pending-accounts/:id',
    {
      config: adminOnly,
      schema: {
        tags,
        operationId: 'refusePendingAccount',
        summary: 'Refuse a pending account: the request is forgotten',
        params: IdParams,
        response: { 204: z.null(), ...problems },
      },
    },
    async (request, reply) => {
      await refusePendingAccount(app.db, request.params.id, contextOf(request));
      return reply.code(204).send(null);
    },
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
