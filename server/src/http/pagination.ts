import { type SQL, type SQLWrapper, asc, desc, sql } from 'drizzle-orm';

import { z } from 'zod';

import { badRequest } from './errors';

/**
 * Keyset pagination: a list is ordered by a few columns ending in the id, and the cursor holds
 * the last row's values of those columns. Pages stay stable while rows are added, and deep pages
 * cost no more than the first.
 */
export interface KeysetOrder {
  /** Names the order so a cursor from another sort is refused rather than misread. */
  name: string;
  columns: SQLWrapper[];
  descending: boolean;
  /** Checks a decoded cursor's values, so a forged cursor is a 400, never a database error. */
  cursorValues: z.ZodType<CursorValue[]>;
}

type CursorValue = string | number;

export function orderByKeyset(order: KeysetOrder): SQL[] {
  return order.columns.map((column) => (order.descending ? desc(column) : asc(column)));
}

/** The condition selecting rows after the cursor, or undefined on the first page. */
export function afterCursor(order: KeysetOrder, cursor: string | undefined): SQL | undefined {
  if (cursor === undefined) return undefined;
  const values = decodeCursor(order, cursor);
  const columns = sql.join(order.columns, sql`, `);
  const params = sql.join(
    values.map((value) => sql`${value}`),
    sql`, `,
  );
  return order.descending ? sql`(${columns}) < (${params})` : sql`(${columns}) > (${params})`;
}

/**
 * Trims the extra row fetched to learn whether another page exists.
 * `keyOf` returns the row's values of the order's columns, in order.
 */
export function toPage<Row, Item>(
  rows: Row[],
  limit: number,
  order: KeysetOrder,
  keyOf: (row: Row) => CursorValue[],
  toItem: (row: Row) => Item,
): { items: Item[]; nextCursor: string | null } {
  const pageRows = rows.slice(0, limit);
  const last = pageRows.at(-1);
  const nextCursor = rows.length > limit && last ? encodeCursor(order, keyOf(last)) : null;
  return { items: pageRows.map(toItem), nextCursor };
}

export function encodeCursor(order: KeysetOrder, values: CursorValue[]): string {
  return Buffer.from(JSON.stringify({ o: order.name, k: values })).toString('base64url');
}

export function decodeCursor(order: KeysetOrder, cursor: string): CursorValue[] {
  const invalid = badRequest('The cursor is not one this list gave out.', [
    { path: 'cursor', message: 'is not a valid cursor for this list and sort' },
  ]);
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid;
  }
  if (
    typeof decoded !== 'object' ||
    decoded === null ||
    (decoded as { o?: unknown }).o !== order.name
  ) {
    throw invalid;
  }
  const values = order.cursorValues.safeParse((decoded as { k?: unknown }).k);
  if (!values.success) throw invalid;
  return values.data;
}

/** The usual order of a list of things people made: newest first, by creation time then id. */
export function newestCreatedFirst(createdAt: SQLWrapper, id: SQLWrapper): KeysetOrder {
  return {
    name: '-createdAt',
    columns: [createdAt, id],
    descending: true,
    cursorValues: z.tuple([z.iso.datetime({ offset: true }), z.uuid()]),
  };
}
