import { ActionPlan, ActionPlanListQuery, ActionPlanPage, PlanSummary } from '@tracker/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

import { access } from '../auth/access';
import { actorOf } from '../auth/context';
import { readScopeOf } from '../auth/policy';
import type { Config } from '../config';
import { setEtag } from '../http/etag';
import { IdParams, readProblems } from '../http/schemas';
import { planInSight } from '../action-plans/in-sight';
import { listActionPlans } from './queries';
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
      listActionPlans(app.db, request.query, readScopeOf(actorOf(request)), actorOf(request)),
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
      const plan = await planInSight(app.db, actorOf(request), request.params.id);
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
      const plan = await planInSight(app.db, actorOf(request), request.params.id, { live: true });
      return planSummary(app.db, plan, { now: app.clock(), dueSoonDays: config.ragDueSoonDays });
    },
  );
};

export default actionPlanRoutes;
