import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

import type { Config } from '../config';

/** Evidence on actions: files, links and notes. */
const evidenceRoutes: FastifyPluginAsyncZod<{ config: Config }> = async () => {};

export default evidenceRoutes;
