import { Notification, NotificationListQuery, NotificationPage, Problem } from '@tracker/shared';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

import { access } from '../auth/access';
import { personOf } from '../auth/context';
import type { Config } from '../config';
import { notFound } from '../http/errors';
import { IdParams, readProblems } from '../http/schemas';
import { raiseDueDateNotices } from './due-dates';
import { listNotifications } from './queries';
import { markAllRead, markRead } from './service';

const tags = ['Notifications'];
const problems = { ...readProblems, 403: Problem };

/**
 * Notifications belong to people. Reading them changes nothing in any plan, so marking them
 * read leaves no audit row (the trail records business changes, and this is not one).
 */
const notificationRoutes: FastifyPluginAsyncZod<{ config: Config }> = async (app, { config }) => {
  /** The signed-in person's id; API clients act for a unit, not a person, and have none. */
  function recipientOf(request: FastifyRequest): string {
    return personOf(request, 'API clients have no notifications.').id;
  }

  app.get(
    '/notifications',
    {
      config: { access: access.signedIn },
      schema: {
        tags,
        summary:
          "The caller's notifications, newest first, with the count of all unread ones. " +
          'Due-soon and overdue notices for their actions are raised as this is read.',
        querystring: NotificationListQuery,
        response: { 200: NotificationPage, ...problems },
      },
    },
    async (request) => {
      const recipientId = recipientOf(request);
      return app.db.transaction(async (tx) => {
        await raiseDueDateNotices(tx, recipientId, {
          now: app.clock(),
          dueSoonDays: config.ragDueSoonDays,
        });
        return listNotifications(tx, recipientId, request.query);
      });
    },
  );

  // Each write below is one statement, so it is atomic without an explicit transaction.
  app.post(
    '/notifications/:id/read',
    {
      config: { access: access.signedIn },
      schema: {
        tags,
        summary: 'Mark one of your notifications read (again: no change)',
        params: IdParams,
        response: { 200: Notification, ...problems },
      },
    },
    async (request) => {
      const { id } = request.params;
      const notification = await markRead(app.db, recipientOf(request), id, app.clock());
      if (!notification) throw notFound('Notification', id);
      return notification;
    },
  );

  app.post(
    '/notifications/read-all',
    {
      config: { access: access.signedIn },
      schema: {
        tags,
        summary: 'Mark all your notifications read',
        response: {
          200: z.object({ count: z.number().int().describe('How many were unread.') }),
          ...problems,
        },
      },
    },
    async (request) => ({ count: await markAllRead(app.db, recipientOf(request), app.clock()) }),
  );
};

export default notificationRoutes;
