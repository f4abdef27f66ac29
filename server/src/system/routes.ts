import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';

import { sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

import { access } from '../auth/access';
import { canSeeBuildDetails } from '../auth/policy';
import { appliedMigrationCount, expectedMigrationCount } from '../db/migrate';
import { repoRoot } from '../paths';

const Status = z.enum(['UP', 'DOWN']);

const Health = z.object({
  status: Status,
  components: z.object({
    database: z.object({
      status: Status,
      kind: z.enum(['embedded', 'postgres']),
      detail: z.string().optional(),
    }),
    migrations: z.object({
      status: Status,
      applied: z.number().int().nullable(),
      expected: z.number().int(),
    }),
  }),
});

/**
 * What a load balancer needs (is this the release I deployed, did it restart) for anyone; what
 * an attacker would like to know (the exact build and runtime) only for administrators.
 */
const Info = z.object({
  name: z.string(),
  version: z.string(),
  startedAt: z.string(),
  gitCommit: z.string().nullable().optional().describe('administrators only'),
  nodeVersion: z.string().optional().describe('administrators only'),
  database: z.enum(['embedded', 'postgres']).optional().describe('administrators only'),
});

const packageJson = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
};

function gitCommitOf(configured: string | undefined): string | null {
  if (configured) return configured;
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'ignore'],
    })
      .toString()
      .trim();
  } catch {
    // Not a git checkout (e.g. a container image built without .git).
    return null;
  }
}

/** Liveness, readiness and build information, outside /api, in their own small JSON shapes. */
const systemRoutes: FastifyPluginAsyncZod<{ gitCommit: string | undefined }> = async (
  app,
  options,
) => {
  const startedAt = new Date().toISOString();
  const gitCommit = gitCommitOf(options.gitCommit);
  const expected = expectedMigrationCount();

  app.get(
    '/ping',
    {
      schema: {
        tags: ['System'],
        summary: 'Liveness: the process is up',
        response: { 200: z.object({ status: z.literal('UP') }) },
      },
    },
    async () => ({ status: 'UP' as const }),
  );

  app.get(
    '/health',
    {
      schema: {
        tags: ['System'],
        summary: 'Readiness: the database answers and every migration is applied',
        response: { 200: Health, 503: Health },
      },
    },
    async (_request, reply) => {
      const health = await checkHealth();
      return reply.code(health.status === 'UP' ? 200 : 503).send(health);
    },
  );

  app.get(
    '/info',
    {
      config: { access: access.public },
      schema: { tags: ['System'], summary: 'Build information', response: { 200: Info } },
    },
    async (request) => {
      const release = { name: packageJson.name, version: packageJson.version, startedAt };
      if (!canSeeBuildDetails(request.actor)) return release;
      return { ...release, gitCommit, nodeVersion: process.version, database: app.database.kind };
    },
  );

  async function checkHealth(): Promise<z.infer<typeof Health>> {
    const kind = app.database.kind;
    try {
      await app.db.execute(sql`select 1`);
    } catch {
      return {
        status: 'DOWN',
        components: {
          database: { status: 'DOWN', kind, detail: 'The database does not answer.' },
          migrations: { status: 'DOWN', applied: null, expected },
        },
      };
    }
    const applied = await appliedMigrationCount(app.database).catch(() => null);
    const migrationsUp = applied === expected;
    return {
      status: migrationsUp ? 'UP' : 'DOWN',
      components: {
        database: { status: 'UP', kind },
        migrations: { status: migrationsUp ? 'UP' : 'DOWN', applied, expected },
      },
    };
  }
};

export default systemRoutes;
