import { index, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';

import { createdAt, id, updatedAt } from './columns';
import { roleEnum } from './enums';
import { orgUnits } from './org-units';

/** People who sign in. A user's scope is their unit. */
export const users = pgTable(
  'users',
  {
    id: id(),
    /** Stored lower-cased: sign-in matches emails without regard to case. */
    email: text('email').notNull().unique(),
    name: text('name').notNull(),
    role: roleEnum('role').notNull(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => orgUnits.id, { onDelete: 'restrict' }),
    /** Null until the person sets a password through their one-time link. */
    passwordHash: text('password_hash'),
    disabledAt: timestamp('disabled_at', { withTimezone: true, mode: 'date' }),
    /**
     * The single sign-on account linked to this person: set at their first sign-in through an
     * issuer (matched then on the verified email), matched on alone afterwards.
     */
    oidcIssuer: text('oidc_issuer'),
    oidcSubject: text('oidc_subject'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    index('users_unit_id_idx').on(table.unitId),
    unique('users_oidc_issuer_subject_key').on(table.oidcIssuer, table.oidcSubject),
  ],
);

/** One-time links to set a password (new account or reset). Only the token's hash is kept. */
export const passwordTokens = pgTable(
  'password_tokens',
  {
    id: id(),
    tokenHash: text('token_hash').notNull().unique(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true, mode: 'date' }),
    createdById: uuid('created_by_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [index('password_tokens_user_id_idx').on(table.userId)],
);

/**
 * Someone at a domain an issuer allows (`OIDC_ALLOWED_DOMAINS`) who signed in by single sign-on
 * without an account. Not a user: they have no role, unit or session until an administrator
 * approves them, which makes the user (linked to this issuer and subject) and deletes the row.
 */
export const pendingAccounts = pgTable(
  'pending_accounts',
  {
    id: id(),
    /** Lower-cased, as users' emails are. */
    email: text('email').notNull().unique(),
    name: text('name').notNull(),
    oidcIssuer: text('oidc_issuer').notNull(),
    oidcSubject: text('oidc_subject').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    unique('pending_accounts_oidc_issuer_subject_key').on(table.oidcIssuer, table.oidcSubject),
  ],
);
