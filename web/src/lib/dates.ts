// Calendar dates from the API are plain YYYY-MM-DD; formatting them in UTC keeps the
// browser's own time zone from shifting the day.
const dayFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

const monthFormat = new Intl.DateTimeFormat('en-GB', {
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** "2023-05-25" -> "25 May 2023" (the GOV.UK style). */
export function formatDate(isoDate: string): string {
  const date = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? isoDate : dayFormat.format(date);
}

/** "2023-02" -> "February 2023". */
export function formatMonth(isoMonth: string): string {
  const date = new Date(`${isoMonth.slice(0, 7)}-01T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? isoMonth : monthFormat.format(date);
}

const dateTimeFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  hour12: true,
  timeZone: 'Europe/London',
});

const timeFormat = new Intl.DateTimeFormat('en-GB', {
  hour: 'numeric',
  minute: '2-digit',
  hour12: true,
  timeZone: 'Europe/London',
});

/** "2026-11-26T14:05:00Z" -> "26 November 2026 at 2:05pm" (UK time, the GOV.UK style). */
export function formatDateTime(timestamp: string | number | Date): string {
  const date = new Date(timestamp);
  if (Number.isNaN(date.getTime())) return String(timestamp);
  const parts = Object.fromEntries(
    dateTimeFormat.formatToParts(date).map((part) => [part.type, part.value]),
  );
  return `${parts.day} ${parts.month} ${parts.year} at ${formatTime(date)}`;
}

/** A moment as a UK clock time: "2:05pm", "12pm" for noon. */
export function formatTime(timestamp: string | number | Date): string {
  const date = new Date(timestamp);
  const parts = Object.fromEntries(
    timeFormat.formatToParts(date).map((part) => [part.type, part.value]),
  );
  const minutes = parts.minute === '00' ? '' : `:${parts.minute}`;
  const hour = parts.hour === '0' ? '12' : parts.hour;
  return `${hour}${minutes}${(parts.dayPeriod ?? '').toLowerCase().replace(/\./g, '')}`;
}

/** The offset of Europe/London from UTC at a moment, in minutes (0 or 60). */
function londonOffsetMinutes(at: Date): number {
  const name =
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', timeZoneName: 'shortOffset' })
      .formatToParts(at)
      .find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-])(\d{1,2})(?::(\d{2}))?/.exec(name);
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0);
  return match[1] === '-' ? -minutes : minutes;
}

/** The moment a calendar day (YYYY-MM-DD) starts in the UK, as an ISO timestamp. */
export function startOfLondonDay(isoDate: string): string {
  const utcMidnight = new Date(`${isoDate}T00:00:00Z`);
  const offset = londonOffsetMinutes(utcMidnight);
  return new Date(utcMidnight.getTime() - offset * 60_000).toISOString();
}

/** The calendar day after a YYYY-MM-DD date. */
export function nextDay(isoDate: string): string {
  return addDays(isoDate, 1);
}

/** The calendar day `days` after a YYYY-MM-DD date. */
export function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

const londonDay = new Intl.DateTimeFormat('en-CA', {
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  timeZone: 'Europe/London',
});

/** Today's calendar date in the UK (YYYY-MM-DD), as the server reckons overdue and due soon. */
export function todayInLondon(now: Date = new Date()): string {
  return londonDay.format(now);
}
