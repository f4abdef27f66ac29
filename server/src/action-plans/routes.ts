import { ActionPlan, ActionPlanListQuery, ActionPlanPage } from '@tracker/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

import { notFound } from '../http/errors';
import { IdParams, readProblems } from '../http/schemas';
import { findActionPlan, listActionPlans } from './queries';

const actionPlanRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/action-plans',
    {
      schema: {
        tags: ['Action plans'],
        summary: 'Action plans, newest first',
        querystring: ActionPlanListQuery,
        response: { 200: ActionPlanPage, ...readProblems },
      },
    },
    async (request) => listActionPlans(app.db, request.query),
  );

  app.get(
    '/action-plans/:id',
    {
      schema: {
        tags: ['Action plans'],
        summary: 'One action plan with its status',
        params: IdParams,
        response: { 200: ActionPlan, ...readProblems },
      },
    },
    async (request) => {
      const plan = await findActionPlan(app.db, request.params.id);
      if (!plan) throw notFound('Action plan', request.params.id);
      return plan;
    },
  );
};

export default actionPlanRoutes;
