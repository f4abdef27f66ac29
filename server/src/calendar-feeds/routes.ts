import {
  CalendarFeed,
  CalendarFeedPage,
  CreateCalendarFeedRequest,
  PageQuery,
  Problem,
} from '@tracker/shared';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

import { access } from '../auth/access';
import { contextOf, personOf } from '../auth/context';
import type { Config } from '../config';
import { IdParams, readProblems } from '../http/schemas';
import { renderCalendar } from './calendar';
import { feedContents, feedRefused } from './feed';
import { listFeedsOf } from './queries';
import { type FeedContext, createFeed, revokeFeed } from './service';

const tags = ['Calendar feeds'];
const problems = { ...readProblems, 403: Problem };
/** The feed's own credential; the auth plugin refuses this parameter on every other route. */
const tokenParameter = 'token';

const FeedQuery = z.object({
  [tokenParameter]: z
    .string()
    .min(1)
    .max(200)
    .describe("The feed's own read-only token, from the address shown when it was made."),
});

/**
 * Calendar feeds belong to people: an API client acts for a unit and reads the API itself.
 * Every route here but the feed needs a signed-in person.
 */
const calendarFeedRoutes: FastifyPluginAsyncZod<{ config: Config }> = async (app, { config }) => {
  const personOfFeeds = (request: FastifyRequest) =>
    personOf(request, 'Calendar feeds belong to people, not API clients.');
  const feedContextOf = (request: FastifyRequest): FeedContext => ({
    ...contextOf(request),
    actor: personOfFeeds(request),
    publicUrl: config.publicUrl,
  });

  app.post(
    '/calendar-feeds',
    {
      config: { access: access.signedIn },
      schema: {
        tags,
        summary:
          'Make a calendar feed of your own actions, or of a plan whose live data you may see; ' +
          'its address (with its token) is in this answer only',
        body: CreateCalendarFeedRequest,
        response: { 201: CalendarFeed, ...problems },
      },
    },
    async (request, reply) => {
      const context = feedContextOf(request);
      const feed = await createFeed(app.db, request.body, context);
      return reply.code(201).send(feed);
    },
  );

  app.get(
    '/calendar-feeds',
    {
      config: { access: access.signedIn },
      schema: {
        tags,
        summary: 'The calendar feeds you made, newest first (revoked ones too)',
        querystring: PageQuery,
        response: { 200: CalendarFeedPage, ...problems },
      },
    },
    async (request) => listFeedsOf(app.db, personOfFeeds(request).id, request.query),
  );

  app.post(
    '/calendar-feeds/:id/revoke',
    {
      config: { access: access.signedIn },
      schema: {
        tags,
        summary: 'Revoke one of your calendar feeds: its address stops working at once',
        params: IdParams,
        response: { 200: CalendarFeed, ...problems },
      },
    },
    async (request) => {
      const { id } = request.params;
      const context = feedContextOf(request);
      return revokeFeed(app.db, id, context);
    },
  );

  app.get(
    '/calendar-feeds/:id/calendar.ics',
    {
      // No session: calendar programs send no cookies or headers. The token in the address is
      // the credential, checked by the handler; the logs redact it.
      config: { access: access.public, queryStringCredential: tokenParameter },
      // A missing token is missing credentials (401), not a malformed request (400).
      preValidation: async (request) => {
        const query = request.query as Record<string, unknown>;
        if (typeof query[tokenParameter] !== 'string') throw feedRefused();
      },
      schema: {
        tags,
        summary: 'The feed itself: iCalendar (RFC 5545) of due dates, titles and dates only',
        description:
          'One all-day event per unfinished action with a due date. Authenticated by the ' +
          "feed's token in the query string (the one exception to header-only credentials); " +
          'a revoked or unknown token, or a feed whose maker may no longer see it, is 401.',
        params: IdParams,
        querystring: FeedQuery,
        response: {
          200: {
            description: 'The calendar',
            content: { 'text/calendar': { schema: z.string() } },
          },
          ...readProblems,
        },
      },
    },
    async (request, reply) => {
      const now = app.clock();
      const contents = await feedContents(
        app.db,
        request.params.id,
        request.query[tokenParameter],
        now,
      );
      return reply
        .type('text/calendar; charset=utf-8')
        .header('cache-control', 'no-store')
        .header('content-disposition', 'inline; filename="due-dates.ics"')
        .send(renderCalendar(contents, config.publicUrl));
    },
  );
};

export default calendarFeedRoutes;
