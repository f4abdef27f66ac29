/** Database timestamps leave the API as ISO 8601 strings. */
export function iso(date: Date): string {
  return date.toISOString();
}
