import {
  CreateMeasureReadingRequest,
  CreateOutcomeMeasureRequest,
  OutcomeMeasure,
  OutcomeMeasureListQuery,
  OutcomeMeasurePage,
  Problem,
  UpdateOutcomeMeasureRequest,
} from '@tracker/shared';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

import { access } from '../auth/access';
import { actorOf, contextOf } from '../auth/context';
import { hidden } from '../auth/hidden';
import { canSeeLivePlanData, readScopeOf } from '../auth/policy';
import { requiredRevision, setEtag } from '../http/etag';
import { notFound } from '../http/errors';
import { IdempotencyHeaders, answerOnce, idempotencyProblems } from '../http/idempotency';
import { IdParams, readProblems } from '../http/schemas';
import { type MeasureSettings, defaultMeasureSettings } from './met';
import { findOutcomeMeasure, listOutcomeMeasures } from './queries';
import {
  type MeasureContext,
  addReading,
  createOutcomeMeasure,
  deleteOutcomeMeasure,
  updateOutcomeMeasure,
} from './service';

const writeProblems = { ...readProblems, 403: Problem };
const guardedProblems = { ...writeProblems, 412: Problem, 428: Problem };
const tags = ['Outcome measures'];

/** Options: the rule for `met` (until the configuration names it, the module's default). */
export type OutcomeMeasureRouteOptions = Partial<MeasureSettings>;

const outcomeMeasureRoutes: FastifyPluginAsyncZod<OutcomeMeasureRouteOptions> = async (
  app,
  options,
) => {
  const settings: MeasureSettings = {
    monthsToHoldTarget: options.monthsToHoldTarget ?? defaultMeasureSettings.monthsToHoldTarget,
  };
  const measureContextOf = (request: FastifyRequest): MeasureContext => ({
    ...contextOf(request),
    settings,
  });

  app.get(
    '/outcome-measures',
    {
      config: { access: access.signedIn },
      schema: {
        tags,
        summary: 'Outcome measures with baselines from the letter, targets and readings',
        querystring: OutcomeMeasureListQuery,
        response: { 200: OutcomeMeasurePage, ...readProblems },
      },
    },
    async (request) =>
      listOutcomeMeasures(app.db, request.query, readScopeOf(actorOf(request)), settings),
  );

  app.post(
    '/recommendations/:id/outcome-measures',
    {
      config: { access: access.signedIn },
      schema: {
        tags,
        summary: 'Add an outcome measure to a recommendation',
        description:
          "The recommendation's lead, the region lead, or the head of operations of the PDU " +
          'that owns the recommendation.',
        params: IdParams,
        headers: IdempotencyHeaders,
        body: CreateOutcomeMeasureRequest,
        response: { 201: OutcomeMeasure, ...writeProblems, ...idempotencyProblems },
      },
    },
    async (request, reply) => {
      const measure = await answerOnce(app.db, request, reply, 201, (db) =>
        createOutcomeMeasure(db, request.params.id, request.body, measureContextOf(request)),
      );
      setEtag(reply, measure.revision);
      return measure;
    },
  );

  app.get(
    '/outcome-measures/:id',
    {
      config: { access: access.signedIn },
      schema: {
        tags,
        summary: 'One outcome measure with its readings, and its ETag',
        params: IdParams,
        response: { 200: OutcomeMeasure, ...readProblems },
      },
    },
    async (request, reply) => {
      const found = await findOutcomeMeasure(app.db, request.params.id, settings);
      if (!found) throw notFound('Outcome measure', request.params.id);
      if (!canSeeLivePlanData(actorOf(request), found.regionId)) {
        throw hidden('Outcome measure', request.params.id);
      }
      setEtag(reply, found.measure.revision);
      return found.measure;
    },
  );

  app.patch(
    '/outcome-measures/:id',
    {
      config: { access: access.signedIn },
      schema: {
        tags,
        summary: 'Change an outcome measure (If-Match required)',
        params: IdParams,
        body: UpdateOutcomeMeasureRequest,
        response: { 200: OutcomeMeasure, ...guardedProblems },
      },
    },
    async (request, reply) => {
      const measure = await updateOutcomeMeasure(
        app.db,
        request.params.id,
        request.body,
        () => requiredRevision(request),
        measureContextOf(request),
      );
      setEtag(reply, measure.revision);
      return measure;
    },
  );

  app.delete(
    '/outcome-measures/:id',
    {
      config: { access: access.signedIn },
      schema: {
        tags,
        summary: 'Delete an outcome measure that has no readings (If-Match required)',
        params: IdParams,
        response: { 204: z.null(), ...guardedProblems, 409: Problem },
      },
    },
    async (request, reply) => {
      await deleteOutcomeMeasure(
        app.db,
        request.params.id,
        () => requiredRevision(request),
        measureContextOf(request),
      );
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/outcome-measures/:id/readings',
    {
      config: { access: access.signedIn },
      schema: {
        tags,
        summary: 'Record a dated reading (append-only); answers the measure with `met` updated',
        description:
          'People who may change the measure, and `read_write` API clients whose unit covers ' +
          "it (for example a region's quality dashboard). No If-Match: readings only add.",
        params: IdParams,
        headers: IdempotencyHeaders,
        body: CreateMeasureReadingRequest,
        response: { 201: OutcomeMeasure, ...writeProblems, ...idempotencyProblems },
      },
    },
    async (request, reply) => {
      const measure = await answerOnce(app.db, request, reply, 201, (db) =>
        addReading(db, request.params.id, request.body, measureContextOf(request)),
      );
      setEtag(reply, measure.revision);
      return measure;
    },
  );
};

export default outcomeMeasureRoutes;
