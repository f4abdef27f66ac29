import { buildApp } from './app';
import { ConfigError, loadConfig } from './config';
import { openDatabase } from './db/client';
import { prepareDatabase } from './db/prepare';

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

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info(`${signal} received: finishing in-flight requests, then stopping.`);
    // Bounded: a stuck request must not keep a stopping instance alive for ever.
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    app
      .close()
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

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  }
  process.exit(1);
});
