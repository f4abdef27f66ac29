import type { FieldError } from '@tracker/shared';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';

import { HttpProblem } from './errors';

export const problemContentType = 'application/problem+json';

/** `type` URIs name the kind of problem; they are stable for integrations to branch on. */
const problemTypes: Record<number, string> = {
  400: 'invalid-request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not-found',
  405: 'method-not-allowed',
  409: 'conflict',
  412: 'precondition-failed',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
  422: 'unprocessable',
  428: 'precondition-required',
  429: 'too-many-requests',
  500: 'internal-error',
  503: 'service-unavailable',
};

export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  title: string,
  detail: string,
  errors?: FieldError[],
  extensions: Record<string, unknown> = {},
) {
  return reply
    .code(status)
    .type(problemContentType)
    .send({
      type: `/problems/${problemTypes[status] ?? 'error'}`,
      title,
      status,
      detail,
      instance: request.url.split('?')[0],
      ...(errors ? { errors } : {}),
      ...extensions,
    });
}

/** Connection failures and server shutdowns: the database, not the request, is at fault. */
const unavailableCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08006',
]);

function isDatabaseUnavailable(error: unknown): boolean {
  for (let cause: unknown = error; cause instanceof Error; cause = cause.cause) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string' && unavailableCodes.has(code)) return true;
    // pg gives these no code; "not queryable": a transaction's client lost its connection.
    if (
      /Connection terminated|not queryable|timeout exceeded when trying to connect/i.test(
        cause.message,
      )
    )
      return true;
  }
  return false;
}

function validationErrors(error: FastifyError): FieldError[] {
  if (!hasZodFastifySchemaValidationErrors(error)) return [];
  return error.validation.flatMap((issue) => {
    const path = issue.instancePath.replace(/^\//, '').replaceAll('/', '.');
    const message = issue.message ?? 'is invalid';
    // An unknown key is reported by zod on the parent object: name each key instead.
    const keys =
      issue.keyword === 'unrecognized_keys'
        ? (issue.params as { keys?: string[] }).keys
        : undefined;
    if (keys?.length) {
      return keys.map((key) => ({
        path: path ? `${path}.${key}` : key,
        message: 'is not a field this request accepts',
      }));
    }
    return [{ path: path || (error.validationContext ?? 'body'), message }];
  });
}

/**
 * The router's own refusals (a path parameter over its length limit, a malformed percent
 * escape) happen before any route or error handler: without this Fastify answers them in its
 * own JSON, the first with 414. Both are invalid input, so 400 problem+json like any other.
 */
export function frameworkErrorHandler(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
) {
  const routing = ['FST_ERR_MAX_PARAM_LENGTH', 'FST_ERR_BAD_URL'].includes(error.code);
  if (!routing) {
    request.log.error({ err: error }, 'router error');
    return sendProblem(request, reply, 500, 'Internal server error', 'Something went wrong.');
  }
  const message =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'has a part that is too long' : 'is not valid';
  return sendProblem(request, reply, 400, 'Invalid request', `The URL ${message}.`, [
    { path: 'url', message },
  ]);
}

async function problemPlugin(app: FastifyInstance) {
  // Fastify reads text/plain bodies as strings by default, so JSON sent as text/plain failed
  // validation as a 400 "invalid body". Its type is what is wrong: without the parser it is 415.
  app.removeContentTypeParser('text/plain');
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof HttpProblem) {
      reply.headers(error.headers);
      return sendProblem(
        request,
        reply,
        error.status,
        error.title,
        error.detail,
        error.errors,
        error.extensions,
      );
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const errors = validationErrors(error);
      const where = error.validationContext ?? 'request';
      return sendProblem(
        request,
        reply,
        400,
        'Invalid request',
        `The ${where} has ${errors.length} invalid field${errors.length === 1 ? '' : 's'}: ${errors.map((e) => e.path).join(', ')}.`,
        errors,
      );
    }
    if (isDatabaseUnavailable(error)) {
      request.log.error({ err: error }, 'database unavailable');
      reply.header('retry-after', '5');
      return sendProblem(
        request,
        reply,
        503,
        'Service unavailable',
        'The database cannot be reached. Try again shortly.',
      );
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      // Fastify's own client errors (malformed JSON, wrong content type, body too large).
      return sendProblem(request, reply, status, titleFor(status), error.message);
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(
      request,
      reply,
      500,
      'Internal server error',
      'Something went wrong. The error has been logged.',
    );
  });
}

function titleFor(status: number): string {
  const titles: Record<number, string> = {
    400: 'Invalid request',
    404: 'Not found',
    405: 'Method not allowed',
    413: 'Payload too large',
    415: 'Unsupported media type',
  };
  return titles[status] ?? 'Request refused';
}

export default fp(problemPlugin, { name: 'problem' });
