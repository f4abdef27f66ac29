import { isIP } from 'node:net';
import path from 'node:path';

import { z } from 'zod';

import { repoRoot } from './paths';

const nodeEnvs = ['development', 'test', 'production'] as const;

/** An integer setting given as a string in the environment. */
function integer(min: number, fallback: number) {
  return z.coerce.number().int().min(min).default(fallback);
}

/** Notify keys end with the service id and the secret, both UUIDs; the client splits them so. */
const notifyKeyPattern =
  /-[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}-[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/i;

/** proxy-addr's names for the private ranges a load balancer usually sits in. */
const proxyRangeNames = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isProxyAddress(entry: string): boolean {
  if (proxyRangeNames.has(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
}

/**
 * Which proxies' X-Forwarded-For is believed: none (`false`), a hop count, or addresses and
 * ranges. `true` (believe any hop) is refused: then anyone can choose the address they are
 * throttled and rate-limited by.
 */
const TrustedProxies = z
  .string()
  .default('false')
  .transform((value, ctx): false | number | string[] => {
    if (value === 'false' || value === '0') return false;
    if (/^\d+$/.test(value)) return Number(value);
    if (value === 'true') {
      ctx.addIssue({
        code: 'custom',
        message:
          'must name the proxies to believe (a hop count or addresses); true would believe X-Forwarded-For from anyone',
      });
      return z.NEVER;
    }
    const entries = value.split(',').map((entry) => entry.trim());
    const bad = entries.filter((entry) => !isProxyAddress(entry));
    if (bad.length > 0) {
      ctx.addIssue({
        code: 'custom',
        message: `must be a hop count or a comma-separated list of addresses or CIDR ranges (not: ${bad.join(', ')})`,
      });
      return z.NEVER;
    }
    return entries;
  });

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(nodeEnvs).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).optional(),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
      .optional(),
    DATABASE_MIGRATION_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
      .optional(),
    DATA_DIR: z.string().min(1).default('./data'),
    DEMO_PASSWORD: z.string().min(8).default('demo-password'),
    SESSION_IDLE_MINUTES: integer(1, 30),
    SESSION_ABSOLUTE_HOURS: integer(1, 12),
    RATE_LIMIT_PER_MINUTE: integer(0, 600),
    SIGNIN_MAX_FAILURES: integer(1, 5),
    RAG_DUE_SOON_DAYS: integer(0, 14),
    EVIDENCE_MAX_BYTES: integer(1, 20_971_520),
    IMPORT_MAX_SECONDS: integer(1, 30),
    MEASURE_MET_MONTHS: integer(0, 3),
    NOTIFY_API_KEY: z
      .string()
      .regex(notifyKeyPattern, 'must be a GOV.UK Notify API key (name-service id-secret)')
      .optional(),
    NOTIFY_TEMPLATE_ID: z.uuid().optional(),
    NOTIFY_BASE_URL: z.url().optional(),
    EMAIL_SCHEDULER: z.enum(['on', 'off']).optional(),
    EMAIL_DIGEST_WEEKDAY: z.coerce.number().int().min(1).max(7).default(1),
    EMAIL_DIGEST_HOUR: z.coerce.number().int().min(0).max(23).default(7),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info'),
    WEB_DIST_DIR: z.string().min(1).optional(),
    GIT_COMMIT: z.string().min(1).optional(),
    TRUST_PROXY: TrustedProxies,
    PUBLIC_URL: z.url().optional(),
    PASSWORD_SIGN_IN: z.enum(['on', 'off']).default('on'),
  })
  .superRefine((env, ctx) => {
    if (env.NOTIFY_API_KEY && !env.NOTIFY_TEMPLATE_ID) {
      ctx.addIssue({
        code: 'custom',
        path: ['NOTIFY_TEMPLATE_ID'],
        message: 'is required with NOTIFY_API_KEY (the template every email is sent through)',
      });
    }
    if (env.DATABASE_MIGRATION_URL && !env.DATABASE_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['DATABASE_MIGRATION_URL'],
        message:
          'needs DATABASE_URL (the role the app connects as); the embedded database has no roles',
      });
    }
    if (env.NODE_ENV !== 'production') return;
    if (!env.DATABASE_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['DATABASE_URL'],
        message: 'is required in production (the embedded database is for development only)',
      });
    }
    if (!env.PUBLIC_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['PUBLIC_URL'],
        message: 'is required in production (one-time links are built on it)',
      });
    }
  });

export type Env = z.infer<typeof EnvSchema>;

export interface Config {
  nodeEnv: Env['NODE_ENV'];
  port: number;
  host: string;
  /** Set: a PostgreSQL server. Unset: the embedded database in `dataDir`. */
  databaseUrl: string | undefined;
  /**
   * Set: migrations run as this role (the tables' owner) and then grant the `databaseUrl` role
   * only what the app needs, so the app cannot change the audit trail. Unset: the app's own role
   * migrates.
   */
  databaseMigrationUrl: string | undefined;
  dataDir: string;
  demoPassword: string;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  rateLimitPerMinute: number;
  signinMaxFailures: number;
  ragDueSoonDays: number;
  evidenceMaxBytes: number;
  /** How long an actions import may hold its transaction before it is rolled back. */
  importMaxSeconds: number;
  /** Consecutive readings at or past the target before an outcome measure counts as met. */
  measureMetMonths: number;
  /** Set: emails go through GOV.UK Notify. Unset: they are held in the outbox. */
  notifyApiKey: string | undefined;
  /** The one Notify template every email uses: subject ((subject)), body ((body)). */
  notifyTemplateId: string | undefined;
  /** Notify's API address; unset: the client's own (production). Tests point it at a stub. */
  notifyBaseUrl: string | undefined;
  /** The in-process timer that sends emails and queues the weekly digests. */
  emailScheduler: boolean;
  /** When the weekly digest goes, London time: ISO weekday (1 = Monday) and hour. */
  digestWeekday: number;
  digestHour: number;
  logLevel: Env['LOG_LEVEL'];
  webDistDir: string;
  gitCommit: string | undefined;
  /**
   * The proxies whose X-Forwarded-* headers give the client's address and protocol: none, the
   * nearest `n` hops, or these addresses and ranges (Fastify's `trustProxy`).
   */
  trustProxy: false | number | string[];
  /** Where people reach the service; one-time links are built on it. Required in production. */
  publicUrl: string;
  /** Cookies are Secure everywhere but plain-http development. */
  secureCookies: boolean;
  /** Demo accounts and the letter's data are seeded into an empty database outside production. */
  seedDemoData: boolean;
  /** Single sign-on issuers, numbered as configured (1 is OIDC_ISSUER, n is OIDC_n_ISSUER). */
  oidcIssuers: OidcIssuerConfig[];
  /** False: only single sign-on; the password form and POST /session are refused. */
  passwordSignIn: boolean;
}

export interface OidcIssuerConfig {
  number: number;
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The organisation's name on the sign-in button. */
  name: string;
  /**
   * Email domains (lower case) whose unknown people get a pending account an administrator
   * approves, instead of a refusal.
   */
  allowedDomains: string[];
}

/**
 * OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_NAME for the first issuer and
 * OIDC_2_ISSUER ... OIDC_9_NAME for more (HMPPS and the inspectorate each have their own).
 */
function oidcIssuersOf(env: Record<string, string>, problems: string[]): OidcIssuerConfig[] {
  const issuers: OidcIssuerConfig[] = [];
  for (let number = 1; number <= 9; number++) {
    const prefix = number === 1 ? 'OIDC_' : `OIDC_${number}_`;
    const [issuer, clientId, clientSecret, name] = [
      'ISSUER',
      'CLIENT_ID',
      'CLIENT_SECRET',
      'NAME',
    ].map((part) => env[`${prefix}${part}`]);
    if (!issuer && !clientId && !clientSecret && !name) continue;
    if (!issuer || !URL.canParse(issuer) || !/^https?:\/\//.test(issuer)) {
      problems.push(`${prefix}ISSUER: must be the issuer's URL (https://...)`);
    }
    if (!clientId) problems.push(`${prefix}CLIENT_ID: is required with ${prefix}ISSUER`);
    if (!clientSecret) problems.push(`${prefix}CLIENT_SECRET: is required with ${prefix}ISSUER`);
    const allowedDomains = (env[`${prefix}ALLOWED_DOMAINS`] ?? '')
      .split(',')
      .map((domain) => domain.trim().toLowerCase())
      .filter(Boolean);
    for (const domain of allowedDomains) {
      if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(domain)) {
        problems.push(
          `${prefix}ALLOWED_DOMAINS: ${domain} is not an email domain (justice.gov.uk)`,
        );
      }
    }
    issuers.push({
      number,
      issuer: issuer ?? '',
      clientId: clientId ?? '',
      clientSecret: clientSecret ?? '',
      name: name ?? 'your organisation',
      allowedDomains,
    });
  }
  return issuers;
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads the environment once at start; every bad variable is listed in one error. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const given = withoutEmptyValues(env);
  const parsed = EnvSchema.safeParse(given);
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  const oidcIssuers = oidcIssuersOf(given, problems);
  if (parsed.success && parsed.data.PASSWORD_SIGN_IN === 'off' && oidcIssuers.length === 0) {
    problems.push('PASSWORD_SIGN_IN: off needs OIDC_ISSUER, or no one could sign in');
  }
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const values = parsed.data;
  return {
    nodeEnv: values.NODE_ENV,
    port: values.PORT,
    // Outside development the server usually sits in a container and must listen on all addresses.
    host: values.HOST ?? (values.NODE_ENV === 'production' ? '0.0.0.0' : '127.0.0.1'),
    databaseUrl: values.DATABASE_URL,
    databaseMigrationUrl: values.DATABASE_MIGRATION_URL,
    dataDir: path.resolve(values.DATA_DIR),
    demoPassword: values.DEMO_PASSWORD,
    sessionIdleMinutes: values.SESSION_IDLE_MINUTES,
    sessionAbsoluteHours: values.SESSION_ABSOLUTE_HOURS,
    rateLimitPerMinute: values.RATE_LIMIT_PER_MINUTE,
    signinMaxFailures: values.SIGNIN_MAX_FAILURES,
    ragDueSoonDays: values.RAG_DUE_SOON_DAYS,
    evidenceMaxBytes: values.EVIDENCE_MAX_BYTES,
    importMaxSeconds: values.IMPORT_MAX_SECONDS,
    measureMetMonths: values.MEASURE_MET_MONTHS,
    notifyApiKey: values.NOTIFY_API_KEY,
    notifyTemplateId: values.NOTIFY_TEMPLATE_ID,
    notifyBaseUrl: values.NOTIFY_BASE_URL?.replace(/\/$/, ''),
    // Tests call the jobs themselves, with a clock they move.
    emailScheduler:
      (values.EMAIL_SCHEDULER ?? (values.NODE_ENV === 'test' ? 'off' : 'on')) === 'on',
    digestWeekday: values.EMAIL_DIGEST_WEEKDAY,
    digestHour: values.EMAIL_DIGEST_HOUR,
    logLevel: values.LOG_LEVEL,
    webDistDir: path.resolve(values.WEB_DIST_DIR ?? path.join(repoRoot, 'web/dist')),
    gitCommit: values.GIT_COMMIT,
    trustProxy: values.TRUST_PROXY,
    publicUrl: (values.PUBLIC_URL ?? `http://localhost:${values.PORT}`).replace(/\/$/, ''),
    secureCookies: values.NODE_ENV !== 'development',
    seedDemoData: values.NODE_ENV !== 'production',
    oidcIssuers,
    passwordSignIn: values.PASSWORD_SIGN_IN === 'on',
  };
}

/** `FOO=` in a shell or compose file means "not set", not "set to nothing". */
function withoutEmptyValues(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter(
      (entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '',
    ),
  );
}
