import { Inspection, InspectionListQuery, InspectionPage } from '@tracker/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

import { access } from '../auth/access';
import { hiddenFrom } from '../auth/hidden';
import { canSeeRegion, readScopeOf } from '../auth/policy';
import { notFound } from '../http/errors';
import { IdParams, readProblems } from '../http/schemas';
import { findInspection, listInspections } from './queries';

const inspectionRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/inspections',
    {
      config: { access: access.signedIn },
      schema: {
        tags: ['Inspections'],
        summary: 'Inspections with their PDU ratings, newest letter first',
        querystring: InspectionListQuery,
        response: { 200: InspectionPage, ...readProblems },
      },
    },
    async (request) => listInspections(app.db, request.query, readScopeOf(request.actor!)),
  );

  app.get(
    '/inspections/:id',
    {
      config: { access: access.signedIn },
      schema: {
        tags: ['Inspections'],
        summary: 'One inspection with its PDU ratings',
        params: IdParams,
        response: { 200: Inspection, ...readProblems },
      },
    },
    async (request) => {
      const inspection = await findInspection(app.db, request.params.id);
      if (!inspection) throw notFound('Inspection', request.params.id);
      if (!canSeeRegion(request.actor!, inspection.region.id)) {
        throw hiddenFrom(request, 'Inspection', request.params.id);
      }
      return inspection;
    },
  );
};

export default inspectionRoutes;
