import fs from 'node:fs';
import path from 'node:path';

import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

import { sendProblem } from '../http/problem-plugin';

/**
 * Serves the built React client and answers every other GET outside /api with its index.html,
 * so client-side routes survive a reload. Unknown /api paths stay problem+json 404s.
 */
async function webPlugin(app: FastifyInstance, options: { distDir: string }) {
  const indexHtml = path.join(options.distDir, 'index.html');
  if (fs.existsSync(indexHtml)) {
    await app.register(fastifyStatic, {
      root: options.distDir,
      index: ['index.html'],
      // One route per built file, not a catch-all: a catch-all also caught API paths that match
      // no route (a part over the length limit) and answered them with send's own 403 or 404.
      wildcard: false,
      // The build writes .br and .gz beside each text file (web/vite.config.ts): the one the
      // browser accepts is sent as it is, with Vary: Accept-Encoding; otherwise the plain file.
      preCompressed: true,
      setHeaders: (reply, filePath) => {
        // Vite fingerprints everything under assets/; index.html must be re-read on each visit.
        const immutable = filePath.includes(`${path.sep}assets${path.sep}`);
        reply.header(
          'cache-control',
          immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
  } else {
    app.log.warn(`The web client is not built (${indexHtml} is missing); only the API is served.`);
  }

  app.setNotFoundHandler((request, reply) => {
    const pathname = request.url.split('?')[0] ?? '/';
    const isPage =
      (request.method === 'GET' || request.method === 'HEAD') &&
      !pathname.startsWith('/api') &&
      !path.extname(pathname);
    if (isPage && fs.existsSync(indexHtml)) {
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    return sendProblem(
      request,
      reply,
      404,
      'Not found',
      `There is nothing at ${request.method} ${pathname}.`,
    );
  });
}

export default fp(webPlugin, { name: 'web' });
