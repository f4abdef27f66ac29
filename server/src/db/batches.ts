/** Rows a statement: well under PostgreSQL's 65,535 parameters a statement. */
const rowsPerStatement = 1000;

/** Many rows (an import's) cut into parts one INSERT or UPDATE can carry. */
export function statementBatches<T>(rows: T[]): T[][] {
  return Array.from({ length: Math.ceil(rows.length / rowsPerStatement) }, (_, index) =>
    rows.slice(index * rowsPerStatement, (index + 1) * rowsPerStatement),
  );
}
