import type { Db } from './client';

const statements = new WeakMap<Db, Map<string, unknown>>();

/**
 * A named prepared statement, built by `build` the first time `name` is asked of this database
 * (or transaction) and reused after: the SQL text is made once, and node-postgres prepares it
 * once per connection, so PostgreSQL plans it once rather than on every request. `name` must
 * always be built into the same SQL.
 */
export function preparedOnce<Statement>(
  db: Db,
  name: string,
  build: (db: Db) => Statement,
): Statement {
  let byName = statements.get(db);
  if (!byName) {
    byName = new Map();
    statements.set(db, byName);
  }
  let statement = byName.get(name) as Statement | undefined;
  if (statement === undefined) {
    statement = build(db);
    byName.set(name, statement);
  }
  return statement;
}
