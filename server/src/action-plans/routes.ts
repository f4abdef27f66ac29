import { ActionPlan, ActionPlanListQuery, ActionPlanPage, PlanSummary } from '@tracker/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

import { access } from '../auth/access';
import { hiddenFrom } from '../auth/hidden';
import { canSeeLivePlanData, canSeePlan, readScopeOf } from '../auth/policy';
import type { Config } from '../config';
import { notFound } from '../http/errors';
import { setEtag } from '../http/etag';
import { IdParams, readProblems } from '../http/schemas';
import { findActionPlan, listActionPlans } from './queries';
import { planSummary } from './summary';

const actionPlanRoutes: FastifyPluginAsyncZod<{ config: Config }> = async (app, { config }) => {
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
    async (request) =>
      listActionPlans(app.db, request.query, readScopeOf(request.actor!), request.actor!),
  );

  app.get(
    '/action-plans/:id',
    {
      config: { access: access.signedIn },
      schema: {
        tags: ['Action plans'],
        summary: 'One action plan with its status; its ETag guards submission',
        params: IdParams,
        response: { 200: ActionPlan, ...readProblems },
      },
    },
    async (request, reply) => {
      const plan = await findActionPlan(app.db, request.params.id, request.actor!);
      if (!plan) throw notFound('Action plan', request.params.id);
      if (!canSeePlan(request.actor!, { regionId: plan.region.id, status: plan.status })) {
        throw hiddenFrom(request, 'Action plan', request.params.id);
      }
      setEtag(reply, plan.revision);
      // The response schema keeps the plan's public fields; the revision travels as the ETag.
      return plan;
    },
  );

  app.get(
    '/action-plans/:id/summary',
    {
      config: { access: access.signedIn },
      schema: {
        tags: ['Action plans'],
        summary:
          'Dashboard figures: counts by status and RAG, overdue, due soon, unowned, progress by unit, level and theme',
        params: IdParams,
        response: { 200: PlanSummary, ...readProblems },
      },
    },
    async (request) => {
      const plan = await findActionPlan(app.db, request.params.id, null);
      if (!plan) throw notFound('Action plan', request.params.id);
      if (!canSeeLivePlanData(request.actor!, plan.region.id))
        throw hiddenFrom(request, 'Action plan', request.params.id);
      return planSummary(app.db, plan, { now: app.clock(), dueSoonDays: config.ragDueSoonDays });
    },
  );
};

export default actionPlanRoutes;
