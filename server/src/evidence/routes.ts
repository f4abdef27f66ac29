import multipart from '@fastify/multipart';
import {
  AddedEvidence,
  CreateEvidenceRequest,
  Evidence,
  EvidenceListQuery,
  EvidencePage,
  Problem,
  RemoveEvidenceRequest,
} from '@tracker/shared';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

import { actionForReading, withRag } from '../actions/service';
import { actorOf, contextOf } from '../auth/context';
import { access } from '../auth/access';
import { hidden } from '../auth/hidden';
import { canSeeLivePlanData } from '../auth/policy';
import type { Config } from '../config';
import { badRequest, notFound } from '../http/errors';
import { IdParams, readProblems } from '../http/schemas';
import { downloadContent, sendEvidenceFile } from './download';
import { findEvidenceSubject, listEvidence } from './queries';
import { addFile, addLinkOrNote, removeEvidence } from './service';
import { IdempotencyHeaders, answerOnce, idempotencyProblems } from '../http/idempotency';
import { type Upload, multipartLimits, readFileForm, uploadDigest } from '../http/upload';

const tags = ['Evidence'];
const writeProblems = { ...readProblems, 403: Problem };

/** Evidence on actions: files, links and notes. */
const evidenceRoutes: FastifyPluginAsyncZod<{ config: Config }> = async (app, { config }) => {
  // Registered in this plugin only: elsewhere a multipart body stays a 415. Here the upload
  // route reads it, and JSON bodies (links, notes, removals) parse as before.
  await app.register(multipart, {
    throwFileSizeLimit: true,
    limits: multipartLimits(config.evidenceMaxBytes),
  });

  /** Files read from multipart requests, until their handler takes them. */
  const uploads = new WeakMap<FastifyRequest, Upload>();

  const actionContextOf = (request: FastifyRequest) =>
    withRag(contextOf(request), config.ragDueSoonDays);

  /**
   * A multipart form is read before validation so its text fields are checked by the route's
   * schema like any JSON body; the file waits in `uploads`.
   */
  async function readMultipartForm(request: FastifyRequest) {
    if (!request.isMultipart()) return;
    const { upload, fields } = await readFileForm(request, config.evidenceMaxBytes);
    if (fields.kind !== undefined && fields.kind !== 'file') {
      throw badRequest('A multipart form carries a file.', [
        { path: 'kind', message: 'must be "file" or left out in a multipart form' },
      ]);
    }
    if (upload) uploads.set(request, upload);
    request.body = { ...fields, kind: 'file' };
  }

  app.get(
    '/actions/:id/evidence',
    {
      config: { access: access.signedIn },
      schema: {
        tags,
        summary: "An action's evidence, newest first",
        params: IdParams,
        querystring: EvidenceListQuery,
        response: { 200: EvidencePage, ...readProblems },
      },
    },
    async (request) => {
      const { id } = request.params;
      await actionForReading(app.db, actorOf(request), id);
      return listEvidence(app.db, id, request.query);
    },
  );

  app.post(
    '/actions/:id/evidence',
    {
      config: { access: access.signedIn },
      preValidation: readMultipartForm,
      schema: {
        tags,
        summary: 'Add evidence to an action: a file (multipart/form-data), a link or a note',
        description:
          `A file is at most ${config.evidenceMaxBytes} bytes (413 beyond). Its type is decided ` +
          'by its content: PDF, PNG, JPEG, Word (.docx), Excel (.xlsx), OpenDocument (.odt, ' +
          '.ods, .odp), or UTF-8 text (CSV when named .csv); anything else is 415. The stored ' +
          'name ends with an extension of that type (replacing one that claims another, such as ' +
          '".hta" on text), and loses invisible and text-direction characters; ' +
          'fileNameNotice says what changed.',
        consumes: ['application/json', 'multipart/form-data'],
        params: IdParams,
        headers: IdempotencyHeaders,
        body: CreateEvidenceRequest,
        response: {
          201: AddedEvidence,
          ...writeProblems,
          ...idempotencyProblems,
          413: Problem,
          415: Problem,
        },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const body = request.body;
      const context = actionContextOf(request);
      const upload = uploads.get(request);
      if (body.kind === 'file' && !upload) {
        throw badRequest('A file is sent as multipart/form-data, in a part named "file".', [
          { path: 'file', message: 'is required' },
        ]);
      }
      return answerOnce(
        app.db,
        request,
        reply,
        201,
        (db) => {
          if (body.kind !== 'file') return addLinkOrNote(db, id, body, context);
          const { title, periodStart, periodEnd } = body;
          return addFile(db, id, { title, periodStart, periodEnd, upload: upload! }, context);
        },
        { extra: upload && uploadDigest(upload) },
      );
    },
  );

  app.get(
    '/evidence/:id/content',
    {
      config: { access: access.signedIn },
      schema: {
        tags,
        summary: 'Download an evidence file (also after it was removed: versions refer to it)',
        params: IdParams,
        response: {
          200: { description: 'The file, as uploaded', content: downloadContent },
          ...readProblems,
        },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const subject = await findEvidenceSubject(app.db, id);
      if (!subject) throw notFound('Evidence', id);
      if (!canSeeLivePlanData(actorOf(request), subject.regionId)) {
        throw hidden('Evidence', id);
      }
      return sendEvidenceFile(app.db, request, reply, subject, null);
    },
  );

  app.post(
    '/evidence/:id/remove',
    {
      config: { access: access.signedIn },
      schema: {
        tags,
        summary: 'Remove evidence, with a reason (it stays listed with includeRemoved=true)',
        params: IdParams,
        body: RemoveEvidenceRequest,
        response: { 200: Evidence, ...writeProblems, 409: Problem },
      },
    },
    async (request) => {
      const { id } = request.params;
      return removeEvidence(app.db, id, request.body.reason, actionContextOf(request));
    },
  );
};

export default evidenceRoutes;
