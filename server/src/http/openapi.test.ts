import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { Validator } from '@seriousme/openapi-schema-validator';
import Fastify from 'fastify';
import fp from 'fastify-plugin';
import openapiTS, { astToString } from 'openapi-typescript';
import request from 'supertest';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type TestApp, createTestApp, demo, demoPassword } from '../testing/app';
import { keyIgnoredOn } from './idempotency';
import openApiPlugin from './openapi-plugin';
import { operationIdOverrides } from './operations';

type Operation = {
  operationId?: string;
  security?: Record<string, string[]>[];
  parameters?: unknown[];
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
};

/**
 * Generated clients name their methods after these: a change here breaks integrators' code,
 * so it must be made on purpose (a route may set its own `schema.operationId`).
 */
const operationIds = {
  'GET /ping': 'getPing',
  'GET /health': 'getHealth',
  'GET /info': 'getInfo',
  'POST /api/v1/session': 'signIn',
  'DELETE /api/v1/session': 'signOut',
  'GET /api/v1/me': 'getMe',
  'PUT /api/v1/inspections/{id}/reviewer': 'setInspectionReviewer',
  'PUT /api/v1/me/password': 'changeOwnPassword',
  'POST /api/v1/password': 'setPasswordWithToken',
  'GET /api/v1/sign-in-options': 'getSignInOptions',
  'GET /api/v1/oidc/{number}/sign-in': 'startSingleSignOn',
  'GET /api/v1/oidc/{number}/callback': 'completeSingleSignOn',
  'GET /api/v1/users': 'listUsers',
  'GET /api/v1/pending-accounts': 'listPendingAccounts',
  'POST /api/v1/pending-accounts/{id}/approval': 'approvePendingAccount',
  'DELETE /api/v1/pending-accounts/{id}': 'refusePendingAccount',
  'POST /api/v1/users': 'createUser',
  'GET /api/v1/users/{id}': 'getUser',
  'PATCH /api/v1/users/{id}': 'updateUser',
  'POST /api/v1/users/{id}/password-reset': 'resetUserPassword',
  'POST /api/v1/users/{id}/disable': 'disableUser',
  'POST /api/v1/users/{id}/enable': 'enableUser',
  'GET /api/v1/users/{id}/open-actions': 'listUserOpenActions',
  'POST /api/v1/users/{id}/reassign-actions': 'reassignUserActions',
  'GET /api/v1/people': 'listPeople',
  'GET /api/v1/api-clients': 'listApiClients',
  'POST /api/v1/api-clients': 'createApiClient',
  'POST /api/v1/api-clients/{id}/revoke': 'revokeApiClient',
  'GET /api/v1/audit-events': 'listAuditEvents',
  'GET /api/v1/org-units': 'listOrgUnits',
  'GET /api/v1/org-units/{id}': 'getOrgUnit',
  'POST /api/v1/org-units': 'createOrgUnit',
  'PATCH /api/v1/org-units/{id}': 'updateOrgUnit',
  'POST /api/v1/org-unit-imports': 'importOrgUnits',
  'GET /api/v1/inspections': 'listInspections',
  'POST /api/v1/inspections': 'createInspection',
  'GET /api/v1/inspections/{id}': 'getInspection',
  'POST /api/v1/inspections/{id}/recommendation-imports': 'createInspectionRecommendationImport',
  'POST /api/v1/inspections/{id}/letter-imports': 'createInspectionLetterImport',
  'GET /api/v1/inspections/{id}/letter-imports/template': 'getInspectionLetterTemplate',
  'GET /api/v1/recommendations': 'listRecommendations',
  'GET /api/v1/recommendations/{id}': 'getRecommendation',
  'PATCH /api/v1/recommendations/{id}': 'updateRecommendation',
  'PUT /api/v1/recommendations/{id}/response': 'setRecommendationResponse',
  'POST /api/v1/recommendations/{id}/close': 'closeRecommendation',
  'GET /api/v1/recommendations/{id}/links': 'listRecommendationLinks',
  'POST /api/v1/recommendations/{id}/links': 'createRecommendationLink',
  'DELETE /api/v1/recommendation-links/{id}': 'deleteRecommendationLink',
  'POST /api/v1/recommendations/{id}/reopen': 'reopenRecommendation',
  'GET /api/v1/outcome-measures': 'listOutcomeMeasures',
  'POST /api/v1/recommendations/{id}/outcome-measures': 'createRecommendationOutcomeMeasure',
  'GET /api/v1/outcome-measures/{id}': 'getOutcomeMeasure',
  'PATCH /api/v1/outcome-measures/{id}': 'updateOutcomeMeasure',
  'DELETE /api/v1/outcome-measures/{id}': 'deleteOutcomeMeasure',
  'POST /api/v1/outcome-measures/{id}/readings': 'createOutcomeMeasureReading',
  'GET /api/v1/action-plans': 'listActionPlans',
  'GET /api/v1/action-plans/{id}': 'getActionPlan',
  'GET /api/v1/action-plans/{id}/summary': 'getActionPlanSummary',
  'POST /api/v1/recommendations/{id}/actions': 'createRecommendationAction',
  'GET /api/v1/actions': 'listActions',
  'GET /api/v1/actions/{id}': 'getAction',
  'PATCH /api/v1/actions/{id}': 'updateAction',
  'DELETE /api/v1/actions/{id}': 'deleteAction',
  'GET /api/v1/actions/{id}/evidence': 'listActionEvidence',
  'POST /api/v1/actions/{id}/evidence': 'createActionEvidence',
  'GET /api/v1/evidence/{id}/content': 'getEvidenceContent',
  'POST /api/v1/evidence/{id}/remove': 'removeEvidence',
  'GET /api/v1/actions/{id}/updates': 'listActionUpdates',
  'POST /api/v1/actions/{id}/updates': 'createActionUpdate',
  'GET /api/v1/action-plans/{id}/readiness': 'getActionPlanReadiness',
  'POST /api/v1/action-plans/{id}/submissions': 'createActionPlanSubmission',
  'GET /api/v1/action-plans/{id}/versions': 'listActionPlanVersions',
  'GET /api/v1/action-plans/{id}/versions/{number}': 'getActionPlanVersion',
  'GET /api/v1/action-plans/{id}/versions/{number}/diff/{other}': 'getActionPlanVersionDiff',
  'GET /api/v1/action-plans/{id}/versions/{number}/evidence/{evidenceId}/content':
    'getActionPlanVersionEvidenceContent',
  'POST /api/v1/action-plans/{id}/versions/{number}/review': 'reviewActionPlanVersion',
  'GET /api/v1/action-plans/{id}/threads': 'listActionPlanThreads',
  'POST /api/v1/review-threads/{id}/replies': 'createReviewThreadReply',
  'GET /api/v1/action-plans/{id}/history': 'getActionPlanHistory',
  'GET /api/v1/notifications': 'listNotifications',
  'POST /api/v1/notifications/{id}/read': 'markNotificationRead',
  'POST /api/v1/notifications/read-all': 'markAllNotificationsRead',
  'GET /api/v1/me/next-steps': 'getMyNextSteps',
  'POST /api/v1/action-plans/{id}/national-lead-requests': 'askNationalLead',
  'GET /api/v1/outbox-emails': 'listOutboxEmails',
  'POST /api/v1/calendar-feeds': 'createCalendarFeed',
  'GET /api/v1/calendar-feeds': 'listCalendarFeeds',
  'POST /api/v1/calendar-feeds/{id}/revoke': 'revokeCalendarFeed',
  'GET /api/v1/calendar-feeds/{id}/calendar.ics': 'getCalendarFeedIcs',
  'GET /api/v1/action-plans/{id}/export': 'getActionPlanExport',
  'GET /api/v1/roll-up': 'getRollUp',
  'GET /api/v1/roll-up/export': 'getRollUpExport',
  'POST /api/v1/action-plans/{id}/imports': 'createActionPlanImport',
};

let testApp: TestApp;
let document: {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
};

const operations = () =>
  Object.entries(document.paths).flatMap(([path, byMethod]) =>
    Object.entries(byMethod).map(([method, operation]) => ({
      key: `${method.toUpperCase()} ${path}`,
      ...operation,
    })),
  );

beforeAll(async () => {
  testApp = await createTestApp();
  document = (await request(testApp.app.server).get('/api/openapi.json').expect(200)).body;
});
afterAll(() => testApp.close());

describe('GET /api/openapi.json', () => {
  it('is a valid OpenAPI 3 document', async () => {
    expect(document.openapi).toMatch(/^3\./);
    const result = await new Validator().validate(structuredClone(document) as never);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('lists every /api/v1 route, each with its parameters and response schemas', () => {
    const apiRoutes = testApp.app.routeTable.filter((route) => route.url.startsWith('/api/v1'));
    expect(apiRoutes.length).toBeGreaterThanOrEqual(10);
    for (const route of apiRoutes) {
      const path = route.url.replace(/:(\w+)/g, '{$1}');
      {
        const method = route.method;
        const operation = document.paths[path]?.[method.toLowerCase()];
        expect(operation, `${method} ${path}`).toBeDefined();
        // 302: single sign-on's routes answer a browser with a redirect.
        const success = ['200', '201', '204', '302'].find((status) => operation!.responses[status]);
        expect(success, `${method} ${path} success response`).toBeDefined();
        if (success !== '204' && success !== '302') {
          const content = operation!.responses[success!]?.content ?? {};
          // A file (download, export, calendar) documents its media types instead of JSON.
          const schema = content['application/json']?.schema ?? Object.values(content)[0]?.schema;
          expect(schema, `${method} ${path}`).toBeDefined();
        }
        expect(operation!.responses['401'], `${method} ${path} 401`).toBeDefined();
        if (path.includes('{id}')) {
          expect(operation!.parameters, `${method} ${path} parameters`).toEqual(
            expect.arrayContaining([expect.objectContaining({ name: 'id', in: 'path' })]),
          );
        }
      }
    }
  });

  it('names the resources as components and documents the list filters', () => {
    for (const name of [
      'Problem',
      'Recommendation',
      'RecommendationPage',
      'Inspection',
      'OrgUnit',
      'OutcomeMeasure',
      'ActionPlan',
    ]) {
      expect(document.components.schemas, name).toHaveProperty(name);
    }
    const filters = (
      document.paths['/api/v1/recommendations']!.get!.parameters as { name: string }[]
    ).map((p) => p.name);
    expect(filters).toEqual(
      expect.arrayContaining([
        'inspectionId',
        'ownerLevel',
        'owningUnitId',
        'sourcePduId',
        'theme',
        'status',
        'limit',
        'cursor',
        'sort',
      ]),
    );
  });

  it('declares Idempotency-Key on every POST except those listed as ignoring it', () => {
    const posts = Object.entries(document.paths).flatMap(([path, operations]) =>
      operations.post ? [{ route: `POST ${path}`, operation: operations.post }] : [],
    );
    for (const { route, operation } of posts) {
      const declares = Boolean(
        (operation.parameters as { name: string; in: string }[] | undefined)?.some(
          (parameter) => parameter.in === 'header' && parameter.name === 'idempotency-key',
        ),
      );
      expect(declares, route).toBe(!(route in keyIgnoredOn));
      if (declares) expect(operation.responses['422'], `${route} 422`).toBeDefined();
    }
    expect(
      Object.keys(keyIgnoredOn).filter((route) => !posts.some((p) => p.route === route)),
    ).toEqual([]);
    expect((document as unknown as { info: { description: string } }).info.description).toContain(
      'POST /api/v1/api-clients',
    );
  });

  it('serves the interactive docs at /api/docs', async () => {
    const response = await request(testApp.app.server).get('/api/docs/').expect(200);
    expect(response.text).toContain('swagger');
  });

  it('names every operation with a unique, stable operationId', () => {
    const named = Object.fromEntries(operations().map((op) => [op.key, op.operationId]));
    expect(named).toEqual(operationIds);
    const ids = Object.values(named);
    expect(new Set(ids).size).toBe(ids.length);
    for (const key of Object.keys(operationIdOverrides)) expect(named, key).toHaveProperty([key]);
  });

  it('declares the session cookie and the API token, and which operations take which', () => {
    expect(document.components.securitySchemes).toEqual({
      sessionCookie: expect.objectContaining({
        type: 'apiKey',
        in: 'cookie',
        name: testApp.app.sessionCookieName,
      }),
      bearerToken: expect.objectContaining({ type: 'http', scheme: 'bearer' }),
    });
    const schemesOf = (security: Operation['security']) =>
      (security ?? [{ missing: [] }]).flatMap(Object.keys).join(' or ') || 'none';
    const byScheme: Record<string, string[]> = {};
    for (const op of operations()) (byScheme[schemesOf(op.security)] ??= []).push(op.key);
    expect(Object.keys(byScheme).sort()).toEqual([
      'none',
      'sessionCookie',
      'sessionCookie or bearerToken',
    ]);
    expect(byScheme.none!.sort()).toEqual([
      'GET /api/v1/calendar-feeds/{id}/calendar.ics',
      'GET /api/v1/oidc/{number}/callback',
      'GET /api/v1/oidc/{number}/sign-in',
      'GET /api/v1/sign-in-options',
      'GET /health',
      'GET /info',
      'GET /ping',
      'POST /api/v1/password',
      'POST /api/v1/session',
    ]);
    // Administrators' routes, and what belongs to a person: API clients are refused there.
    expect(byScheme.sessionCookie!.sort()).toEqual([
      'DELETE /api/v1/pending-accounts/{id}',
      'DELETE /api/v1/session',
      'GET /api/v1/api-clients',
      'GET /api/v1/calendar-feeds',
      'GET /api/v1/inspections/{id}/letter-imports/template',
      'GET /api/v1/notifications',
      'GET /api/v1/outbox-emails',
      'GET /api/v1/pending-accounts',
      'GET /api/v1/users',
      'GET /api/v1/users/{id}',
      'GET /api/v1/users/{id}/open-actions',
      'PATCH /api/v1/org-units/{id}',
      'PATCH /api/v1/users/{id}',
      'POST /api/v1/api-clients',
      'POST /api/v1/api-clients/{id}/revoke',
      'POST /api/v1/calendar-feeds',
      'POST /api/v1/calendar-feeds/{id}/revoke',
      'POST /api/v1/inspections',
      'POST /api/v1/inspections/{id}/letter-imports',
      'POST /api/v1/inspections/{id}/recommendation-imports',
      'POST /api/v1/notifications/read-all',
      'POST /api/v1/notifications/{id}/read',
      'POST /api/v1/org-unit-imports',
      'POST /api/v1/org-units',
      'POST /api/v1/pending-accounts/{id}/approval',
      'POST /api/v1/users',
      'POST /api/v1/users/{id}/disable',
      'POST /api/v1/users/{id}/enable',
      'POST /api/v1/users/{id}/password-reset',
      'POST /api/v1/users/{id}/reassign-actions',
      'PUT /api/v1/inspections/{id}/reviewer',
      'PUT /api/v1/me/password',
    ]);
  });
});

describe('a route that names its own operation', () => {
  it('keeps its operationId and security', async () => {
    const app = Fastify();
    await app.register(
      fp(
        async (auth) => {
          auth.decorate('sessionCookieName', 'session');
        },
        { name: 'auth' },
      ),
    );
    await app.register(openApiPlugin, { version: '0', docsForSignedInOnly: false });
    app.get('/api/v1/widgets', {
      schema: { operationId: 'browseWidgets', security: [{ bearerToken: [] }] },
      config: { access: { roles: ['admin'] } },
      handler: async () => [],
    });
    await app.ready();
    const widgets = (app.swagger() as { paths: Record<string, { get: Operation }> }).paths[
      '/api/v1/widgets'
    ]!.get;
    expect(widgets).toMatchObject({
      operationId: 'browseWidgets',
      security: [{ bearerToken: [] }],
    });
    await app.close();
  });
});

describe('in production, the API docs', () => {
  let production: TestApp['app'];
  let cookie: string;
  beforeAll(async () => {
    const app = await createTestApp({
      database: testApp.database,
      seed: false,
      env: {
        NODE_ENV: 'production',
        DATABASE_URL: 'postgres://unused.invalid/tracker',
        PUBLIC_URL: 'https://tracker.example',
        EMAIL_SCHEDULER: 'off',
      },
    });
    production = app.app;
    cookie = await app.signIn(demo.admin);
  });
  // The database is the first app's: only this app is closed here.
  afterAll(() => production.close());

  it('are refused to a caller who has not signed in', async () => {
    for (const url of ['/api/docs', '/api/docs/', '/api/docs/json', '/api/openapi.json']) {
      const response = await request(production.server).get(url);
      expect(response.status, url).toBe(401);
      expect(response.headers['content-type'], url).toContain('application/problem+json');
    }
  });

  it('are served to a signed-in person, and the document to an API client', async () => {
    const page = await request(production.server).get('/api/docs/').set('cookie', cookie);
    expect(page.status).toBe(200);
    expect(page.text).toContain('swagger');
    await request(production.server).get('/api/openapi.json').set('cookie', cookie).expect(200);
    const units = await request(production.server)
      .get('/api/v1/org-units')
      .set('cookie', cookie)
      .expect(200);
    const region = (units.body.items as { id: string; type: string }[]).find(
      (unit) => unit.type === 'region',
    )!;
    const { token } = (
      await request(production.server)
        .post('/api/v1/api-clients')
        .set('cookie', cookie)
        .send({ name: 'docs reader', unitId: region.id, permission: 'read' })
        .expect(201)
    ).body as { token: string };
    const byToken = await request(production.server)
      .get('/api/openapi.json')
      .set('authorization', `Bearer ${token}`)
      .expect(200);
    expect(byToken.body.paths).toHaveProperty(['/api/v1/recommendations']);
  });
});

/** A tiny integration, written against the generated types by operation name. */
const clientSource = `
import createClient from 'openapi-fetch';
import type { operations, paths } from './api';

type Credentials = operations['signIn']['requestBody']['content']['application/json'];
type Filters = NonNullable<operations['listRecommendations']['parameters']['query']>;

export async function regionRecommendations(baseUrl: string, email: string, password: string) {
  const credentials: Credentials = { email, password };
  const filters: Filters = { ownerLevel: 'region', limit: 3 };
  const client = createClient<paths>({ baseUrl });
  const signedIn = await client.POST('/api/v1/session', { body: credentials });
  if (signedIn.error) throw new Error(signedIn.error.title);
  const cookie = signedIn.response.headers.getSetCookie()[0]!.split(';')[0]!;
  const page = await client.GET('/api/v1/recommendations', {
    params: { query: filters },
    headers: { cookie },
  });
  if (page.error) throw new Error(page.error.title);
  return { name: signedIn.data.name, owners: page.data.items.map((item) => item.ownerLevel) };
}
`;

/** The same calls with a filter the API does not take: the types must refuse it. */
const misuseSource = `
import type { operations } from './api';
export const filters: NonNullable<operations['listRecommendations']['parameters']['query']> = {
  ownerLevel: 'galaxy',
};
`;

describe('a typed client generated from the document (openapi-typescript)', () => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'openapi-client-'));
    const repoModules = path.resolve(import.meta.dirname, '../../../node_modules');
    await symlink(repoModules, path.join(folder, 'node_modules'), 'dir');
  });
  afterAll(() => rm(folder, { recursive: true, force: true }));

  it('compiles, refuses a wrong filter, and signs in and lists recommendations', async () => {
    await writeFile(path.join(folder, 'api.ts'), astToString(await openapiTS(document as never)));
    await writeFile(path.join(folder, 'client.ts'), clientSource);
    await writeFile(path.join(folder, 'misuse.ts'), misuseSource);
    await writeFile(path.join(folder, 'package.json'), '{ "type": "module" }');
    const program = ts.createProgram({
      rootNames: ['client.ts', 'misuse.ts'].map((file) => path.join(folder, file)),
      options: {
        strict: true,
        noUncheckedIndexedAccess: true,
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.ESNext,
        moduleResolution: ts.ModuleResolutionKind.Bundler,
        lib: ['lib.es2022.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
        types: [],
        skipLibCheck: true,
        outDir: folder,
      },
    });
    const problemsIn = (file: string) =>
      ts
        .getPreEmitDiagnostics(program, program.getSourceFile(path.join(folder, file)))
        .map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    expect(problemsIn('client.ts')).toEqual([]);
    expect(problemsIn('misuse.ts').join('\n')).toContain('"galaxy"');
    expect(program.emit(program.getSourceFile(path.join(folder, 'client.ts'))).emitSkipped).toBe(
      false,
    );

    await testApp.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = testApp.app.server.address() as { port: number };
    const client = (await import(pathToFileURL(path.join(folder, 'client.js')).href)) as {
      regionRecommendations: (
        baseUrl: string,
        email: string,
        password: string,
      ) => Promise<{ name: string; owners: string[] }>;
    };
    const answer = await client.regionRecommendations(
      `http://127.0.0.1:${port}`,
      demo.rpd,
      demoPassword,
    );
    expect(answer.name).not.toBe('');
    expect(answer.owners).toEqual(['region', 'region', 'region']);
    // About five seconds of CPU (generating, then type-checking with the DOM's types); a
    // busy shared machine can stretch that well past the default timeout.
  }, 120_000);

  it('says, per decision, what a recommendation response needs', () => {
    const request = document.components.schemas.RecommendationResponseRequest as {
      oneOf?: { properties: { decision: { const: string } }; required: string[] }[];
      anyOf?: { properties: { decision: { const: string } }; required: string[] }[];
    };
    const shapes = request.oneOf ?? request.anyOf ?? [];
    const required = Object.fromEntries(
      shapes.map((shape) => [shape.properties.decision.const, [...shape.required].sort()]),
    );
    expect(required).toEqual({
      agreed: ['decision'],
      partly_agreed: ['acceptedPart', 'decision', 'rationale'],
      not_agreed: ['decision', 'rationale'],
      addressed_by: ['addressedById', 'decision', 'rationale'],
    });
  });

  it('publishes the one-line rule of titles and names as a pattern', () => {
    const action = document.components.schemas.CreateActionRequest as {
      properties: Record<string, { pattern?: string }>;
    };
    const oneLine = new RegExp(action.properties.title!.pattern!);
    expect(oneLine.test('Audit supervision')).toBe(true);
    expect(oneLine.test('Audit\r\nSign in again here')).toBe(false);
    expect(new RegExp(action.properties.description!.pattern!).test('One\nTwo')).toBe(true);
  });
});
