import multipart from '@fastify/multipart';
import {
  CreateInspectionRequest,
  ImportQuery,
  ImportReport,
  Inspection,
  InspectionListQuery,
  InspectionPage,
  Problem,
  SetReviewerRequest,
} from '@tracker/shared';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

import { access } from '../auth/access';
import { hidden } from '../auth/hidden';
import { canSeeInspection, readScopeOf } from '../auth/policy';
import { actorOf, contextOf } from '../auth/context';
import { readSheet, readWorkbookSheets, runImport } from '../exports/read-sheet';
import { badRequest, notFound } from '../http/errors';
import { IdempotencyHeaders, answerOnce, idempotencyProblems } from '../http/idempotency';
import { IdParams, readProblems } from '../http/schemas';
import { multipartLimits, readFileForm } from '../http/upload';
import { importRecommendations, recommendationLayout } from './import-recommendations';
import { importLetter, letterLayouts, letterTemplate } from './letter-import';
import { findInspection, listInspections } from './queries';
import { createInspection, setReviewer } from './service';

/** A letter's annexe is a few dozen rows; 5 MB leaves room and bounds the work. */
const importMaxBytes = 5 * 1024 * 1024;

/** Loading an inspection is an administrator's task (the product brief). */
const adminOnly = { access: access.roles('admin') };
const writeProblems = { ...readProblems, 403: Problem, 409: Problem };
const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const FileBytes = z.instanceof(Buffer).meta({ type: 'string', format: 'binary' });

const inspectionRoutes: FastifyPluginAsyncZod = async (app) => {
  /** The inspection an import is for and the file sent (400 naming `file` without one). */
  const importFor = async (request: FastifyRequest, inspectionId: string) => {
    const inspection = await findInspection(app.db, inspectionId);
    if (!inspection) throw notFound('Inspection', inspectionId);
    const { upload } = await readFileForm(request, importMaxBytes);
    if (!upload)
      throw badRequest('Send the file to import.', [{ path: 'file', message: 'is required' }]);
    return { inspection, upload };
  };

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
    async (request) => listInspections(app.db, request.query, readScopeOf(actorOf(request))),
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
      const subject = { regionId: inspection.region.id, kind: inspection.kind };
      if (!canSeeInspection(actorOf(request), subject)) {
        throw hidden('Inspection', request.params.id);
      }
      return inspection;
    },
  );

  app.post(
    '/inspections',
    {
      config: adminOnly,
      schema: {
        tags: ['Inspections'],
        summary:
          'Load a new inspection from its letter (administrators); its draft action plan is created with it',
        headers: IdempotencyHeaders,
        body: CreateInspectionRequest,
        response: { 201: Inspection, ...writeProblems, ...idempotencyProblems },
      },
    },
    async (request, reply) => {
      const inspection = await answerOnce(app.db, request, reply, 201, (db) =>
        createInspection(db, request.body, contextOf(request)),
      );
      return reply.header('location', `/api/v1/inspections/${inspection.id}`).send(inspection);
    },
  );

  app.put(
    '/inspections/:id/reviewer',
    {
      config: adminOnly,
      schema: {
        tags: ['Inspections'],
        summary:
          'Name who reviews the plan of an SFO review, internal audit or policy review ' +
          "(administrators): a national lead or the region's lead for quality",
        params: IdParams,
        body: SetReviewerRequest,
        response: { 200: Inspection, ...writeProblems },
      },
    },
    async (request) => setReviewer(app.db, request.params.id, request.body, contextOf(request)),
  );

  // Registered in this plugin only: elsewhere a multipart body stays a 415.
  await app.register(multipart, {
    throwFileSizeLimit: true,
    limits: multipartLimits(importMaxBytes),
  });

  app.post(
    '/inspections/:id/recommendation-imports',
    {
      config: adminOnly,
      schema: {
        tags: ['Inspections'],
        summary:
          "Import an inspection's recommendations from an xlsx or CSV (administrators): columns " +
          'Source PDU, Number, Recommendation, Owner level, Owning unit, Themes. A dry run ' +
          'reports row by row; apply is all or nothing. Send multipart/form-data with one part ' +
          'named `file`.',
        params: IdParams,
        querystring: ImportQuery,
        consumes: ['multipart/form-data'],
        response: { 200: ImportReport, ...writeProblems, 413: Problem },
      },
    },
    async (request) => {
      const { inspection, upload } = await importFor(request, request.params.id);
      return runImport(async () =>
        importRecommendations(
          app.db,
          inspection.id,
          await readSheet(upload.content, recommendationLayout),
          { apply: request.query.mode === 'apply', context: contextOf(request) },
        ),
      );
    },
  );

  app.get(
    '/inspections/:id/letter-imports/template',
    {
      config: adminOnly,
      schema: {
        tags: ['Inspections'],
        operationId: 'getInspectionLetterTemplate',
        summary:
          'The empty letter template (administrators): an xlsx with the sheets Letter, ' +
          'PDU ratings and Outcome measures headed as the letter import reads them, and a ' +
          '"How to fill" sheet describing every column',
        params: IdParams,
        response: {
          200: { description: 'The template', content: { [xlsxType]: { schema: FileBytes } } },
          ...readProblems,
          403: Problem,
        },
      },
    },
    async (request, reply) => {
      const inspection = await findInspection(app.db, request.params.id);
      if (!inspection) throw notFound('Inspection', request.params.id);
      return reply
        .header('content-disposition', 'attachment; filename="letter-template.xlsx"')
        .header('x-content-type-options', 'nosniff')
        .type(xlsxType)
        .send(await letterTemplate());
    },
  );

  app.post(
    '/inspections/:id/letter-imports',
    {
      config: adminOnly,
      schema: {
        tags: ['Inspections'],
        summary:
          'Load the rest of the letter from the letter template, xlsx only (administrators). ' +
          'Sheet "Letter" (one row): Overall rating, Publication date (YYYY-MM-DD). Sheet ' +
          '"PDU ratings" (one row per PDU): PDU (name or code, a PDU of the region), Fieldwork ' +
          'start month (YYYY-MM), Overall rating, Score achieved, Score max, then one column per ' +
          'framework standard (1.1 ... 2.5) with a rating or blank. Sheet "Outcome measures": ' +
          'Source PDU, Recommendation number, Name, Unit, Direction, Baseline value, Baseline ' +
          'numerator, Baseline denominator (a proportion: "five out of 15" is 5 and 15, value ' +
          'worked out as 33.3 per cent), Baseline period, Baseline date, Baseline source, Target ' +
          'value, Target date. Ratings are Outstanding, Good, Requires improvement or ' +
          'Inadequate; HMPPS kinds give none. A sheet left out is left unchanged; a sheet given ' +
          'replaces what it holds, so the same file twice is unchanged. A dry run reports row by ' +
          'row, naming sheet, row and column; apply is all or nothing. Send multipart/form-data ' +
          'with one part named `file`.',
        params: IdParams,
        querystring: ImportQuery,
        consumes: ['multipart/form-data'],
        response: { 200: ImportReport, ...writeProblems, 413: Problem },
      },
    },
    async (request) => {
      const { inspection, upload } = await importFor(request, request.params.id);
      return runImport(async () => {
        const sheets = await readWorkbookSheets(upload.content, letterLayouts);
        const letter = sheets.Letter;
        const pduRatings = sheets['PDU ratings'];
        const outcomeMeasures = sheets['Outcome measures'];
        if (!letter && !pduRatings && !outcomeMeasures)
          throw badRequest('The workbook is not the letter template.', [
            {
              path: 'file',
              message: 'has none of the sheets "Letter", "PDU ratings", "Outcome measures"',
            },
          ]);
        return importLetter(
          app.db,
          inspection.id,
          { letter, pduRatings, outcomeMeasures },
          { apply: request.query.mode === 'apply', context: contextOf(request) },
        );
      });
    },
  );
};

export default inspectionRoutes;
