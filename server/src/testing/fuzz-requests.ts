import fc from 'fast-check';
import type { InjectOptions } from 'fastify';

import {
  HugeString,
  type JsonSchema,
  type ValueContext,
  anyJson,
  nastyStrings,
  nearMissObject,
  nearMissValue,
  validValue,
} from './fuzz-values';

/**
 * Requests for every operation of the OpenAPI document: valid ones and near-misses (bad path
 * ids, bad query values, bad bodies, malformed JSON, wrong content types, very large bodies,
 * odd credentials and cross-site headers). A route added to the app is in the document, so it
 * is fuzzed without anyone listing it here.
 */

interface OpenApiParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: JsonSchema;
}

interface OpenApiOperation {
  parameters?: OpenApiParameter[];
  requestBody?: { content: Record<string, { schema?: JsonSchema }> };
  responses: Record<string, unknown>;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

export interface FuzzOperation {
  /** `PATCH /api/v1/actions/{id}`, as the document names it. */
  key: string;
  method: string;
  path: string;
  parameters: OpenApiParameter[];
  bodySchema: JsonSchema | null;
  multipart: boolean;
  /** The statuses the document lists for the operation. */
  responses: ReadonlySet<number>;
}

export interface RequestContext extends ValueContext {
  roles: readonly string[];
  /** Real values for a path parameter of a path (ids of its resource, version numbers). */
  pathValues(path: string, parameter: string): readonly string[];
}

export type FileKind = 'pdf' | 'png' | 'text' | 'exe' | 'zip' | 'empty' | 'nul';

export type FuzzBody =
  | { kind: 'none' }
  | { kind: 'json'; value: unknown }
  | { kind: 'text'; contentType: string | null; text: string | HugeString }
  | {
      kind: 'multipart';
      fields: [string, string][];
      file: { field: string; fileName: string; type: FileKind; size: number } | null;
    };

export interface FuzzRequest {
  operation: string;
  role: string;
  /** The role's own credentials, or a header that replaces them. */
  credential: { as: 'role' } | { header: 'authorization' | 'cookie'; value: string };
  path: Record<string, string | RawSegment>;
  query: [string, string][];
  headers: Record<string, string>;
  /** `current` is the ETag last seen for the resource (none when not seen yet). */
  ifMatch: string | null;
  body: FuzzBody;
}

/** A path segment sent as it is: malformed percent escapes never reach a route. */
export class RawSegment {
  constructor(readonly value: string) {}
  [fc.toStringMethod](): string {
    return `RawSegment(${JSON.stringify(this.value)})`;
  }
}

const rawSegments = ['%', '%E0%A4%A', '%ZZ', '%00', '%C0%AF', '%2e%2e'].map(
  (v) => new RawSegment(v),
);

const methods = ['get', 'post', 'put', 'patch', 'delete'];

export function operationsOf(document: OpenApiDocument): FuzzOperation[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => methods.includes(method))
      .map(([method, operation]) => operationOf(path, method.toUpperCase(), operation)),
  );
}

function operationOf(path: string, method: string, operation: OpenApiOperation): FuzzOperation {
  const content = operation.requestBody?.content ?? {};
  const schema = content['application/json']?.schema ?? content['multipart/form-data']?.schema;
  return {
    key: `${method} ${path}`,
    method,
    path,
    parameters: operation.parameters ?? [],
    bodySchema: schema ?? null,
    multipart: 'multipart/form-data' in content,
    responses: new Set(Object.keys(operation.responses).map(Number)),
  };
}

/** Resolves `#/components/schemas/...` references of the document. */
export function schemaResolver(document: OpenApiDocument): (schema: JsonSchema) => JsonSchema {
  const schemas = document.components?.schemas ?? {};
  const resolve = (schema: JsonSchema): JsonSchema => {
    if (!schema.$ref) return schema;
    const target = schemas[schema.$ref.replace('#/components/schemas/', '')];
    if (!target) throw new Error(`the document has no ${schema.$ref}`);
    return resolve(target);
  };
  return resolve;
}

/**
 * Two in five requests are clean (the role's own credentials, real ids, valid query and body,
 * the current ETag), so they get past validation and the policy into the services; the rest
 * break something, each part on its own chance.
 */
export function requestArbitrary(
  operation: FuzzOperation,
  context: RequestContext,
): fc.Arbitrary<FuzzRequest> {
  return fc.oneof(
    { weight: 2, arbitrary: cleanRequest(operation, context) },
    { weight: 3, arbitrary: messyRequest(operation, context) },
  );
}

function cleanRequest(
  operation: FuzzOperation,
  context: RequestContext,
): fc.Arbitrary<FuzzRequest> {
  return fc.record({
    operation: fc.constant(operation.key),
    role: fc.constantFrom(...context.roles),
    credential: fc.constant({ as: 'role' as const }),
    path: pathArbitrary(operation, context, true),
    query: cleanQuery(operation, context),
    headers: cleanHeaders(operation, context),
    ifMatch: fc.constant(isGuarded(operation) ? 'current' : null),
    body: cleanBody(operation, context),
  });
}

/** A cursor is only valid as a list gave it out, so clean requests ask for the first page. */
function cleanQuery(
  operation: FuzzOperation,
  context: RequestContext,
): fc.Arbitrary<[string, string][]> {
  const parameters = operation.parameters.filter((p) => p.in === 'query' && p.name !== 'cursor');
  return fc
    .tuple(...parameters.map((p) => fc.option(validQueryEntry(p, context), { nil: null })))
    .map((entries) => entries.filter((entry): entry is [string, string] => entry !== null));
}

function cleanHeaders(
  operation: FuzzOperation,
  context: RequestContext,
): fc.Arbitrary<Record<string, string>> {
  const declared = operation.parameters.filter((p) => p.in === 'header' && p.name !== 'if-match');
  const value = (p: OpenApiParameter) =>
    validValue(p.schema ?? {}, context, p.name)
      .map(text)
      .map(headerSafe);
  return fc.record(Object.fromEntries(declared.map((p) => [p.name, value(p)])));
}

function messyRequest(
  operation: FuzzOperation,
  context: RequestContext,
): fc.Arbitrary<FuzzRequest> {
  return fc.record({
    operation: fc.constant(operation.key),
    role: fc.constantFrom(...context.roles),
    credential: credentialArbitrary,
    path: pathArbitrary(operation, context, false),
    query: queryArbitrary(operation, context),
    headers: headersArbitrary(operation, context),
    ifMatch: ifMatchArbitrary(operation),
    body: bodyArbitrary(operation, context),
  });
}

const credentialArbitrary: fc.Arbitrary<FuzzRequest['credential']> = fc.oneof(
  { weight: 30, arbitrary: fc.constant({ as: 'role' as const }) },
  {
    weight: 1,
    arbitrary: fc
      .oneof(
        fc.string({ minLength: 0, maxLength: 60 }).map((t) => `Bearer ${t}`),
        fc.constantFrom('Bearer', 'Basic YWRtaW46YWRtaW4=', `Bearer ${'a'.repeat(201)}`),
      )
      .map((value) => ({ header: 'authorization' as const, value })),
  },
  {
    weight: 1,
    arbitrary: fc
      .oneof(fc.string({ maxLength: 60 }), fc.constantFrom(...nastyStrings))
      .map((t) => ({ header: 'cookie' as const, value: `session=${headerSafe(t)}` })),
  },
);

function pathArbitrary(
  operation: FuzzOperation,
  context: RequestContext,
  clean: boolean,
): fc.Arbitrary<Record<string, string | RawSegment>> {
  const parameters = operation.parameters.filter((p) => p.in === 'path');
  const value = clean ? cleanPathValue : pathValue;
  return fc.record(
    Object.fromEntries(parameters.map((p) => [p.name, value(operation.path, p, context)])),
  );
}

function cleanPathValue(
  path: string,
  parameter: OpenApiParameter,
  context: RequestContext,
): fc.Arbitrary<string> {
  const real = context.pathValues(path, parameter.name);
  return real.length ? fc.constantFrom(...real) : schemaPathValue(parameter, context);
}

function schemaPathValue(parameter: OpenApiParameter, context: RequestContext) {
  return validValue(parameter.schema ?? {}, context, parameter.name)
    .map(text)
    .filter((value) => value.length > 0);
}

function pathValue(
  path: string,
  parameter: OpenApiParameter,
  context: RequestContext,
): fc.Arbitrary<string | RawSegment> {
  const junk = fc.oneof(
    fc.constantFrom('0', '-1', '1.5', '1e3', '99999999999999999999', 'live', 'null', '%', '..'),
    fc.constantFrom(...nastyStrings),
    fc.string({ minLength: 1, maxLength: 40, unit: 'grapheme' }),
    fc.constantFrom('x'.repeat(101), 'x'.repeat(1000)),
  );
  return fc.oneof(
    { weight: 8, arbitrary: cleanPathValue(path, parameter, context) },
    { weight: 2, arbitrary: schemaPathValue(parameter, context) },
    { weight: 1, arbitrary: fc.uuid() },
    { weight: 2, arbitrary: junk.filter((value) => value.length > 0) },
    { weight: 1, arbitrary: fc.constantFrom(...rawSegments) },
  );
}

function queryArbitrary(
  operation: FuzzOperation,
  context: RequestContext,
): fc.Arbitrary<[string, string][]> {
  const parameters = operation.parameters.filter((p) => p.in === 'query');
  const entries = parameters.map((p) => queryEntry(p, context));
  const extra = fc.oneof(
    { weight: 12, arbitrary: fc.constant<[string, string][]>([]) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          fc.constantFrom(
            'unknown',
            'access_token',
            'token',
            'limit',
            'sort',
            'cursor',
            '__proto__',
          ),
          fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom(...nastyStrings)),
        )
        .map((entry) => [entry]),
    },
  );
  return fc
    .tuple(fc.tuple(...entries), extra)
    .map(([chosen, extras]) => [
      ...chosen.filter((entry): entry is [string, string] => entry !== null),
      ...extras,
    ]);
}

function queryEntry(
  parameter: OpenApiParameter,
  context: RequestContext,
): fc.Arbitrary<[string, string] | null> {
  const schema = parameter.schema ?? {};
  const wrong = fc.oneof(nearMissValue(schema, context), cursorLike);
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant(null) },
    { weight: 2, arbitrary: validQueryEntry(parameter, context) },
    { weight: 1, arbitrary: wrong.map((v): [string, string] => [parameter.name, text(v)]) },
  );
}

function validQueryEntry(
  parameter: OpenApiParameter,
  context: RequestContext,
): fc.Arbitrary<[string, string]> {
  return validValue(parameter.schema ?? {}, context, parameter.name).map((v): [string, string] => [
    parameter.name,
    text(v),
  ]);
}

/** Base64url JSON of the wrong shape: what a forged cursor looks like. */
const cursorLike = fc
  .oneof(anyJson, fc.tuple(fc.string(), anyJson, fc.uuid()), fc.array(anyJson, { maxLength: 4 }))
  .map((value) => Buffer.from(JSON.stringify(value) ?? 'null').toString('base64url'));

/** How a value travels in a query string or a form field. */
export function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof HugeString) return value.toJSON();
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
}

function headersArbitrary(
  operation: FuzzOperation,
  context: RequestContext,
): fc.Arbitrary<Record<string, string>> {
  const declared = operation.parameters.filter((p) => p.in === 'header' && p.name !== 'if-match');
  const declaredHeaders = fc.record(
    Object.fromEntries(declared.map((p) => [p.name, headerValue(p.schema ?? {}, context, p.name)])),
    { requiredKeys: [] },
  );
  return fc
    .tuple(declaredHeaders, siteHeaders, requestIdHeader)
    .map((parts) => Object.assign({}, ...parts) as Record<string, string>);
}

function headerValue(
  schema: JsonSchema,
  context: RequestContext,
  name: string,
): fc.Arbitrary<string> {
  return fc
    .oneof(
      { weight: 6, arbitrary: validValue(schema, context, name).map(text) },
      { weight: 1, arbitrary: fc.constantFrom(...nastyStrings) },
      { weight: 1, arbitrary: fc.constant('k'.repeat(2000)) },
    )
    .map(headerSafe);
}

/** Browsers' cross-site signals: a state-changing request carrying them must be refused. */
const siteHeaders = fc.oneof(
  { weight: 24, arbitrary: fc.constant({}) },
  { weight: 1, arbitrary: fc.constant({ 'sec-fetch-site': 'cross-site' }) },
  { weight: 1, arbitrary: fc.constant({ 'sec-fetch-site': 'same-site' }) },
  { weight: 1, arbitrary: fc.constant({ 'sec-fetch-site': 'same-origin' }) },
  { weight: 1, arbitrary: fc.constant({ origin: 'https://evil.example' }) },
  { weight: 1, arbitrary: fc.constant({ origin: 'null' }) },
);

const requestIdHeader = fc.oneof(
  { weight: 12, arbitrary: fc.constant({}) },
  {
    weight: 1,
    arbitrary: fc
      .oneof(fc.string({ maxLength: 200 }), fc.constantFrom(...nastyStrings))
      .map((id) => ({ 'x-request-id': headerSafe(id) })),
  },
);

/** Node's HTTP parser refuses control characters in header values before any app sees them. */
function headerSafe(value: string): string {
  return value.replace(/[^\t\x20-\x7e\x80-\xff]/g, '?');
}

function isGuarded(operation: FuzzOperation): boolean {
  return (
    ['PUT', 'PATCH', 'DELETE'].includes(operation.method) ||
    operation.parameters.some((p) => p.name === 'if-match')
  );
}

function ifMatchArbitrary(operation: FuzzOperation): fc.Arbitrary<string | null> {
  if (!isGuarded(operation)) return fc.constant(null);
  return fc.oneof(
    { weight: 8, arbitrary: fc.constant('current') },
    { weight: 2, arbitrary: fc.constant(null) },
    {
      weight: 3,
      arbitrary: fc.constantFrom(
        '"0"',
        '*',
        'W/"1"',
        '"abc"',
        '"99999999999999999999"',
        '',
        ' "1" ',
        '"1", "2"',
      ),
    },
  );
}

const malformedJson = [
  '{',
  '{"a":}',
  '[1,]',
  "{'a':1}",
  'NaN',
  '{"a":1}garbage',
  '\ufeff{}',
  '{"a":"\\ud800"}',
  '{"__proto__":{"isAdmin":true}}',
  '{"constructor":{"prototype":{"isAdmin":true}}}',
  '{"a":1,"a":2}',
  '[]',
  'null',
  '"text"',
  '12',
  '['.repeat(5000) + ']'.repeat(5000),
  '{"a":'.repeat(2000) + '1' + '}'.repeat(2000),
];

const wrongContentTypes = [
  'text/plain',
  'application/xml',
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'multipart/form-data; boundary=fuzz',
  'application/octet-stream',
  'text/html',
  'application/json; charset=utf-16',
  'application/json; charset=latin1',
  'APPLICATION/JSON',
  'application/jsonx',
  'application/problem+json',
  'application/json, text/plain',
  ';',
];

function bodyArbitrary(operation: FuzzOperation, context: RequestContext): fc.Arbitrary<FuzzBody> {
  if (operation.method === 'GET') return fc.constant({ kind: 'none' });
  if (!operation.bodySchema) return strayBody;
  const schema = operation.bodySchema;
  const json = (value: fc.Arbitrary<unknown>) =>
    value.map((v): FuzzBody => ({ kind: 'json', value: v }));
  return fc.oneof(
    { weight: 20, arbitrary: json(validValue(schema, context)) },
    { weight: 12, arbitrary: json(nearMissObject(schema, context)) },
    { weight: 2, arbitrary: malformedBody },
    { weight: 2, arbitrary: wrongTypeBody(validValue(schema, context)) },
    {
      weight: 1,
      arbitrary: fc.constant<FuzzBody>({ kind: 'text', contentType: 'application/json', text: '' }),
    },
    { weight: 1, arbitrary: hugeBody },
    { weight: operation.multipart ? 12 : 0, arbitrary: multipartBody(schema, context) },
  );
}

function cleanBody(operation: FuzzOperation, context: RequestContext): fc.Arbitrary<FuzzBody> {
  const schema = operation.bodySchema;
  if (operation.method === 'GET' || !schema) return fc.constant({ kind: 'none' });
  const json = validValue(schema, context).map((value): FuzzBody => ({ kind: 'json', value }));
  if (!operation.multipart) return json;
  const form = fc
    .tuple(validValue(schema, context), fc.constantFrom<FileKind>('pdf', 'png', 'text'))
    .map(([value, type]): FuzzBody => ({
      kind: 'multipart',
      fields: formFields(value),
      file: { field: 'file', fileName: `evidence.${type}`, type, size: 200 },
    }));
  return fc.oneof(json, form);
}

/** Routes that take no body get one now and then: it must be ignored or refused cleanly. */
const strayBody: fc.Arbitrary<FuzzBody> = fc.oneof(
  { weight: 8, arbitrary: fc.constant<FuzzBody>({ kind: 'none' }) },
  { weight: 1, arbitrary: anyJson.map((value): FuzzBody => ({ kind: 'json', value })) },
  {
    weight: 1,
    arbitrary: fc.constant<FuzzBody>({
      kind: 'text',
      contentType: 'application/xml',
      text: '<a/>',
    }),
  },
);

const malformedBody: fc.Arbitrary<FuzzBody> = fc
  .constantFrom(...malformedJson)
  .map((text) => ({ kind: 'text', contentType: 'application/json', text }));

function wrongTypeBody(valid: fc.Arbitrary<unknown>): fc.Arbitrary<FuzzBody> {
  return fc
    .tuple(fc.option(fc.constantFrom(...wrongContentTypes), { nil: null }), valid)
    .map(([contentType, value]) => ({
      kind: 'text',
      contentType,
      text: JSON.stringify(value) ?? '',
    }));
}

/** Over the 1 MiB body limit: 413 without the body being read into a document. */
const hugeBody: fc.Arbitrary<FuzzBody> = fc
  .constantFrom(1_100_000, 3_000_000)
  .map((n) => ({ kind: 'text', contentType: 'application/json', text: new HugeString(n) }));

function multipartBody(schema: JsonSchema, context: RequestContext): fc.Arbitrary<FuzzBody> {
  const fields = fc
    .oneof(validValue(schema, context), nearMissObject(schema, context))
    .map(formFields);
  const file = fc.record({
    field: fc.constantFrom('file', 'file', 'file', 'attachment'),
    fileName: fc.oneof(
      fc.constantFrom('evidence.pdf', 'scan.png', 'notes.txt', 'run.exe', '../../etc/passwd', ''),
      fc.constantFrom(...nastyStrings),
      fc.constant(`${'a'.repeat(300)}.pdf`),
    ),
    type: fc.constantFrom<FileKind>('pdf', 'png', 'text', 'exe', 'zip', 'empty', 'nul'),
    size: fc.constantFrom(0, 100, 5_000, 70_000),
  });
  return fc
    .tuple(fields, fc.option(file, { nil: null, freq: 4 }))
    .map(([f, file]): FuzzBody => ({ kind: 'multipart', fields: f, file }));
}

function formFields(value: unknown): [string, string][] {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? Object.entries(value).map(([k, v]) => [k, text(v)])
    : [['value', text(value)]];
}

const fileHeads: Record<FileKind, string> = {
  pdf: '%PDF-1.4\n',
  png: '\x89PNG\r\n\x1a\n',
  text: 'plain text evidence\n',
  exe: 'MZ\x90\x00',
  zip: 'PK\x03\x04',
  empty: '',
  nul: '\x00\x00',
};

function fileContent(type: FileKind, size: number): Buffer {
  const head = Buffer.from(fileHeads[type], 'latin1');
  return type === 'empty' ? head : Buffer.concat([head, Buffer.alloc(size, 'a')]);
}

const boundary = 'fuzz-boundary-7MA4YWxkTrZu0gW';

function multipartPayload(body: Extract<FuzzBody, { kind: 'multipart' }>): Buffer {
  const parts: Buffer[] = body.fields.map(([name, value]) =>
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${headerSafe(name)}"\r\n\r\n${value}\r\n`,
    ),
  );
  if (body.file) {
    const { field, fileName, type, size } = body.file;
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${headerSafe(fileName)}"\r\n` +
          'Content-Type: application/pdf\r\n\r\n',
      ),
      fileContent(type, size),
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(parts);
}

/** Percent-encodes every byte but the unreserved ones (so `.` and `..` stay one segment). */
export function pathSegment(value: string): string {
  return [...Buffer.from(value, 'utf8')]
    .map((byte) =>
      /[A-Za-z0-9_~-]/.test(String.fromCharCode(byte))
        ? String.fromCharCode(byte)
        : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');
}

export function urlOf(operation: FuzzOperation, request: FuzzRequest): string {
  const path = operation.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = request.path[name] ?? '';
    return value instanceof RawSegment ? value.value : pathSegment(value);
  });
  const query = new URLSearchParams(request.query).toString();
  return query ? `${path}?${query}` : path;
}

/** The light-my-request call for a request, given the role's credential headers and ETag. */
export function injectOptionsOf(
  operation: FuzzOperation,
  request: FuzzRequest,
  resolved: { credentials: Record<string, string>; etag: string | undefined },
): InjectOptions {
  const headers: Record<string, string> = {
    ...('as' in request.credential
      ? resolved.credentials
      : { [request.credential.header]: request.credential.value }),
    ...request.headers,
  };
  const ifMatch = request.ifMatch === 'current' ? resolved.etag : request.ifMatch;
  if (ifMatch !== null && ifMatch !== undefined) headers['if-match'] = ifMatch;
  const { payload, contentType } = payloadOf(request.body);
  if (contentType) headers['content-type'] = contentType;
  return {
    method: operation.method as InjectOptions['method'],
    url: urlOf(operation, request),
    headers,
    ...(payload === undefined ? {} : { payload }),
  };
}

function payloadOf(body: FuzzBody): { payload?: string | Buffer; contentType?: string } {
  switch (body.kind) {
    case 'none':
      return {};
    case 'json':
      return { payload: JSON.stringify(body.value) ?? 'null', contentType: 'application/json' };
    case 'text':
      return {
        payload: text(body.text),
        ...(body.contentType === null ? {} : { contentType: body.contentType }),
      };
    case 'multipart':
      return {
        payload: multipartPayload(body),
        contentType: `multipart/form-data; boundary=${boundary}`,
      };
  }
}
