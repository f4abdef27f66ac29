import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { ConfigError, loadConfig } from './config';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected the configuration to be refused');
}

describe('loadConfig', () => {
  it("has the contract's defaults for development", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      nodeEnv: 'development',
      port: 3000,
      host: '127.0.0.1',
      databaseUrl: undefined,
      dataDir: path.resolve('./data'),
      demoPassword: 'demo-password',
      sessionIdleMinutes: 30,
      sessionAbsoluteHours: 12,
      ragDueSoonDays: 14,
      evidenceMaxBytes: 20_971_520,
      seedDemoData: true,
    });
  });

  it('accepts NODE_ENV test and reads each setting', () => {
    const config = loadConfig({
      NODE_ENV: 'test',
      PORT: '8080',
      HOST: '0.0.0.0',
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/tracker',
      DATA_DIR: '/tmp/tracker-data',
      RATE_LIMIT_PER_MINUTE: '0',
      RAG_DUE_SOON_DAYS: '7',
    });
    expect(config).toMatchObject({
      nodeEnv: 'test',
      port: 8080,
      host: '0.0.0.0',
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/tracker',
      dataDir: '/tmp/tracker-data',
      rateLimitPerMinute: 0,
      ragDueSoonDays: 7,
    });
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: '' })).toMatchObject({
      databaseUrl: undefined,
      port: 3000,
    });
  });

  it('lists every bad variable in one error', () => {
    const problems = problemsOf({
      NODE_ENV: 'staging',
      PORT: 'eighty',
      DATABASE_URL: 'mysql://localhost/x',
      EVIDENCE_MAX_BYTES: '-1',
    });
    expect(problems).toHaveLength(4);
    expect(problems.map((problem) => problem.split(':')[0]).sort()).toEqual([
      'DATABASE_URL',
      'EVIDENCE_MAX_BYTES',
      'NODE_ENV',
      'PORT',
    ]);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/Invalid configuration:\n {2}- PORT: /);
  });

  it('takes a separate owner role for migrations, which needs the app role in DATABASE_URL', () => {
    expect(
      loadConfig({
        DATABASE_URL: 'postgres://tracker_app@db:5432/tracker',
        DATABASE_MIGRATION_URL: 'postgres://tracker_owner@db:5432/tracker',
      }),
    ).toMatchObject({
      databaseUrl: 'postgres://tracker_app@db:5432/tracker',
      databaseMigrationUrl: 'postgres://tracker_owner@db:5432/tracker',
    });
    expect(problemsOf({ DATABASE_MIGRATION_URL: 'postgres://tracker_owner@db/tracker' })).toEqual([
      'DATABASE_MIGRATION_URL: needs DATABASE_URL (the role the app connects as); the embedded database has no roles',
    ]);
    expect(problemsOf({ DATABASE_URL: 'postgres://a@db/t', DATABASE_MIGRATION_URL: 'db' })).toEqual(
      ['DATABASE_MIGRATION_URL: must be a postgres:// or postgresql:// URL'],
    );
  });

  it('requires a database server and the public address in production, and seeds nothing', () => {
    expect(problemsOf({ NODE_ENV: 'production' })).toEqual([
      'DATABASE_URL: is required in production (the embedded database is for development only)',
      'PUBLIC_URL: is required in production (one-time links are built on it)',
    ]);
    const config = loadConfig({
      NODE_ENV: 'production',
      DATABASE_URL: 'postgresql://app@db:5432/tracker',
      PUBLIC_URL: 'https://tracker.justice.example/',
    });
    expect(config).toMatchObject({
      seedDemoData: false,
      host: '0.0.0.0',
      publicUrl: 'https://tracker.justice.example',
    });
  });

  it('builds links on localhost outside production when PUBLIC_URL is unset', () => {
    expect(loadConfig({ PORT: '8080' }).publicUrl).toBe('http://localhost:8080');
  });

  it('has no SESSION_SECRET: sessions are random tokens stored server-side', () => {
    expect(loadConfig({ SESSION_SECRET: 'x' })).not.toHaveProperty('sessionSecret');
  });
});

describe('TRUST_PROXY', () => {
  it('believes no proxy unless told which', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '0' }).trustProxy).toBe(false);
  });

  it('takes a hop count, or a list of addresses and ranges', () => {
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(
      loadConfig({ TRUST_PROXY: '10.0.0.0/8, 192.168.1.4,fd00::/8,::1,uniquelocal' }).trustProxy,
    ).toEqual(['10.0.0.0/8', '192.168.1.4', 'fd00::/8', '::1', 'uniquelocal']);
  });

  it('refuses true (believe any hop) and anything that is not an address', () => {
    expect(problemsOf({ TRUST_PROXY: 'true' })).toEqual([
      expect.stringMatching(/^TRUST_PROXY: must name the proxies to believe/),
    ]);
    expect(problemsOf({ TRUST_PROXY: '10.0.0.0/33,proxy.internal,10.0.0.1' })).toEqual([
      expect.stringMatching(/^TRUST_PROXY: .*\(not: 10\.0\.0\.0\/33, proxy\.internal\)$/),
    ]);
  });
});

describe('OIDC_ALLOWED_DOMAINS', () => {
  const issuer = {
    OIDC_ISSUER: 'https://auth.example',
    OIDC_CLIENT_ID: 'tracker',
    OIDC_CLIENT_SECRET: 'secret',
  };

  it('allows no domain unless told, and reads a list per issuer in lower case', () => {
    expect(loadConfig(issuer).oidcIssuers[0]!.allowedDomains).toEqual([]);
    const config = loadConfig({
      ...issuer,
      OIDC_ALLOWED_DOMAINS: 'Justice.gov.uk, hmiprobation.gov.uk',
      OIDC_2_ISSUER: 'https://login.example',
      OIDC_2_CLIENT_ID: 'tracker',
      OIDC_2_CLIENT_SECRET: 'secret',
    });
    expect(config.oidcIssuers.map((entry) => entry.allowedDomains)).toEqual([
      ['justice.gov.uk', 'hmiprobation.gov.uk'],
      [],
    ]);
  });

  it('refuses what is not a domain (an address, a wildcard)', () => {
    expect(
      problemsOf({ ...issuer, OIDC_ALLOWED_DOMAINS: 'someone@justice.gov.uk,*.gov.uk' }),
    ).toEqual([
      'OIDC_ALLOWED_DOMAINS: someone@justice.gov.uk is not an email domain (justice.gov.uk)',
      'OIDC_ALLOWED_DOMAINS: *.gov.uk is not an email domain (justice.gov.uk)',
    ]);
  });
});
