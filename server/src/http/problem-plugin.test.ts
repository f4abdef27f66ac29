import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';

import { HttpProblem } from './errors';
import problemPlugin from './problem-plugin';

const app = Fastify({ logger: false });

beforeAll(async () => {
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(problemPlugin);
  app.get('/boom', async () => {
    const error = new Error('syntax error at or near "selec" in SELECT * FROM users');
    throw Object.assign(error, { code: '42601' });
  });
  app.get('/conflict', async () => {
    throw new HttpProblem(409, 'Conflict', 'The plan is already submitted.');
  });
  app.post(
    '/things',
    { schema: { body: z.strictObject({ title: z.string().min(1), dueDate: z.iso.date() }) } },
    async () => ({ ok: true }),
  );
  await app.ready();
});
afterAll(() => app.close());

describe('the problem+json error handler', () => {
  it('turns an unexpected error into a 500 that carries no stack trace or SQL', async () => {
    const response = await request(app.server).get('/boom').expect(500);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toEqual({
      type: '/problems/internal-error',
      title: 'Internal server error',
      status: 500,
      detail: 'Something went wrong. The error has been logged.',
      instance: '/boom',
    });
  });

  it('passes a domain problem through with its status', async () => {
    const response = await request(app.server).get('/conflict').expect(409);
    expect(response.body).toMatchObject({ status: 409, detail: 'The plan is already submitted.' });
  });

  it('lists every invalid field and every unknown one', async () => {
    const response = await request(app.server)
      .post('/things')
      .send({ title: '', dueDate: '31/12/2026', ownerId: 'me' })
      .expect(400);
    const paths = (response.body.errors as { path: string }[]).map((error) => error.path).sort();
    expect(paths).toEqual(['dueDate', 'ownerId', 'title']);
  });

  it('answers malformed JSON and a wrong content type with problem+json', async () => {
    const malformed = await request(app.server)
      .post('/things')
      .set('content-type', 'application/json')
      .send('{"title": ')
      .expect(400);
    expect(malformed.headers['content-type']).toMatch(/^application\/problem\+json/);
    const wrongType = await request(app.server)
      .post('/things')
      .set('content-type', 'text/csv')
      .send('a,b')
      .expect(415);
    expect(wrongType.body).toMatchObject({ status: 415, title: 'Unsupported media type' });
  });

  it('answers JSON sent as text/plain with 415, not as an invalid body', async () => {
    const response = await request(app.server)
      .post('/things')
      .set('content-type', 'text/plain')
      .send(JSON.stringify({ title: 'A title', dueDate: '2026-01-31' }))
      .expect(415);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ status: 415, title: 'Unsupported media type' });
  });
});
