import { z } from 'zod';

import { UnitType } from './enums';

export const Uuid = z.uuid();

/** A calendar date, YYYY-MM-DD, reckoned in Europe/London. */
export const CalendarDate = z.iso.date();

/** A moment, ISO 8601 with offset. */
export const Timestamp = z.iso.datetime({ offset: true });

/**
 * Characters no text field takes: C0 controls other than tab, CR and LF; DEL and the C1
 * controls; and the Unicode bidirectional controls, which can make text read other than it is.
 */
const multiLineRefused =
  // Matching control characters is the point here.
  // eslint-disable-next-line no-control-regex
  /^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]*$/;
/** The same, and no line breaks of any kind (a title must not start a line of its own). */
const singleLineRefused =
  // eslint-disable-next-line no-control-regex
  /^[^\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]*$/;

const TrimmedText = (max: number) =>
  z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

/**
 * Text written by people and shown on one line: titles, names, units, short reasons. Line
 * breaks and control characters are refused, so it cannot open a line of its own in an email
 * or reorder what is shown around it.
 */
export const SingleLineText = (max: number) =>
  TrimmedText(max).regex(singleLineRefused, 'must be one line, without control characters');

/** Text written by people that may run over lines: descriptions, rationales, notes. */
export const MultiLineText = (max: number) =>
  TrimmedText(max).regex(multiLineRefused, 'must not contain control characters');

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
