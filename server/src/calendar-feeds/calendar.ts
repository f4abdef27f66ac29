import ical, { ICalEventTransparency } from 'ical-generator';

import type { FeedContents, FeedEntry } from './feed';

/** The day after a calendar date (an all-day event's exclusive end). */
function nextDay(isoDate: string): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/**
 * The feed as iCalendar (RFC 5545): one all-day event per action. The UID stays the action's
 * for life and SEQUENCE counts the moves of its due date, so calendar programs update the one
 * event in place rather than adding another. Only titles and dates leave the service.
 */
export function renderCalendar(contents: FeedContents, publicUrl: string): string {
  const host = new URL(publicUrl).hostname;
  const calendar = ical({
    name: contents.name,
    prodId: { company: 'HMPPS', product: 'Inspection action plan tracker', language: 'EN' },
    // Calendar programs poll; a few hours suits dates that change at most daily.
    ttl: 4 * 60 * 60,
  });
  for (const entry of contents.entries) {
    calendar.createEvent({
      id: `action-${entry.id}@${host}`,
      // Strings, not Dates: ical-generator writes a date-only value as given, whatever the zone.
      start: entry.dueDate,
      end: nextDay(entry.dueDate),
      allDay: true,
      summary: summaryOf(entry),
      sequence: entry.moves,
      stamp: entry.updatedAt,
      // A due date is a reminder, not a meeting: it should not mark the day busy.
      transparency: ICalEventTransparency.TRANSPARENT,
    });
  }
  return calendar.toString();
}

function summaryOf(entry: FeedEntry): string {
  return `${entry.title} (${entry.recommendationLabel})`;
}
