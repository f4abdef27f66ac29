import { OutcomeMeasure, OutcomeMeasureListQuery, OutcomeMeasurePage } from '@tracker/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

import { access } from '../auth/access';
import { hiddenFrom } from '../auth/hidden';
import { canSeeLivePlanData, readScopeOf } from '../auth/policy';
import { notFound } from '../http/errors';
import { IdParams, readProblems } from '../http/schemas';
import { findOutcomeMeasure, listOutcomeMeasures } from './queries';

const outcomeMeasureRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/outcome-measures',
    {
      config: { access: access.signedIn },
      schema: {
        tags: ['Outcome measures'],
        summary: 'Outcome measures with baselines from the letter, targets and readings',
        querystring: OutcomeMeasureListQuery,
        response: { 200: OutcomeMeasurePage, ...readProblems },
      },
    },
    async (request) => listOutcomeMeasures(app.db, request.query, readScopeOf(request.actor!)),
  );

  app.get(
    '/outcome-measures/:id',
    {
      config: { access: access.signedIn },
      schema: {
        tags: ['Outcome measures'],
        summary: 'One outcome measure with its readings',
        params: IdParams,
        response: { 200: OutcomeMeasure, ...readProblems },
      },
    },
    async (request) => {
      const found = await findOutcomeMeasure(app.db, request.params.id);
      if (!found) throw notFound('Outcome measure', request.params.id);
      if (!canSeeLivePlanData(request.actor!, found.regionId)) {
        throw hiddenFrom(request, 'Outcome measure', request.params.id);
      }
      return found.measure;
    },
  );
};

export default outcomeMeasureRoutes;
