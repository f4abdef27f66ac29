import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

import type { Database, Db } from './client';

declare module 'fastify' {
  interface FastifyInstance {
    /** The drizzle client every route and service uses. */
    db: Db;
    database: Database;
  }
}

/** Makes the database available to routes; closes it with the app when the app owns it. */
async function databasePlugin(
  app: FastifyInstance,
  options: { database: Database; owned: boolean },
) {
  app.decorate('database', options.database);
  app.decorate('db', options.database.db);
  if (options.owned) app.addHook('onClose', () => options.database.close());
}

export default fp(databasePlugin, { name: 'database' });
