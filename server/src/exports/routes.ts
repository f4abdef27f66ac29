import multipart from '@fastify/multipart';
import { ImportQuery, ImportReport, Problem, Uuid, VersionNumber } from '@tracker/shared';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

import { recordDownload } from '../audit/record';
import { access } from '../auth/access';
import { actorOf, contextOf } from '../auth/context';
import type { Config } from '../config';
import { badRequest } from '../http/errors';
import { IdempotencyHeaders, answerOnce, idempotencyProblems } from '../http/idempotency';
import { multipartLimits, readFileForm, uploadDigest } from '../http/upload';
import { readProblems } from '../http/schemas';
import { documentSettings, livePlanDocument } from '../action-plans/document';
import { planInSight } from '../action-plans/in-sight';
import { versionInSight } from '../submissions/in-sight';
import { exportRows } from './columns';
import { importActions } from './import-actions';
import { readSheet, runImport } from './read-sheet';
import { planCsv } from './csv';
import { planDocx } from './docx';
import { editionOf } from './edition';
import { planXlsx } from './xlsx';

const mediaTypes = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
} as const;
type Format = keyof typeof mediaTypes;

const ExportQuery = z.object({
  format: z.enum(['docx', 'xlsx', 'csv']),
  version: VersionNumber.optional().describe(
    'A submitted version; the live plan when left out (not for inspectors).',
  ),
});

/** A plan's spreadsheet is tens of kilobytes; 5 MB leaves room and bounds the work. */
const importMaxBytes = 5 * 1024 * 1024;

const FileBytes = z.instanceof(Buffer).meta({ type: 'string', format: 'binary' });

function fileName(regionName: string, version: number | undefined, format: Format, today: string) {
  const region = regionName.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  return `action-plan-${region}-${version ? `v${version}` : `live-${today}`}.${format}`;
}

const exportRoutes: FastifyPluginAsyncZod<{ config: Config }> = async (app, { config }) => {
  /** The version's frozen document, or the live plan's (as at now) for those who may see it. */
  async function documentFor(request: FastifyRequest, planId: string, version?: number) {
    if (version) {
      const found = await versionInSight(app.db, actorOf(request), planId, version);
      const copy = { version, kind: found.version.kind };
      return { plan: found.plan, document: found.version.document, copy };
    }
    const plan = await planInSight(app.db, actorOf(request), planId, { live: true });
    const now = app.clock();
    const document = await livePlanDocument(
      app.db,
      plan.inspectionId,
      { on: now, by: actorOf(request).name },
      documentSettings(config, now),
    );
    return { plan, document, copy: { asAt: now } };
  }

  app.get(
    '/action-plans/:id/export',
    {
      config: { access: access.signedIn },
      schema: {
        tags: ['Exports and imports'],
        summary:
          'The plan as Word (formal submission), Excel or CSV (one row per action); a version with ?version=',
        params: z.object({ id: Uuid }),
        querystring: ExportQuery,
        response: {
          200: {
            description: 'The file',
            content: Object.fromEntries(
              Object.values(mediaTypes).map((type) => [type, { schema: FileBytes }]),
            ),
          },
          ...readProblems,
        },
      },
    },
    async (request, reply) => {
      const { format, version } = request.query;
      const { plan, document, copy } = await documentFor(request, request.params.id, version);
      const rows = () => exportRows(document);
      const file =
        format === 'docx'
          ? await planDocx(document, await editionOf(app.db, plan, document, copy))
          : format === 'xlsx'
            ? await planXlsx(rows(), document.header.title)
            : planCsv(rows());
      const name = fileName(plan.region.name, version, format, document.header.submittedOn);
      await recordDownload(app.db, request, {
        action: 'plan.exported',
        subjectType: 'action_plan',
        subjectId: plan.id,
        regionId: plan.region.id,
        after: { format, versionNumber: version ?? null, fileName: name },
      });
      return reply
        .header('content-disposition', `attachment; filename="${name}"`)
        .header('x-content-type-options', 'nosniff')
        .type(mediaTypes[format])
        .send(file);
    },
  );

  // Registered in this plugin only: elsewhere a multipart body stays a 415.
  await app.register(multipart, {
    throwFileSizeLimit: true,
    limits: multipartLimits(importMaxBytes),
  });

  app.post(
    '/action-plans/:id/imports',
    {
      config: { access: access.signedIn },
      schema: {
        tags: ['Exports and imports'],
        summary:
          "Import actions from an xlsx or CSV in the export's layout: a dry run reports row by row; " +
          'apply is all or nothing. Send multipart/form-data with one part named `file`.',
        params: z.object({ id: Uuid }),
        querystring: ImportQuery,
        consumes: ['multipart/form-data'],
        headers: IdempotencyHeaders,
        response: {
          200: ImportReport,
          ...readProblems,
          ...idempotencyProblems,
          403: Problem,
          413: Problem,
        },
      },
    },
    async (request, reply) => {
      const plan = await planInSight(app.db, actorOf(request), request.params.id, { live: true });
      const { upload } = await readFileForm(request, importMaxBytes);
      if (!upload)
        throw badRequest('Send the file to import.', [{ path: 'file', message: 'is required' }]);
      const context = contextOf(request);
      const settings = documentSettings(config, context.now);
      const deadline = performance.now() + config.importMaxSeconds * 1000;
      return runImport(async () => {
        const sheet = await readSheet(upload.content);
        return answerOnce(
          app.db,
          request,
          reply,
          200,
          (db) =>
            importActions(
              db,
              { inspectionId: plan.inspectionId, regionId: plan.region.id },
              sheet,
              {
                apply: request.query.mode === 'apply',
                context: { ...context, rag: settings.rag },
                settings,
                expired: () => performance.now() > deadline,
              },
            ),
          { extra: uploadDigest(upload) },
        );
      });
    },
  );
};

export default exportRoutes;
