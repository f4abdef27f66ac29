import type { FastifyRequest } from 'fastify';
import { type SerializedError, stdSerializers } from 'pino';

/** Query parameters that may carry a secret, whether or not we accept them there. */
const secretParameters = /([?&](?:access_token|token|api_key|apikey|bearer)=)[^&#]*/gi;

export function redactUrl(url: string): string {
  return url.replace(secretParameters, '$1[REDACTED]');
}

/** The request as logged: no headers (they carry cookies and tokens) and a redacted URL. */
export function requestLogSerializer(request: FastifyRequest) {
  return {
    method: request.method,
    url: redactUrl(request.url),
    host: request.host,
    remoteAddress: request.ip,
  };
}

/** Error fields that echo a statement's text or its values (drizzle, node-postgres, PGlite). */
const valueCarryingFields = ['query', 'params', 'parameters', 'detail', 'where', 'internalQuery'];

/**
 * A failed statement's shape for the log: what it does and to which tables, never its text
 * or values (they carry session token hashes, emails, whatever the request wrote).
 */
export function statementShape(query: string): string {
  const verb = /^\s*(\w+)/.exec(query)?.[1]?.toLowerCase() ?? 'statement';
  const tables = [...query.matchAll(/\b(?:from|into|update|join)\s+"?([\w.]+)"?/gi)].map(
    (match) => match[1]!,
  );
  return [verb, ...new Set(tables)].join(' ');
}

/**
 * Errors as logged: a database error keeps its code, constraint and statement shape, and loses
 * the statement, its parameters and PostgreSQL's `detail` (which quotes the offending values),
 * at every level of its cause chain. drizzle's message and stack quote the statement and its
 * values too, so they are rebuilt from the shape.
 */
export function errorLogSerializer(error: Error): SerializedError {
  return stdSerializers.err(withoutStatementValues(error) as Error);
}

function withoutStatementValues(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const fields = error as unknown as Record<string, unknown>;
  const query = typeof fields.query === 'string' ? fields.query : undefined;
  const cause = error.cause === undefined ? undefined : withoutStatementValues(error.cause);
  if (!query && !valueCarryingFields.some((field) => field in fields) && cause === error.cause) {
    return error;
  }
  const safe = Object.create(Object.getPrototypeOf(error) as object) as Record<string, unknown>;
  for (const [field, value] of Object.entries(fields)) {
    if (!valueCarryingFields.includes(field)) safe[field] = value;
  }
  const message =
    query?.length && error.message.includes(query)
      ? `Failed query: ${statementShape(query)}`
      : error.message;
  safe.message = message;
  safe.stack = `${error.name}: ${message}\n${stackFrames(error)}`;
  if (query) {
    safe.statement = statementShape(query);
    // pino folds the cause into the message; keep PostgreSQL's error code where one can see it.
    safe.code ??= (error.cause as { code?: unknown } | undefined)?.code;
  }
  if (cause !== undefined) safe.cause = cause;
  return safe;
}

function stackFrames(error: Error): string {
  return (error.stack ?? '')
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .join('\n');
}
