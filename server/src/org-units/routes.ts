import multipart from '@fastify/multipart';
import {
  CreateOrgUnitRequest,
  ImportQuery,
  ImportReport,
  OrgUnit,
  OrgUnitListQuery,
  OrgUnitPage,
  Problem,
  UpdateOrgUnitRequest,
} from '@tracker/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

import { access } from '../auth/access';
import { actorOf, contextOf } from '../auth/context';
import { hidden } from '../auth/hidden';
import { readScopeOf } from '../auth/policy';
import { readSheet, runImport } from '../exports/read-sheet';
import { requiredRevision, setEtag } from '../http/etag';
import { badRequest, notFound } from '../http/errors';
import { multipartLimits, readFileForm } from '../http/upload';
import { IdParams, readProblems } from '../http/schemas';
import { findOrgUnit, listOrgUnits } from './queries';
import { importUnits, unitLayout } from './import-units';
import { createOrgUnit, updateOrgUnit } from './service';

const importMaxBytes = 5 * 1024 * 1024;

const writeProblems = {
  400: Problem,
  401: Problem,
  403: Problem,
  404: Problem,
  409: Problem,
  412: Problem,
  428: Problem,
  500: Problem,
  503: Problem,
};
const adminOnly = { access: access.roles('admin') };

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
    async (request, reply) => {
      const found = await findOrgUnit(app.db, request.params.id, readScopeOf(actorOf(request)));
      if (!found) throw notFound('Organisation unit', request.params.id);
      if (!found.visible) throw hidden('Organisation unit', request.params.id);
      setEtag(reply, found.unit.revision);
      return found.unit;
    },
  );

  app.post(
    '/org-units',
    {
      config: adminOnly,
      schema: {
        tags: ['Organisation units'],
        operationId: 'createOrgUnit',
        summary: 'Add a region (under HMPPS) or a PDU (under a region); administrators only',
        body: CreateOrgUnitRequest,
        response: { 201: OrgUnit, ...writeProblems },
      },
    },
    async (request, reply) => {
      const unit = await createOrgUnit(app.db, request.body, contextOf(request));
      setEtag(reply, unit.revision);
      return reply.code(201).send(unit);
    },
  );

  app.patch(
    '/org-units/:id',
    {
      config: adminOnly,
      schema: {
        tags: ['Organisation units'],
        operationId: 'updateOrgUnit',
        summary:
          'Rename a region or PDU, move a PDU to another region, or retire a unit (units with history are never deleted); needs If-Match',
        params: IdParams,
        body: UpdateOrgUnitRequest,
        response: { 200: OrgUnit, ...writeProblems },
      },
    },
    async (request, reply) => {
      const unit = await updateOrgUnit(
        app.db,
        request.params.id,
        request.body,
        () => requiredRevision(request),
        contextOf(request),
      );
      setEtag(reply, unit.revision);
      return unit;
    },
  );

  // Registered in this plugin only: elsewhere a multipart body stays a 415.
  await app.register(multipart, {
    throwFileSizeLimit: true,
    limits: multipartLimits(importMaxBytes),
  });

  app.post(
    '/org-unit-imports',
    {
      config: adminOnly,
      schema: {
        tags: ['Organisation units'],
        operationId: 'importOrgUnits',
        summary:
          'Add regions and PDUs from an xlsx or CSV (administrators): columns Type (Region or ' +
          "PDU), Name, Code, Region (a PDU's region, by name or code, here already or earlier in " +
          'the file). A dry run reports row by row; apply is all or nothing; a unit already here ' +
          'with the same values is unchanged. Send multipart/form-data with one part named `file`.',
        querystring: ImportQuery,
        consumes: ['multipart/form-data'],
        response: { 200: ImportReport, ...writeProblems, 413: Problem },
      },
    },
    async (request) => {
      const { upload } = await readFileForm(request, importMaxBytes);
      if (!upload)
        throw badRequest('Send the file to import.', [{ path: 'file', message: 'is required' }]);
      return runImport(async () =>
        importUnits(app.db, await readSheet(upload.content, unitLayout), {
          apply: request.query.mode === 'apply',
          context: contextOf(request),
        }),
      );
    },
  );
};

export default orgUnitRoutes;
