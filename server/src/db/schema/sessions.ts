import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

import { createdAt, id, updatedAt } from './columns';
import { users } from './users';

/**
 * Browser sessions, server-side so that sign-out, disabling a user and an administrator's
 * revoke take effect at once. The cookie holds a random token; only its hash is stored.
 */
export const sessions = pgTable(
  'sessions',
  {
    id: id(),
    tokenHash: text('token_hash').notNull().unique(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true, mode: 'date' }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
    /** Set for a single sign-on session: signing out also ends the issuer's (RP-initiated logout). */
    oidcIssuer: text('oidc_issuer'),
    idToken: text('id_token'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [index('sessions_user_id_idx').on(table.userId)],
);

/**
 * Failed sign-ins per address, and per account tried from an address, shared by every server
 * instance. A key is "account-at-address:<email> <ip>" or "address:<ip>".
 */
export const signinThrottles = pgTable('signin_throttles', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull().default(0),
  windowStartedAt: timestamp('window_started_at', { withTimezone: true, mode: 'date' }).notNull(),
  lockedUntil: timestamp('locked_until', { withTimezone: true, mode: 'date' }),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/**
 * Single sign-on attempts between the redirect to the issuer and its callback: what the
 * callback checks the answer against. Each is spent once, and lives minutes.
 */
export const oidcSignInAttempts = pgTable('oidc_sign_in_attempts', {
  id: id(),
  /** Hash of the `state` sent to the issuer (it travels in URLs). */
  stateHash: text('state_hash').notNull().unique(),
  nonce: text('nonce').notNull(),
  codeVerifier: text('code_verifier').notNull(),
  issuer: text('issuer').notNull(),
  returnTo: text('return_to').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true, mode: 'date' }),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});
