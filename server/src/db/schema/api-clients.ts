import { index, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

import { createdAt, id, updatedAt } from './columns';
import { orgUnits } from './org-units';
import { users } from './users';

export const apiPermissionEnum = pgEnum('api_permission', ['read', 'read_write']);

/** Integrations: a bearer token scoped to one unit, shown once, stored only as a hash, expiring. */
export const apiClients = pgTable(
  'api_clients',
  {
    id: id(),
    name: text('name').notNull(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => orgUnits.id, { onDelete: 'restrict' }),
    permission: apiPermissionEnum('permission').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    /** The token's first characters, so people can tell their tokens apart. */
    tokenPrefix: text('token_prefix').notNull(),
    createdById: uuid('created_by_id').references(() => users.id, { onDelete: 'set null' }),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true, mode: 'date' }),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
    /** The token is refused from this moment; the migration gave existing clients a year. */
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [index('api_clients_unit_id_idx').on(table.unitId)],
);
