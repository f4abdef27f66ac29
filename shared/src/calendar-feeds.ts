import { z } from 'zod';

import { Timestamp, Uuid, pageOf } from './common';

export const calendarFeedSubjectKinds = ['person', 'plan'] as const;
export const CalendarFeedSubjectKind = z.enum(calendarFeedSubjectKinds);
export type CalendarFeedSubjectKind = z.infer<typeof CalendarFeedSubjectKind>;

/**
 * A subscribable iCalendar feed of due dates: one person's own actions, or one plan's. Its URL
 * carries a read-only token of its own (calendar programs cannot send headers), so the URL is
 * shown once, when the feed is made, and only its hash is kept.
 */
export const CalendarFeed = z
  .object({
    id: Uuid,
    subject: z.object({
      kind: CalendarFeedSubjectKind,
      id: Uuid.describe('The person (their own actions) or the action plan.'),
      label: z.string().describe('e.g. "Your actions" or "Regional review: Greater Manchester".'),
    }),
    url: z
      .url()
      .optional()
      .describe(
        'The feed address with its token, in the answer that creates the feed and never again.',
      ),
    createdAt: Timestamp,
    revokedAt: Timestamp.nullable(),
    lastUsedAt: Timestamp.nullable().describe('When a calendar last fetched it (to the minute).'),
  })
  .meta({ id: 'CalendarFeed' });
export type CalendarFeed = z.infer<typeof CalendarFeed>;

export const CalendarFeedPage = pageOf(CalendarFeed).meta({ id: 'CalendarFeedPage' });
export type CalendarFeedPage = z.infer<typeof CalendarFeedPage>;

export const CreateCalendarFeedRequest = z
  .strictObject({
    planId: Uuid.optional().describe("A plan's actions; left out, your own actions."),
  })
  .meta({ id: 'CreateCalendarFeedRequest' });
export type CreateCalendarFeedRequest = z.infer<typeof CreateCalendarFeedRequest>;
