import { z } from 'zod';

import { UnitType } from './enums';

export const Uuid = z.uuid();

/** A calendar date, YYYY-MM-DD, reckoned in Europe/London. */
export const CalendarDate = z.iso.date();

/** A moment, ISO 8601 with offset. */
export const Timestamp = z.iso.datetime({ offset: true });

export const UnitRef = z.object({
  id: Uuid,
  name: z.string(),
  type: UnitType,
});
export type UnitRef = z.infer<typeof UnitRef>;

export const defaultPageSize = 50;
export const maxPageSize = 200;

/** The largest value of a PostgreSQL integer column; a larger number is a database error. */
export const maxInteger = 2_147_483_647;

/** A plan version's number in a path or query string. */
export const VersionNumber = z.coerce
  .number()
  .int()
  .min(1)
  .max(maxInteger, `must be at most ${maxInteger}`);

/** `?limit=` and `?cursor=` as the contract defines them (lists). */
export const PageQuery = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(maxPageSize, `must be at most ${maxPageSize}`)
    .default(defaultPageSize),
  cursor: z.string().min(1).max(500).optional(),
});

/** The body of every list answer. */
export function pageOf<Item extends z.ZodType>(item: Item) {
  return z.object({
    items: z.array(item),
    nextCursor: z.string().nullable(),
  });
}
