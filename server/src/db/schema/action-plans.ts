import { index, integer, pgTable, unique, uuid } from 'drizzle-orm/pg-core';

import { createdAt, id, updatedAt } from './columns';
import { planStatusEnum } from './enums';
import { inspections } from './inspections';
import { orgUnits } from './org-units';

/** One plan per inspection and region. */
export const actionPlans = pgTable(
  'action_plans',
  {
    id: id(),
    inspectionId: uuid('inspection_id')
      .notNull()
      .references(() => inspections.id, { onDelete: 'cascade' }),
    regionId: uuid('region_id')
      .notNull()
      .references(() => orgUnits.id, { onDelete: 'restrict' }),
    status: planStatusEnum('status').notNull().default('draft'),
    /** Rises on every change; the ETag is derived from it. */
    revision: integer('revision').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    unique('action_plans_inspection_region_key').on(table.inspectionId, table.regionId),
    index('action_plans_region_id_idx').on(table.regionId),
    index('action_plans_status_idx').on(table.status),
  ],
);
