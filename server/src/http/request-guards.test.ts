import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';

import problemPlugin, { frameworkErrorHandler } from './problem-plugin';
import textGuard from './text-guard';

/** What the fuzzer found: answers that came before the routes, and text PostgreSQL refuses. */

const app = Fastify({ logger: false, frameworkErrors: frameworkErrorHandler });

beforeAll(async () => {
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(problemPlugin);
  await app.register(textGuard);
  app.get('/api/v1/things/:id', async () => ({ ok: true }));
  app.post(
    '/api/v1/things',
    { schema: { body: z.object({ title: z.string(), tags: z.array(z.string()).optional() }) } },
    async () => ({ ok: true }),
  );
  await app.ready();
});
afterAll(() => app.close());

function expectProblem(response: { statusCode: number; headers: object; json(): unknown }) {
  expect(response.statusCode).toBe(400);
  expect(response.headers).toMatchObject({
    'content-type': expect.stringMatching(/^application\/problem\+json/),
  });
  return response.json() as { errors: { path: string }[] };
}

describe('refusals before any route runs', () => {
  it('answers a path parameter over the router limit with 400 problem+json, not 414 JSON', async () => {
    const response = await app.inject(`/api/v1/things/${'x'.repeat(101)}`);
    expect(expectProblem(response).errors).toEqual([expect.objectContaining({ path: 'url' })]);
  });

  it('answers a malformed percent escape with 400 problem+json', async () => {
    expectProblem(await app.inject('/api/v1/things/%E0%A4%A'));
  });
});

describe('text PostgreSQL cannot store', () => {
  const post = (payload: string) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/things',
      headers: { 'content-type': 'application/json' },
      payload,
    });

  it('refuses a NUL character anywhere in the body, naming where', async () => {
    const problem = expectProblem(await post('{"title":"ok","tags":["a","b\\u0000c"]}'));
    expect(problem.errors).toEqual([expect.objectContaining({ path: 'tags.1' })]);
  });

  it('refuses an unpaired surrogate, and takes a paired one', async () => {
    expectProblem(await post('{"title":"\\ud800"}'));
    expect((await post('{"title":"\\ud83d\\ude00"}')).statusCode).toBe(200);
  });

  it('refuses a NUL character in the query string', async () => {
    expectProblem(await app.inject('/api/v1/things/1?q=%00'));
  });

  it('walks a body nested thousands deep without overflowing', async () => {
    const deep = `{"title":"ok","tags":${'['.repeat(5000)}${']'.repeat(5000)}}`;
    expect((await post(deep)).statusCode).toBe(400);
  });
});
