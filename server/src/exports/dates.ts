const longDate = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** A calendar date ("2026-09-30") as a document writes it: "30 September 2026". */
export function inWords(date: string): string {
  return longDate.format(new Date(`${date}T00:00:00Z`));
}
