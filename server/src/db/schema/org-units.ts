import {
  type AnyPgColumn,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

import { createdAt, id, updatedAt } from './columns';
import { unitTypeEnum } from './enums';

/** HMPPS (national) > region > PDU; the inspectorate is a root of its own. */
export const orgUnits = pgTable(
  'org_units',
  {
    id: id(),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    type: unitTypeEnum('type').notNull(),
    parentId: uuid('parent_id').references((): AnyPgColumn => orgUnits.id, {
      onDelete: 'restrict',
    }),
    /**
     * A unit that no longer exists keeps its history (actions, people, audit) but takes no new
     * people or work; units are never deleted.
     */
    retiredAt: timestamp('retired_at', { withTimezone: true, mode: 'date', precision: 3 }),
    /** Rises with every change; the ETag, so that two administrators' edits cannot cross. */
    revision: integer('revision').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    index('org_units_parent_id_idx').on(table.parentId),
    index('org_units_type_idx').on(table.type),
  ],
);
