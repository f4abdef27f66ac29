import fs from 'node:fs';
import path from 'node:path';

import { sql } from 'drizzle-orm';
import { generateDrizzleJson, generateMigration } from 'drizzle-kit/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type TestDatabase, createTestDatabase } from '../testing/database';
import { migrationsFolder, rowsOf } from './migrate';
import * as schema from './schema/index';

let database: TestDatabase;
/** The parts of drizzle-kit's snapshot this test reads. */
interface SchemaSnapshot {
  tables: Record<
    string,
    {
      name: string;
      columns: Record<string, { name: string; type: string; notNull: boolean }>;
      indexes: Record<string, unknown>;
      foreignKeys: Record<string, unknown>;
      uniqueConstraints: Record<string, unknown>;
      checkConstraints: Record<string, unknown>;
      compositePrimaryKeys: Record<string, unknown>;
    }
  >;
  enums: Record<string, { name: string; values: string[] }>;
}

const codeSchema = generateDrizzleJson(schema) as unknown as SchemaSnapshot;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.destroy());

async function query<Row>(statement: ReturnType<typeof sql>): Promise<Row[]> {
  return rowsOf<Row>(await database.db.execute(statement));
}

/** `timestamp (3) with time zone` and `timestamp(3) with time zone` are the same type. */
function normaliseType(type: string): string {
  const plain = type.replaceAll(' ', '').replaceAll('"', '').toLowerCase();
  return { bigserial: 'bigint', serial: 'integer' }[plain] ?? plain;
}

describe('the committed migrations (no drift)', () => {
  it('create every table and column of the code schema, with its type and nullability', async () => {
    const columns = await query<{
      table_name: string;
      column_name: string;
      type: string;
      not_null: boolean;
    }>(sql`
      select c.relname as table_name, a.attname as column_name,
             format_type(a.atttypid, a.atttypmod) as type, a.attnotnull as not_null
      from pg_attribute a
      join pg_class c on c.oid = a.attrelid
      join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind = 'r' and a.attnum > 0 and not a.attisdropped`);
    const inDatabase = columns
      .map(
        (c) =>
          `${c.table_name}.${c.column_name} ${normaliseType(c.type)}${c.not_null ? ' not null' : ''}`,
      )
      .sort();
    const inCode = Object.values(codeSchema.tables)
      .flatMap((table) =>
        Object.values(table.columns).map(
          (column) =>
            `${table.name}.${column.name} ${normaliseType(column.type)}${column.notNull ? ' not null' : ''}`,
        ),
      )
      .sort();
    expect(inDatabase).toEqual(inCode);
  });

  it('create every index, foreign key, unique and check constraint of the code schema', async () => {
    const indexes = await query<{ name: string }>(sql`
      select indexname as name from pg_indexes where schemaname = 'public'`);
    const constraints = await query<{ name: string; kind: string }>(sql`
      select con.conname as name, con.contype as kind from pg_constraint con
      join pg_namespace n on n.oid = con.connamespace where n.nspname = 'public'`);
    const names = new Set([...indexes.map((i) => i.name), ...constraints.map((c) => c.name)]);
    for (const table of Object.values(codeSchema.tables)) {
      const expected = [
        ...Object.keys(table.indexes),
        ...Object.keys(table.foreignKeys),
        ...Object.keys(table.uniqueConstraints),
        ...Object.keys(table.checkConstraints),
        ...Object.keys(table.compositePrimaryKeys),
      ];
      for (const name of expected) expect(names, `${table.name}: ${name}`).toContain(name);
    }
    const foreignKeysInCode = Object.values(codeSchema.tables).flatMap((t) =>
      Object.keys(t.foreignKeys),
    );
    expect(
      constraints
        .filter((c) => c.kind === 'f')
        .map((c) => c.name)
        .sort(),
    ).toEqual(foreignKeysInCode.sort());
  });

  it('create every enum with its values in order', async () => {
    const enums = await query<{ name: string; values: string[] }>(sql`
      select t.typname as name, array_agg(e.enumlabel order by e.enumsortorder)::text[] as values
      from pg_type t join pg_enum e on e.enumtypid = t.oid group by t.typname`);
    const inDatabase = Object.fromEntries(enums.map((e) => [e.name, e.values]));
    const inCode = Object.fromEntries(
      Object.values(codeSchema.enums).map((e) => [e.name, e.values]),
    );
    expect(inDatabase).toEqual(inCode);
  });

  it('end with a snapshot equal to the code (run `npm run db:generate` after a schema change)', async () => {
    const journal = JSON.parse(
      fs.readFileSync(path.join(migrationsFolder, 'meta/_journal.json'), 'utf8'),
    ) as {
      entries: { idx: number }[];
    };
    const last = journal.entries.at(-1)!;
    const snapshotFile = `meta/${String(last.idx).padStart(4, '0')}_snapshot.json`;
    const snapshot = JSON.parse(fs.readFileSync(path.join(migrationsFolder, snapshotFile), 'utf8'));
    expect(await generateMigration(snapshot, generateDrizzleJson(schema, snapshot.id))).toEqual([]);
  });
});
