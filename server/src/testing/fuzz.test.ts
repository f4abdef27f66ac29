import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { eq, inArray } from 'drizzle-orm';
import fc from 'fast-check';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { createSession } from '../auth/sessions';
import { seedLetter } from '../db/seed';
import { evidence } from '../db/schema/evidence';
import { notifications } from '../db/schema/notifications';
import { users } from '../db/schema/users';
import { type TestApp, TestClock, createTestApp, demo } from './app';
import { fingerprint } from './fingerprint';
import {
  type FuzzOperation,
  type FuzzRequest,
  RawSegment,
  type OpenApiDocument,
  type RequestContext,
  injectOptionsOf,
  operationsOf,
  requestArbitrary,
  schemaResolver,
  urlOf,
} from './fuzz-requests';
import { northWestLetter } from './other-region';
import { declineAllBut } from './plans';

/**
 * Fuzzes every operation of the OpenAPI document, as every role, with valid requests and
 * near-misses. Each answer must be a 2xx or 4xx the document lists for the operation (429
 * anywhere), every 4xx problem+json, never a 5xx; a refused write must change no business data,
 * and reads none at all.
 *
 * FUZZ_RUNS sets the number of requests (default 10,000 on PostgreSQL, 2,000 on PGlite).
 * FUZZ_SEED replays a run; a failure prints its seed and path: FUZZ_SEED=<seed>
 * FUZZ_PATH=<path> replays just the failing request and shrinks it again.
 */

const onPostgres = Boolean(inject('templateDatabaseUrl'));
const runs = Number(process.env.FUZZ_RUNS ?? (onPostgres ? 10_000 : 2_000));
const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Date.now() % 2 ** 31;
const replayPath = process.env.FUZZ_PATH;

/** Any route may be rate limited; the contract says so once rather than on every route. */
const answeredAnywhere = new Set([429]);

/** People who sign in, by role name: the demo accounts and a North West region lead. */
const accounts: Record<string, string> = {
  admin: demo.admin,
  regionLead: demo.rpd,
  hooManchesterNorth: demo.hooManchesterNorth,
  hooTameside: demo.hooTameside,
  hooWigan: demo.hooWigan,
  nationalLead: demo.nationalLead,
  inspector: demo.inspector,
  // Another region, whose plan is ready to submit: submissions and reviews can succeed.
  regionLeadNorthWest: 'nw-lead@fuzz.example',
};
const roles = [...Object.keys(accounts), 'apiRead', 'apiWrite', 'anonymous'];

let testApp: TestApp;
const clock = new TestClock(new Date('2026-03-02T09:00:00Z'));
let document: OpenApiDocument;
let operations: FuzzOperation[];
const credentials: Record<string, Record<string, string>> = { anonymous: {} };
const pools: Record<string, string[]> = {};
/** The ETag last seen for each resource path: `If-Match: current` sends it. */
const etags = new Map<string, string>();

beforeAll(setUp, 180_000);
const webFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'fuzz-web-'));
afterAll(async () => {
  await testApp?.close();
  fs.rmSync(webFolder, { recursive: true, force: true });
});

async function setUp() {
  testApp = await createTestApp({
    clock,
    env: { EVIDENCE_MAX_BYTES: '65536', WEB_DIST_DIR: builtClient(webFolder) },
  });
  await seedLetter(testApp.database.db, northWestLetter([]));
  await signIn('admin');
  document = testApp.app.swagger() as unknown as OpenApiDocument;
  operations = operationsOf(document);
  await makeSubjects();
  await collectPools();
}

/**
 * A stand-in for the built web client, so requests also meet the file-serving layer, as they do
 * in production (its catch-all once answered unroutable API paths with an undocumented 403).
 */
function builtClient(folder: string): string {
  fs.mkdirSync(path.join(folder, 'assets'));
  fs.writeFileSync(path.join(folder, 'index.html'), '<!doctype html><title>Tracker</title>');
  fs.writeFileSync(path.join(folder, 'assets/app-1234.js'), 'console.log(1)');
  return folder;
}

/** A session made in the database: signing in through the API costs a scrypt hash each time. */
async function signIn(role: string) {
  const db = testApp.database.db;
  const [user] = await db.select().from(users).where(eq(users.email, accounts[role]!));
  const session = await createSession(db, user!.id, clock.now());
  credentials[role] = { cookie: `${testApp.app.sessionCookieName}=${session.token}` };
}

async function call(role: string, method: InjectOptions['method'], url: string, body?: object) {
  const response = await testApp.app.inject({
    method,
    url,
    headers: credentials[role],
    ...(body ? { payload: body } : {}),
  });
  if (response.statusCode >= 300) {
    throw new Error(`set-up: ${method} ${url} answered ${response.statusCode} ${response.body}`);
  }
  return response;
}

const json = async (role: string, url: string) => (await call(role, 'GET', url)).json();

/**
 * What the fuzzer acts on: its own API clients, people and API clients made to be disabled and
 * revoked, actions with progress and evidence, a plan submitted, returned with a review thread
 * and submitted again (version 2 awaits review), and a second region's plan ready to submit.
 */
async function makeSubjects() {
  const units = await unitIds();
  await makeApiClients(units);
  await makePeople(units);
  for (const role of Object.keys(accounts)) await signIn(role);
  await makeActions();
  await submitAndReturnPlan();
  // Never submitted, so they may be deleted.
  const recs = (await json('admin', '/api/v1/recommendations?limit=200')).items;
  for (let i = 0; i < 2; i += 1) {
    await addAction('regionLead', recommendationOf(recs, 'Wigan'), demo.hooWigan);
  }
}

/**
 * The fuzzer's own clients are left out of the path ids (the only exclusion of this kind): a
 * revoke would turn a role into a stranger for the rest of the run. Others are made to be hit.
 */
async function makeApiClients(units: Record<string, string>) {
  const client = async (name: string, unitId: string, permission: string) =>
    (await call('admin', 'POST', '/api/v1/api-clients', { name, unitId, permission })).json();
  const reader = await client('fuzz reader', units['greater-manchester']!, 'read');
  const writer = await client('fuzz writer', units.wigan!, 'read_write');
  credentials.apiRead = { authorization: `Bearer ${reader.token}` };
  credentials.apiWrite = { authorization: `Bearer ${writer.token}` };
  pools['api-clients'] = [];
  for (const unit of ['wigan', 'north-west']) {
    pools['api-clients'].push((await client(`subject ${unit}`, units[unit]!, 'read')).client.id);
  }
}

/**
 * Likewise the people who sign in are left out of the /users/{id} ids: disabling one, or
 * moving them to another role or unit, would change who every later request is sent as. The
 * routes are fuzzed on people made for it; bodies may still name anyone.
 */
async function makePeople(units: Record<string, string>) {
  pools.users = [];
  for (const [name, role, unit] of [
    ['subject-wigan', 'head_of_operations', 'wigan'],
    ['subject-nw', 'region_lead', 'north-west'],
    ['subject-inspector', 'inspector', 'hmi-probation'],
  ] as const) {
    const body = { email: `${name}@fuzz.example`, name, role, unitId: units[unit] };
    pools.users.push((await call('admin', 'POST', '/api/v1/users', body)).json().user.id);
  }
  const nwLead = { name: 'North West lead', role: 'region_lead', unitId: units['north-west'] };
  await call('admin', 'POST', '/api/v1/users', { ...nwLead, email: accounts.regionLeadNorthWest });
}

async function unitIds(): Promise<Record<string, string>> {
  const page = await json('admin', '/api/v1/org-units?limit=200');
  return Object.fromEntries(
    (page.items as { code: string; id: string }[]).map((unit) => [unit.code, unit.id]),
  );
}

interface RecommendationRow {
  id: string;
  inspectionId: string;
  sourcePdu: { name: string };
  owningUnit: { id: string };
}

/**
 * An action (owned, dated, measured, so the plan can be submitted) with a progress update, a
 * note and a PDF in each of three PDUs, and one in the North West.
 */
async function makeActions() {
  const recs = (await json('admin', '/api/v1/recommendations?limit=200')).items;
  for (const pdu of ['Wigan', 'Tameside', 'Manchester North']) {
    const id = await addAction('regionLead', recommendationOf(recs, pdu), demo.hooWigan);
    await call('regionLead', 'POST', `/api/v1/actions/${id}/updates`, { narrative: 'Started' });
    const note = { kind: 'note', title: 'Minutes', note: 'Agreed at the board' };
    await call('regionLead', 'POST', `/api/v1/actions/${id}/evidence`, note);
    await uploadPdf(id);
  }
  const northWest = recommendationOf(recs, 'Liverpool North');
  await addAction('regionLeadNorthWest', northWest, accounts.regionLeadNorthWest!);
  // Every North West recommendation answered: its lead's submission can succeed.
  await declineAllBut(testApp.database.db, northWest.inspectionId);
}

function recommendationOf(recs: RecommendationRow[], pdu: string): RecommendationRow {
  return recs.find((r) => r.sourcePdu.name === pdu)!;
}

async function addAction(role: string, rec: RecommendationRow, ownerEmail: string) {
  const [owner] = await testApp.database.db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, ownerEmail));
  const body = {
    title: `Fuzz subject ${rec.sourcePdu.name}`,
    owningUnitId: rec.owningUnit.id,
    ownerId: owner!.id,
    startDate: '2026-01-05',
    dueDate: '2026-09-30',
    successMeasure: 'Audits show it',
  };
  const path = `/api/v1/recommendations/${rec.id}/actions`;
  return (await call(role, 'POST', path, body)).json().id as string;
}

async function uploadPdf(actionId: string) {
  const boundary = 'fuzz-set-up';
  const part = (headers: string, content: string) =>
    `--${boundary}\r\nContent-Disposition: form-data; ${headers}\r\n\r\n${content}\r\n`;
  const payload =
    part('name="kind"', 'file') +
    part('name="title"', 'Audit') +
    part('name="file"; filename="audit.pdf"', '%PDF-1.4\n% audit\n%%EOF') +
    `--${boundary}--\r\n`;
  const response = await testApp.app.inject({
    method: 'POST',
    url: `/api/v1/actions/${actionId}/evidence`,
    headers: {
      ...credentials.regionLead,
      'content-type': `multipart/form-data; boundary=${boundary}`,
    },
    payload,
  });
  if (response.statusCode !== 201) throw new Error(`set-up: upload ${response.body}`);
}

async function submitAndReturnPlan() {
  const plans = (await json('admin', '/api/v1/action-plans')).items as {
    id: string;
    inspectionId: string;
    region: { name: string };
  }[];
  const plan = plans.find((p) => p.region.name === 'Greater Manchester')!;
  await declineAllBut(testApp.database.db, plan.inspectionId);
  await submit(plan.id, 'fuzz-set-up-1');
  const version = await json('inspector', `/api/v1/action-plans/${plan.id}/versions/1`);
  const first = version.recommendations[0] as { id: string };
  await call('inspector', 'POST', `/api/v1/action-plans/${plan.id}/versions/1/review`, {
    decision: 'returned',
    reasons: 'Say more',
    verdicts: [
      {
        subjectKind: 'recommendation',
        subjectId: first.id,
        verdict: 'challenged',
        comment: 'Why?',
      },
    ],
  });
  await submit(plan.id, 'fuzz-set-up-2');
}

async function submit(planId: string, key: string) {
  const etag = (await call('regionLead', 'GET', `/api/v1/action-plans/${planId}`)).headers.etag;
  const response = await testApp.app.inject({
    method: 'POST',
    url: `/api/v1/action-plans/${planId}/submissions`,
    headers: { ...credentials.regionLead, 'if-match': String(etag), 'idempotency-key': key },
    payload: { declaration: true },
  });
  if (response.statusCode !== 201) throw new Error(`set-up: submission ${response.body}`);
}

/** Real ids for path parameters and id fields, read back the way clients read them. */
async function collectPools() {
  const ids = async (url: string) =>
    ((await json('admin', url)).items as { id: string }[]).map((item) => item.id);
  pools['org-units'] = await ids('/api/v1/org-units?limit=200');
  pools.inspections = await ids('/api/v1/inspections?limit=200');
  pools.recommendations = await ids('/api/v1/recommendations?limit=200');
  pools['outcome-measures'] = await ids('/api/v1/outcome-measures?limit=200');
  pools['action-plans'] = await ids('/api/v1/action-plans?limit=200');
  pools.actions = await ids('/api/v1/actions?limit=200');
  const db = testApp.database.db;
  pools.evidence = (await db.select({ id: evidence.id }).from(evidence)).map((row) => row.id);
  pools.notifications = (await db.select({ id: notifications.id }).from(notifications)).map(
    (row) => row.id,
  );
  pools['review-threads'] = [];
  for (const plan of pools['action-plans']) {
    pools['review-threads'].push(...(await ids(`/api/v1/action-plans/${plan}/threads`)));
  }
  const demoEmails = Object.values(accounts);
  pools.people = (
    await db.select({ id: users.id }).from(users).where(inArray(users.email, demoEmails))
  )
    .map((row) => row.id)
    .concat(pools.users!);
  for (const resource of ['actions', 'outcome-measures', 'action-plans', 'recommendations']) {
    for (const id of pools[resource]!) await remember(`/api/v1/${resource}/${id}`);
  }
}

async function remember(path: string) {
  const response = await call('admin', 'GET', path);
  if (response.headers.etag) etags.set(path, String(response.headers.etag));
}

/** Which real ids suit an id field of a body or query, by its name. */
const fieldPools: Record<string, string[]> = {
  unitId: ['org-units'],
  owningUnitId: ['org-units'],
  parentId: ['org-units'],
  regionId: ['org-units'],
  sourcePduId: ['org-units'],
  inspectionId: ['inspections'],
  recommendationId: ['recommendations'],
  ownerId: ['people'],
  toUserId: ['people'],
  actorId: ['people'],
  subjectId: ['recommendations', 'actions'],
  dependsOn: ['actions'],
};

function requestContext(): RequestContext {
  const resolve = schemaResolver(document);
  // Any id, for fields and path parameters with no pool of their own, but never the people who
  // sign in: an administrator's POST /users/{id}/disable drawn with one of their ids disabled
  // hooWigan, and every later request as them answered 401 (a CI run's malformed-id check).
  const all = Object.entries(pools)
    .filter(([name]) => name !== 'people')
    .flatMap(([, ids]) => ids);
  return {
    roles,
    resolve,
    emails: [...Object.values(accounts), 'subject-wigan@fuzz.example'],
    idsFor: (field) => {
      const names = fieldPools[field];
      return names ? names.flatMap((name) => pools[name] ?? []) : all;
    },
    pathValues: (path, parameter) => {
      if (parameter === 'number') return ['1', '2', '3'];
      if (parameter === 'other') return ['live', '1', '2'];
      if (parameter === 'evidenceId') return pools.evidence ?? [];
      return pools[path.split('/')[3] ?? ''] ?? [];
    },
  };
}

/** Counts of answers, by operation and status, for the summary and the coverage check. */
const answers = new Map<string, Map<number, number>>();
let lastFingerprint: string | null = null;
let readsSinceLastWrite: string[] = [];

async function sendAndCheck(request: FuzzRequest): Promise<void> {
  const operation = operations.find((op) => op.key === request.operation)!;
  const options = injectOptionsOf(operation, request, {
    credentials: credentials[request.role] ?? {},
    etag: etagFor(operation, request),
  });
  // 60 ms a request: every change gets an updated_at of its own, which the fingerprint sees.
  clock.advanceMinutes(0.001);
  const before = operation.method === 'GET' ? null : await fingerprintBeforeWrite();
  const failures = before !== null ? readFailures(before) : [];
  const response = await testApp.app.inject(options);
  count(operation.key, response.statusCode);
  failures.push(...answerFailures(reachedOperation(operation, String(options.url)), response));
  if (before !== null) failures.push(...(await writeFailures(before, response.statusCode)));
  else readsSinceLastWrite.push(`${options.method} ${options.url}`);
  await afterAnswer(operation, request, response);
  if (failures.length) throw new Error(failureReport(options, response, failures));
}

function count(key: string, status: number) {
  const byStatus = answers.get(key) ?? new Map<number, number>();
  byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
  answers.set(key, byStatus);
}

/** Right after a write, nothing has run since its fingerprint was taken. */
async function fingerprintBeforeWrite(): Promise<string> {
  if (lastFingerprint !== null && readsSinceLastWrite.length === 0) return lastFingerprint;
  return fingerprint(testApp.database.db);
}

/** Reads in between writes must have changed nothing. */
function readFailures(before: string): string[] {
  const changed = lastFingerprint !== null && before !== lastFingerprint;
  const reads = readsSinceLastWrite;
  readsSinceLastWrite = [];
  return changed ? [`business data changed during the reads before it: ${reads.join('; ')}`] : [];
}

async function writeFailures(before: string, status: number): Promise<string[]> {
  lastFingerprint = await fingerprint(testApp.database.db);
  if (status < 400 || lastFingerprint === before) return [];
  return [`refused with ${status}, yet business data changed:\n  ${before}\n  ${lastFingerprint}`];
}

/** Stack traces and database errors must never reach a caller. */
const leaks =
  /\n\s+at\s|node_modules|Failed query|violates .* constraint|syntax error at|invalid input syntax|duplicate key value|relation ".*" does not exist/i;

function answerFailures(operation: FuzzOperation, response: LightMyRequestResponse): string[] {
  const status = response.statusCode;
  if (status >= 500) return [`answered ${status}`];
  const failures: string[] = [];
  if (!operation.responses.has(status) && !answeredAnywhere.has(status)) {
    failures.push(`answered ${status}, which the document does not list for ${operation.key}`);
  }
  if (status >= 400) failures.push(...problemFailures(response));
  return failures;
}

function problemFailures(response: LightMyRequestResponse): string[] {
  const contentType = String(response.headers['content-type'] ?? '');
  if (!contentType.startsWith('application/problem+json')) {
    return [`a ${response.statusCode} in ${contentType || 'no content type'}, not problem+json`];
  }
  let body: Record<string, unknown>;
  try {
    body = response.json();
  } catch {
    return ['a problem+json body that is not JSON'];
  }
  const failures = ['type', 'title', 'detail']
    .filter((member) => typeof body[member] !== 'string')
    .map((member) => `the problem has no ${member}`);
  if (body.status !== response.statusCode) failures.push('the problem names another status');
  if (leaks.test(response.body)) failures.push('the problem leaks a stack trace or SQL');
  return failures;
}

function pathOf(url: string): string {
  return url.split('?')[0]!;
}

/**
 * The operation a URL reaches. A path parameter of `..` or `%2e%2e` is a dot segment, which
 * every HTTP client (and light-my-request) resolves before sending, as RFC 3986 says:
 * `/action-plans/../../evidence/{id}/content` asks for `/evidence/{id}/content`, and is judged
 * by what that route documents. A URL that reaches no route answers 404, which any may.
 */
function reachedOperation(operation: FuzzOperation, url: string): FuzzOperation {
  const sent = pathOf(url);
  const resolved = new URL(sent, 'http://fuzz.example').pathname;
  if (resolved === sent) return operation;
  const reached = operations.find(
    (op) => op.method === operation.method && templateOf(op.path).test(resolved),
  );
  return reached ?? { ...operation, responses: new Set([...operation.responses, 404]) };
}

const templateOf = (path: string) =>
  new RegExp(`^${path.replace(/\{\w+\}/g, '[^/]+')}/?$`.replace(/\./g, '\\.'));

/** The ETag of the resource, or of the one it belongs to (a plan, for its submissions). */
function etagFor(operation: FuzzOperation, request: FuzzRequest): string | undefined {
  const path = pathOf(urlOf(operation, request));
  return etags.get(path) ?? etags.get(path.slice(0, path.lastIndexOf('/')));
}

/** Keeps ETags current, and signs a role in again after it signed itself out. */
async function afterAnswer(
  operation: FuzzOperation,
  request: FuzzRequest,
  response: LightMyRequestResponse,
) {
  const path = pathOf(urlOf(operation, request));
  if (response.statusCode < 300 && response.headers.etag) {
    etags.set(path, String(response.headers.etag));
  }
  if (operation.method === 'DELETE' && response.statusCode === 204) etags.delete(path);
  const signedOut = operation.key === 'DELETE /api/v1/session' && response.statusCode === 204;
  if (signedOut && request.role in accounts && 'as' in request.credential) {
    await signIn(request.role);
  }
}

function failureReport(
  options: InjectOptions,
  response: LightMyRequestResponse,
  failures: string[],
): string {
  const payload = options.payload === undefined ? '' : String(options.payload).slice(0, 500);
  return [
    ...failures,
    `request: ${options.method} ${String(options.url).slice(0, 500)}`,
    `headers: ${JSON.stringify(options.headers)}`,
    `body: ${payload}`,
    `answer: ${response.statusCode} ${String(response.headers['content-type'] ?? '')} ${response.body.slice(0, 500)}`,
  ].join('\n');
}

function summary(): string {
  const byClass = new Map<string, number>();
  for (const byStatus of answers.values()) {
    for (const [status, n] of byStatus) {
      const key = String(status);
      byClass.set(key, (byClass.get(key) ?? 0) + n);
    }
  }
  const total = [...byClass.values()].reduce((a, b) => a + b, 0);
  const statuses = [...byClass].sort().map(([status, n]) => `${status}: ${n}`);
  const never2xx = operations
    .filter((op) => ![...(answers.get(op.key)?.keys() ?? [])].some((s) => s < 300))
    .map((op) => op.key);
  return [
    `fuzz: ${total} requests over ${operations.length} operations (seed ${seed}); ${statuses.join(', ')}`,
    `fuzz: operations never answered 2xx: ${never2xx.join(', ') || 'none'}`,
  ].join('\n');
}

/**
 * Checking or setting a password costs a deliberately slow scrypt hash (about 50 ms): these
 * routes are fuzzed a fifteenth as often, so the run stays within its time.
 */
const passwordRoutes = new Set([
  'POST /api/v1/session',
  'PUT /api/v1/me/password',
  'POST /api/v1/password',
]);
const weightOf = (operation: FuzzOperation) => (passwordRoutes.has(operation.key) ? 1 : 15);

/** Expected to be drawn at least 8 times (missed once in 3,000 runs): its absence is a fault. */
function surelyDrawn(operation: FuzzOperation): boolean {
  const total = operations.reduce((sum, op) => sum + weightOf(op), 0);
  return (runs * weightOf(operation)) / total >= 8;
}

describe('fuzzing every route', () => {
  it('answers every request as documented, in problem+json when refused, changing nothing when refused', async () => {
    const context = requestContext();
    const arbitrary = fc.oneof(
      ...operations.map((op) => ({
        weight: weightOf(op),
        arbitrary: requestArbitrary(op, context),
      })),
    );
    console.log(`fuzz: ${runs} requests, seed ${seed}${replayPath ? `, path ${replayPath}` : ''}`);
    await fc.assert(fc.asyncProperty(arbitrary, sendAndCheck), {
      seed,
      numRuns: runs,
      ...(replayPath ? { path: replayPath } : {}),
    });
    expect(readFailures(await fingerprint(testApp.database.db))).toEqual([]);
    await expectEveryoneSignedIn();
    console.log(summary());
    if (replayPath) return; // one request replayed: the run's coverage says nothing
    const missed = operations.filter((op) => !answers.has(op.key) && surelyDrawn(op));
    expect(missed.map((op) => op.key)).toEqual([]);
  }, 1_800_000);

  /**
   * Every path parameter of every route, made malformed one at a time (the others real), as
   * every caller: 400 or 404, and 401 for no credentials; 403 only where the route refuses the
   * caller's role whatever the ids (and lists 403). Deterministic, unlike the run above.
   */
  it('answers malformed ids with 400 or 404 on every route, whoever asks', async () => {
    await expectEveryoneSignedIn();
    const context = requestContext();
    const failures: string[] = [];
    for (const operation of operations) {
      const parameters = operation.parameters.filter((p) => p.in === 'path');
      for (const parameter of parameters) {
        for (const role of callerKinds) {
          for (const malformed of malformedIds) {
            const request: FuzzRequest = {
              operation: operation.key,
              role,
              credential: { as: 'role' },
              path: Object.fromEntries(
                parameters.map((p) => [
                  p.name,
                  p === parameter
                    ? malformed
                    : (context.pathValues(operation.path, p.name)[0] ?? ''),
                ]),
              ),
              query: [],
              headers: {},
              ifMatch: null,
              body: { kind: 'none' },
            };
            const options = injectOptionsOf(operation, request, {
              credentials: credentials[role] ?? {},
              etag: undefined,
            });
            const response = await testApp.app.inject(options);
            const failure = malformedIdFailure(operation, role, String(options.url), response);
            if (failure) failures.push(failure);
          }
        }
      }
    }
    expect(failures).toEqual([]);
  }, 600_000);
});

/**
 * The run above must leave every caller as it found them (signed in, enabled, in their role),
 * or the check below judges answers to someone else: said here, not as 200 lines of 401s.
 */
async function expectEveryoneSignedIn() {
  const answers: Record<string, number> = {};
  for (const role of Object.keys(accounts)) {
    const me = await testApp.app.inject({ url: '/api/v1/me', headers: credentials[role] });
    answers[role] = me.statusCode;
  }
  const expected = Object.fromEntries(Object.keys(accounts).map((role) => [role, 200]));
  expect(answers).toEqual(expected);
}

/** One caller of each kind: each role, an API client, and no one. */
const callerKinds = [
  'admin',
  'regionLead',
  'hooWigan',
  'nationalLead',
  'inspector',
  'apiRead',
  'anonymous',
];

/** Ids that are not ids: shapes, a dot segment, bad escapes, the too long. */
const malformedIds: (string | RawSegment)[] = [
  'abc',
  '99999999999999999999',
  'x'.repeat(101),
  "' OR '1'='1",
  '00000000-0000-0000-0000-00000000000g',
  new RawSegment('%2e%2e'),
  new RawSegment('%'),
  new RawSegment(`a%00${'x'.repeat(101)}`),
];

/** A calendar feed is read with its own token, not the caller's: a bad feed id is a bad token. */
const ownCredentialRoutes = new Set(['GET /api/v1/calendar-feeds/{id}/calendar.ics']);

/**
 * Why an answer to a malformed id is wrong, or null. A dot segment that resolves to another
 * route is judged as a request to that route (documented, not a 5xx).
 */
function malformedIdFailure(
  operation: FuzzOperation,
  role: string,
  url: string,
  response: LightMyRequestResponse,
): string | null {
  const status = response.statusCode;
  const reached = reachedOperation(operation, url);
  const allowed =
    reached !== operation
      ? [...reached.responses].filter((code) => code < 500)
      : [
          400,
          404,
          ...(role === 'anonymous' || ownCredentialRoutes.has(operation.key) ? [401] : []),
        ];
  // Routes for some roles only refuse the others before reading the ids, as they document.
  const refusedByRole = status === 403 && role !== 'anonymous' && operation.responses.has(403);
  if (allowed.includes(status) || refusedByRole) return null;
  return `${role} ${operation.method} ${url}: ${status} ${response.body.slice(0, 200)}`;
}
