import { OutboxEmailListQuery, OutboxEmailPage, Problem } from '@tracker/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

import { access } from '../auth/access';
import type { Config } from '../config';
import { readProblems } from '../http/schemas';
import { listOutboxEmails } from './queries';

/**
 * Every email the service has sent or holds, for administrators: without a Notify key this is
 * where set-password links and messages wait to be passed on by hand.
 */
const outboxRoutes: FastifyPluginAsyncZod<{ config: Config }> = async (app, { config }) => {
  app.get(
    '/outbox-emails',
    {
      config: { access: access.roles('admin') },
      schema: {
        tags: ['Emails (administrators)'],
        summary: 'Emails sent, waiting and held, newest first',
        querystring: OutboxEmailListQuery,
        response: { 200: OutboxEmailPage, ...readProblems, 403: Problem },
      },
    },
    async (request) => listOutboxEmails(app.db, request.query, config.publicUrl),
  );
};

export default outboxRoutes;
