import { NationalLeadRequest, NextSteps, Problem } from '@tracker/shared';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

import type { Actor } from '../auth/actor';
import { access } from '../auth/access';
import { actorOf, contextOf } from '../auth/context';
import type { Config } from '../config';
import type { Db } from '../db/client';
import { IdParams, readProblems } from '../http/schemas';
import { documentSettings } from '../action-plans/document';
import {
  actionsDue,
  plansAwaitingNationalLead,
  plansToContinue,
  versionsToReview,
} from './queries';
import { askNationalLead } from './service';

const tags = ['Next steps'];

/** What needs each role, in the order they would act on it. */
async function nextStepsOf(db: Db, actor: Actor, settings: { now: Date; dueSoonDays: number }) {
  const unit = actor.unit;
  const personId = actor.kind === 'user' ? actor.id : null;
  // Region and national leads may be named to review HMPPS plans (SFO reviews, audits).
  const toReview = async () => (personId ? versionsToReview(db, { personId }) : []);
  switch (actor.role) {
    case 'region_lead':
      return [
        ...(await toReview()),
        ...(await plansToContinue(db, unit.id)),
        ...(await actionsDue(db, { ...unit, type: 'region' }, settings)),
      ];
    case 'head_of_operations':
      return actionsDue(db, { ...unit, type: 'pdu' }, settings);
    case 'national_lead':
      return [
        ...(await toReview()),
        ...(await plansAwaitingNationalLead(db, personId)),
        ...(await actionsDue(db, { ...unit, type: 'hmpps' }, settings)),
      ];
    case 'inspector':
      return versionsToReview(db, { inspectorate: true });
    case 'admin':
      return [];
  }
}

/** Who must act next: each person's home page, and asking the national lead for answers. */
const nextStepRoutes: FastifyPluginAsyncZod<{ config: Config }> = async (app, { config }) => {
  app.get(
    '/me/next-steps',
    {
      config: { access: access.signedIn },
      schema: {
        tags,
        operationId: 'getMyNextSteps',
        summary:
          "What needs the caller now: a region lead's plans being written and how far each has " +
          "got, a head of operations' overdue and due-soon actions, the national lead's plans " +
          'waiting on HMPPS answers, the versions awaiting the inspectorate or the HMPPS reviewer ' +
          'named for them',
        response: { 200: NextSteps, ...readProblems },
      },
    },
    async (request) => ({
      items: await nextStepsOf(app.db, actorOf(request), {
        now: app.clock(),
        dueSoonDays: config.ragDueSoonDays,
      }),
    }),
  );

  const planContextOf = (request: FastifyRequest) => {
    const context = contextOf(request);
    return { ...context, settings: documentSettings(config, context.now) };
  };

  app.post(
    '/action-plans/:id/national-lead-requests',
    {
      config: { access: access.signedIn },
      schema: {
        tags,
        operationId: 'askNationalLead',
        summary:
          "The plan's region lead asks the HMPPS national lead(s) for the answers the plan " +
          'waits on (HMPPS-owned recommendations and actions); each is told at most once a day',
        params: IdParams,
        response: { 200: NationalLeadRequest, ...readProblems, 403: Problem, 409: Problem },
      },
    },
    async (request) => askNationalLead(app.db, request.params.id, planContextOf(request)),
  );
};

export default nextStepRoutes;
