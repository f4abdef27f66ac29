import type { Server, ServerResponse } from 'node:http';
import v8 from 'node:v8';

import { buildApp } from './app';
import { ConfigError, loadConfig } from './config';
import { openDatabase } from './db/client';
import { prepareDatabase } from './db/prepare';
import { killAfter } from './shutdown-watchdog';

/**
 * Under load most of what a request allocates dies young, but enough survives to be promoted,
 * and V8 lets the old generation grow to several times what is live before collecting it: peak
 * RSS 250-315 MB for ~60 MB live. Collecting at 1.5x what is live keeps the peak near 200 MB at
 * the same throughput; it is not a limit, so a big export still gets the memory it needs.
 * (A V8 flag: a later V8 without it ignores it.) docs/decisions/017-compiled-server-and-memory.md
 */
v8.setFlagsFromString('--heap-growing-percent=50');

/** Reads config, prepares the database, listens, and drains on SIGTERM. */
async function main() {
  const config = loadConfig();
  const database = await openDatabase(config);
  const prepared = await prepareDatabase(database, config);
  const app = await buildApp(config, { database });

  app.log.info(
    database.kind === 'embedded'
      ? `Using the embedded database (no DATABASE_URL): ${database.description}`
      : `Using ${database.description}`,
  );
  if (prepared.seeded)
    app.log.info('Loaded the Greater Manchester demo data into the empty database.');

  const drain = drainOnShutdown(app.server);
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info(`${signal} received: finishing in-flight requests, then stopping.`);
    // Bounded: a stuck request, or a main thread blocked in the database's close, must not keep
    // a stopping instance alive for ever.
    killAfter(10_000);
    drain()
      .then(() => app.close())
      .then(() => database.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          app.log.error({ err: error }, 'error while stopping');
          process.exit(1);
        },
      );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));

  await app.listen({ port: config.port, host: config.host });
}

/**
 * Stops accepting and lets every accepted request finish before Fastify's own close starts:
 * once closing, Fastify answers requests still arriving on keep-alive connections with a bare
 * 503 that is not problem+json. Responses sent while draining carry `Connection: close`, so
 * keep-alive clients take their next request elsewhere instead of here.
 */
function drainOnShutdown(server: Server): () => Promise<void> {
  const inFlight = new Set<ServerResponse>();
  let draining = false;
  const lastOnItsConnection = (response: ServerResponse) => {
    if (!response.headersSent) response.setHeader('connection', 'close');
  };
  server.on('request', (_request, response: ServerResponse) => {
    if (draining) return lastOnItsConnection(response);
    inFlight.add(response);
    response.once('close', () => inFlight.delete(response));
  });
  return () =>
    new Promise((resolve) => {
      draining = true;
      inFlight.forEach(lastOnItsConnection);
      // Closes idle keep-alive connections too; calls back once the busy ones have finished.
      server.close(() => resolve());
    });
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  }
  process.exit(1);
});
