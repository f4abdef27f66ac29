import type { Role } from '@tracker/shared';

/**
 * Every route under /api/v1 declares who may call it in `config.access`; a route without one
 * stops the app from starting (deny by default). Finer rules (which region, which unit) are
 * the policy's, asked by the route for the subject at hand.
 */
export type AccessRule = { public: true } | { public?: false; roles?: readonly Role[] };

export const access = {
  /** No sign-in needed (signing in, setting a password from a one-time link). */
  public: { public: true },
  /** Anyone signed in; scope is checked by the route. */
  signedIn: {},
  /** Only these roles; anyone else signed in gets 403. */
  roles: (...roles: Role[]): AccessRule => ({ roles }),
} as const satisfies Record<string, AccessRule | ((...roles: Role[]) => AccessRule)>;

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: AccessRule;
  }
}
