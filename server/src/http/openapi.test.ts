import { Validator } from '@seriousme/openapi-schema-validator';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type TestApp, createTestApp } from '../testing/app';

let testApp: TestApp;
let document: {
  openapi: string;
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: unknown[];
        responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
      }
    >
  >;
  components: { schemas: Record<string, unknown> };
};

beforeAll(async () => {
  testApp = await createTestApp({ seed: false });
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
        const success = ['200', '201', '204'].find((status) => operation!.responses[status]);
        expect(success, `${method} ${path} success response`).toBeDefined();
        if (success !== '204') {
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

  it('serves the interactive docs at /api/docs', async () => {
    const response = await request(testApp.app.server).get('/api/docs/').expect(200);
    expect(response.text).toContain('swagger');
  });
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
