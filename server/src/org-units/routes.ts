import { OrgUnit, OrgUnitListQuery, OrgUnitPage } from '@tracker/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

import { notFound } from '../http/errors';
import { IdParams, readProblems } from '../http/schemas';
import { findOrgUnit, listOrgUnits } from './queries';

const orgUnitRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/org-units',
    {
      schema: {
        tags: ['Organisation units'],
        summary: 'Organisation units: HMPPS, regions, PDUs and the inspectorate',
        querystring: OrgUnitListQuery,
        response: { 200: OrgUnitPage, ...readProblems },
      },
    },
    async (request) => listOrgUnits(app.db, request.query),
  );

  app.get(
    '/org-units/:id',
    {
      schema: {
        tags: ['Organisation units'],
        summary: 'One organisation unit',
        params: IdParams,
        response: { 200: OrgUnit, ...readProblems },
      },
    },
    async (request) => {
      const unit = await findOrgUnit(app.db, request.params.id);
      if (!unit) throw notFound('Organisation unit', request.params.id);
      return unit;
    },
  );
};

export default orgUnitRoutes;
