import fs from 'node:fs';

import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

// No Docker engine runs on the development and CI machines: this checks the file, not a run.
const composePath = new URL('../../docker-compose.yml', import.meta.url);

describe('docker-compose.yml', () => {
  const compose = parse(fs.readFileSync(composePath, 'utf8')) as {
    services: Record<
      string,
      {
        image?: string;
        build?: unknown;
        environment?: Record<string, string>;
        depends_on?: unknown;
        ports?: string[];
      }
    >;
  };

  it('defines PostgreSQL and the app', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['app', 'postgres']);
    expect(compose.services.postgres!.image).toMatch(/^postgres:\d+/);
    expect(compose.services.app!.build).toBeDefined();
    expect(compose.services.app!.ports).toContain('3000:3000');
  });

  it('points the app at the postgres service and waits for it', () => {
    const environment = compose.services.app!.environment!;
    expect(environment.DATABASE_URL).toMatch(/^postgres(ql)?:\/\/[^@]+@postgres:5432\//);
    expect(compose.services.app!.depends_on).toMatchObject({
      postgres: { condition: 'service_healthy' },
    });
  });
});
