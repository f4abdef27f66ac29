import { OrgUnit, OrgUnitListQuery, OrgUnitPage } from '@tracker/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

import { access } from '../auth/access';
import { actorOf } from '../auth/context';
import { hidden } from '../auth/hidden';
import { readScopeOf } from '../auth/policy';
import { notFound } from '../http/errors';
import { IdParams, readProblems } from '../http/schemas';
import { findOrgUnit, listOrgUnits } from './queries';

const orgUnitRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/org-units',
    {
      config: { access: access.signedIn },
      schema: {
        tags: ['Organisation units'],
        summary: 'Organisation units: HMPPS, regions, PDUs and the inspectorate',
        querystring: OrgUnitListQuery,
        response: { 200: OrgUnitPage, ...readProblems },
      },
    },
    async (request) => listOrgUnits(app.db, request.query, readScopeOf(actorOf(request))),
  );

  app.get(
    '/org-units/:id',
    {
      config: { access: access.signedIn },
      schema: {
        tags: ['Organisation units'],
        summary: 'One organisation unit',
        params: IdParams,
        response: { 200: OrgUnit, ...readProblems },
      },
    },
    async (request) => {
      const found = await findOrgUnit(app.db, request.params.id, readScopeOf(actorOf(request)));
      if (!found) throw notFound('Organisation unit', request.params.id);
      if (!found.visible) throw hidden('Organisation unit', request.params.id);
      return found.unit;
    },
  );
};

export default orgUnitRoutes;
