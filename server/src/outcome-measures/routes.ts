import { OutcomeMeasure, OutcomeMeasureListQuery, OutcomeMeasurePage } from '@tracker/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

import { notFound } from '../http/errors';
import { IdParams, readProblems } from '../http/schemas';
import { findOutcomeMeasure, listOutcomeMeasures } from './queries';

const outcomeMeasureRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/outcome-measures',
    {
      schema: {
        tags: ['Outcome measures'],
        summary: 'Outcome measures with baselines from the letter, targets and readings',
        querystring: OutcomeMeasureListQuery,
        response: { 200: OutcomeMeasurePage, ...readProblems },
      },
    },
    async (request) => listOutcomeMeasures(app.db, request.query),
  );

  app.get(
    '/outcome-measures/:id',
    {
      schema: {
        tags: ['Outcome measures'],
        summary: 'One outcome measure with its readings',
        params: IdParams,
        response: { 200: OutcomeMeasure, ...readProblems },
      },
    },
    async (request) => {
      const measure = await findOutcomeMeasure(app.db, request.params.id);
      if (!measure) throw notFound('Outcome measure', request.params.id);
      return measure;
    },
  );
};

export default outcomeMeasureRoutes;
