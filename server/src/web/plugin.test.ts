import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';

import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type TestApp, createTestApp } from '../testing/app';

let testApp: TestApp;
const script = 'console.log("a fingerprinted script");\n'.repeat(50);
const distDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tracker-web-'));

beforeAll(async () => {
  fs.mkdirSync(path.join(distDir, 'assets'));
  fs.writeFileSync(
    path.join(distDir, 'index.html'),
    '<!doctype html><title>Inspection action plans</title>',
  );
  fs.writeFileSync(path.join(distDir, 'assets/app-1234.js'), script);
  // As the build leaves them: compressed copies beside the file (web/vite.config.ts).
  fs.writeFileSync(path.join(distDir, 'assets/app-1234.js.br'), zlib.brotliCompressSync(script));
  fs.writeFileSync(path.join(distDir, 'assets/app-1234.js.gz'), zlib.gzipSync(script));
  testApp = await createTestApp({ seed: false, env: { WEB_DIST_DIR: distDir } });
});
afterAll(async () => {
  await testApp.close();
  fs.rmSync(distDir, { recursive: true, force: true });
});

describe('serving the web client', () => {
  it('serves the app at / and at any client route, so a reload keeps the page', async () => {
    for (const page of ['/', '/inspections/123', '/recommendations/abc?tab=measures']) {
      const response = await request(testApp.app.server).get(page).expect(200);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.text).toContain('Inspection action plans');
      expect(response.headers['cache-control']).toBe('no-cache');
    }
  });

  it('serves fingerprinted files with a long cache life', async () => {
    const response = await request(testApp.app.server).get('/assets/app-1234.js').expect(200);
    expect(response.headers['cache-control']).toContain('immutable');
  });

  it('sends the brotli copy to a browser that accepts it, gzip to one that takes only gzip', async () => {
    for (const [accepted, encoding, suffix] of [
      ['gzip, deflate, br', 'br', '.br'],
      ['gzip', 'gzip', '.gz'],
    ] as const) {
      const response = await request(testApp.app.server)
        .get('/assets/app-1234.js')
        .set('accept-encoding', accepted)
        .expect(200);
      expect(response.headers['content-encoding']).toBe(encoding);
      expect(response.headers['vary']).toMatch(/accept-encoding/i);
      expect(response.headers['content-type']).toMatch(/javascript/);
      expect(response.headers['cache-control']).toContain('immutable');
      // The compressed copy's own bytes went over the wire (supertest decodes them for .text).
      const compressed = fs.statSync(path.join(distDir, `assets/app-1234.js${suffix}`)).size;
      expect(Number(response.headers['content-length'])).toBe(compressed);
      expect(compressed).toBeLessThan(script.length / 5);
      expect(response.text).toBe(script);
    }
  });

  it('sends the plain file to a client that accepts no encoding', async () => {
    const response = await request(testApp.app.server)
      .get('/assets/app-1234.js')
      .set('accept-encoding', 'identity')
      .expect(200);
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(response.headers['vary']).toMatch(/accept-encoding/i);
    expect(response.text).toBe(script);
  });

  it('answers a missing file, an unknown /api path and a non-GET with problem+json 404s', async () => {
    for (const [method, url] of [
      ['get', '/assets/missing.js'],
      ['get', '/api/v1/nothing-here'],
      ['get', '/api'],
      ['get', '/assets/a%00b.js'],
      ['post', '/inspections'],
    ] as const) {
      const response = await request(testApp.app.server)[method](url).expect(404);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({ status: 404, title: 'Not found' });
    }
  });

  // Found by the fuzzer (seed 934527795): once the client was built, an API path no route
  // could take (a part over the length limit) reached the files' catch-all, whose 403 for a NUL
  // the API does not document.
  it('answers an API path no route can take as the API does, not as a file', async () => {
    const url = `/api/v1/action-plans/a%00b/versions/${'x'.repeat(101)}/diff/live`;
    const response = await request(testApp.app.server).get(url);
    expect([400, 404]).toContain(response.status);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});
