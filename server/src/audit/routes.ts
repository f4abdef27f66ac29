import { AuditEventListQuery, AuditEventPage, Problem } from '@tracker/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

import { access } from '../auth/access';
import { actorOf } from '../auth/context';
import { auditScopeOf } from '../auth/policy';
import { HttpProblem } from '../http/errors';
import { listAuditEvents } from './queries';

const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/audit-events',
    {
      config: { access: access.roles('admin', 'region_lead') },
      schema: {
        tags: ['Audit trail'],
        summary: 'Who did what, newest first (administrators; region leads for their region)',
        querystring: AuditEventListQuery,
        response: {
          200: AuditEventPage,
          400: Problem,
          401: Problem,
          403: Problem,
          500: Problem,
          503: Problem,
        },
      },
    },
    async (request) => {
      const scope = auditScopeOf(actorOf(request));
      if (!scope)
        throw new HttpProblem(403, 'Forbidden', 'Your role may not read the audit trail.');
      return listAuditEvents(app.db, request.query, scope);
    },
  );
};

export default auditRoutes;
