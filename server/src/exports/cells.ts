/**
 * Spreadsheet programs run a cell that starts with one of these as a formula (CSV injection).
 * Exports put an apostrophe in front; imports take it off again, so a round trip changes
 * nothing.
 */
const formulaStart = /^[=+\-@\t\r]/;

export function neutralise(value: string): string {
  return formulaStart.test(value) ? `'${value}` : value;
}

export function restore(value: string): string {
  return value.startsWith("'") && formulaStart.test(value.slice(1)) ? value.slice(1) : value;
}
