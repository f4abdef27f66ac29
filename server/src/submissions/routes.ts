import {
  PlanDiff,
  PlanEventPage,
  PlanVersion,
  PlanVersionPage,
  PlanVersionSummary,
  Problem,
  ReadinessProblem,
  Readiness,
  SubmitPlanRequest,
  Uuid,
  VersionListQuery,
  VersionNumber,
} from '@tracker/shared';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

import { access } from '../auth/access';
import { actorOf, contextOf } from '../auth/context';
import type { Config } from '../config';
import { downloadContent, sendEvidenceFile } from '../evidence/download';
import { findEvidenceSubject } from '../evidence/queries';
import { notFound } from '../http/errors';
import { requiredRevision } from '../http/etag';
import { answerOnce, idempotencyKeyHeader } from '../http/idempotency';
import { IdParams, readProblems } from '../http/schemas';
import { diffDocuments } from './diff';
import { type PlanContext, documentSettings, livePlanDocument } from '../action-plans/document';
import { planInSight, planSubjectOf } from '../action-plans/in-sight';
import { versionInSight } from './in-sight';
import { listPlanEvents, listVersions, toVersion, versionHoldsEvidence } from './queries';
import { readinessProblems, recommendationReadiness } from './readiness';
import { submitPlan } from './service';

/** Submissions and reviews share one OpenAPI tag, as before the split (reviews/routes.ts). */
export const tags = ['Submissions and reviews'];
export const writeProblems = { ...readProblems, 403: Problem, 409: Problem, 422: Problem };
export const VersionParams = z.object({ id: Uuid, number: VersionNumber });
const SubmissionProblem = Problem.extend({
  problems: z.array(ReadinessProblem).optional().describe('What stops the plan being submitted.'),
}).meta({ id: 'SubmissionProblem' });

const submissionRoutes: FastifyPluginAsyncZod<{ config: Config }> = async (app, { config }) => {
  const planContextOf = (request: FastifyRequest): PlanContext => {
    const context = contextOf(request);
    return { ...context, settings: documentSettings(config, context.now) };
  };

  const visiblePlan = (request: FastifyRequest, id: string, live = false) =>
    planInSight(app.db, actorOf(request), id, { live });
  const visibleVersion = async (request: FastifyRequest, id: string, number: number) =>
    (await versionInSight(app.db, actorOf(request), id, number)).version;

  app.get(
    '/action-plans/:id/readiness',
    {
      config: { access: access.signedIn },
      schema: {
        tags,
        summary: 'What stops the plan being submitted, each problem naming its subject',
        params: IdParams,
        response: { 200: Readiness, ...readProblems },
      },
    },
    async (request) => {
      const plan = await visiblePlan(request, request.params.id, true);
      const context = planContextOf(request);
      const document = await livePlanDocument(
        app.db,
        plan.inspectionId,
        { on: context.now, by: context.actor.name },
        context.settings,
      );
      const problems = readinessProblems(document);
      return {
        planId: plan.id,
        ready: problems.length === 0,
        problems,
        recommendations: recommendationReadiness(document, problems),
      };
    },
  );

  app.post(
    '/action-plans/:id/submissions',
    {
      config: { access: access.signedIn },
      schema: {
        tags,
        summary:
          'Submit the plan (or, once accepted, a progress report) as a new frozen version. ' +
          "Needs If-Match (the plan's ETag) and an Idempotency-Key.",
        params: IdParams,
        headers: z.looseObject({
          'if-match': z.string().optional().describe("The plan's ETag."),
          ...idempotencyKeyHeader,
        }),
        body: SubmitPlanRequest,
        response: {
          201: PlanVersionSummary,
          ...writeProblems,
          409: SubmissionProblem,
          412: Problem,
          428: Problem,
        },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const version = await answerOnce(
        app.db,
        request,
        reply,
        201,
        (db) =>
          submitPlan(db, id, request.body, () => requiredRevision(request), planContextOf(request)),
        { required: true },
      );
      return reply
        .header('location', `/api/v1/action-plans/${id}/versions/${version.number}`)
        .send(version);
    },
  );

  app.get(
    '/action-plans/:id/versions',
    {
      config: { access: access.signedIn },
      schema: {
        tags,
        summary: "The plan's versions, newest first",
        params: IdParams,
        querystring: VersionListQuery,
        response: { 200: PlanVersionPage, ...readProblems },
      },
    },
    async (request) => {
      await visiblePlan(request, request.params.id);
      return listVersions(app.db, request.params.id, request.query);
    },
  );

  app.get(
    '/action-plans/:id/versions/:number',
    {
      config: { access: access.signedIn },
      schema: {
        tags,
        summary: 'One version in full, as it was sent',
        params: VersionParams,
        response: { 200: PlanVersion, ...readProblems },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { plan, version } = await versionInSight(
        app.db,
        actor,
        request.params.id,
        request.params.number,
      );
      return toVersion(version, actor, planSubjectOf(plan));
    },
  );

  app.get(
    '/action-plans/:id/versions/:number/diff/:other',
    {
      config: { access: access.signedIn },
      schema: {
        tags,
        summary: 'What changed from one version to another, or to the live plan ("live")',
        params: VersionParams.extend({
          other: z.union([z.literal('live'), VersionNumber]),
        }),
        response: { 200: PlanDiff, ...readProblems },
      },
    },
    async (request) => {
      const { id, number, other } = request.params;
      const from = await visibleVersion(request, id, number);
      let to;
      if (other === 'live') {
        const plan = await visiblePlan(request, id, true);
        const context = planContextOf(request);
        to = await livePlanDocument(
          app.db,
          plan.inspectionId,
          { on: context.now, by: context.actor.name },
          context.settings,
        );
      } else {
        to = (await visibleVersion(request, id, other)).document;
      }
      return {
        planId: id,
        from: number,
        to: other,
        recommendations: diffDocuments(from.document, to),
      };
    },
  );

  app.get(
    '/action-plans/:id/versions/:number/evidence/:evidenceId/content',
    {
      config: { access: access.signedIn },
      schema: {
        tags,
        summary: "Download a file of a version's evidence, even if since removed from the plan",
        params: VersionParams.extend({ evidenceId: Uuid }),
        response: {
          200: { description: 'The file, as uploaded', content: downloadContent },
          ...readProblems,
        },
      },
    },
    async (request, reply) => {
      const { id, number, evidenceId } = request.params;
      const version = await visibleVersion(request, id, number);
      const subject = versionHoldsEvidence(version, evidenceId)
        ? await findEvidenceSubject(app.db, evidenceId)
        : undefined;
      if (!subject) throw notFound(`Evidence in version ${number}`, evidenceId);
      return sendEvidenceFile(app.db, request, reply, subject, number);
    },
  );

  app.get(
    '/action-plans/:id/history',
    {
      config: { access: access.signedIn },
      schema: {
        tags,
        summary: "The plan's timeline: submissions, reviews, decisions and closure, oldest first",
        params: IdParams,
        querystring: VersionListQuery,
        response: { 200: PlanEventPage, ...readProblems },
      },
    },
    async (request) => {
      await visiblePlan(request, request.params.id);
      return listPlanEvents(app.db, request.params.id, request.query);
    },
  );
};

export default submissionRoutes;
