import type { FastifyInstance, HTTPMethods } from 'fastify';
import fp from 'fastify-plugin';

export interface RouteEntry {
  method: HTTPMethods;
  url: string;
  hidden: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route the app serves, for tests that must cover them all (OpenAPI, authorisation). */
    routeTable: RouteEntry[];
  }
}

async function routeTablePlugin(app: FastifyInstance) {
  const routeTable: RouteEntry[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      if (method === 'HEAD') continue;
      routeTable.push({ method, url: route.url, hidden: Boolean(route.schema?.hide) });
    }
  });
}

export default fp(routeTablePlugin, { name: 'route-table' });
