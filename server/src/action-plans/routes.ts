import { ActionPlan, ActionPlanListQuery, ActionPlanPage } from '@tracker/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

import { access } from '../auth/access';
import { hiddenFrom } from '../auth/hidden';
import { canSeePlan, readScopeOf } from '../auth/policy';
import { notFound } from '../http/errors';
import { IdParams, readProblems } from '../http/schemas';
import { findActionPlan, listActionPlans } from './queries';

const actionPlanRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/action-plans',
    {
      config: { access: access.signedIn },
      schema: {
        tags: ['Action plans'],
        summary: 'Action plans, newest first',
        querystring: ActionPlanListQuery,
        response: { 200: ActionPlanPage, ...readProblems },
      },
    },
    async (request) => listActionPlans(app.db, request.query, readScopeOf(request.actor!)),
  );

  app.get(
    '/action-plans/:id',
    {
      config: { access: access.signedIn },
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
      if (!canSeePlan(request.actor!, { regionId: plan.region.id, status: plan.status })) {
        throw hiddenFrom(request, 'Action plan', request.params.id);
      }
      return plan;
    },
  );
};

export default actionPlanRoutes;
