import type { CalendarFeed } from '@tracker/shared';
import { useState } from 'react';

import { ErrorSummary } from '../../../components/error-summary';
import { QueryState } from '../../../components/query-state';
import { isApiError } from '../../../lib/api-client';
import { useCalendarFeeds, useCreateCalendarFeed, useRevokeCalendarFeed } from '../api';
import { CalendarFeedTable, feedSubjectName } from './calendar-feed-table';
import { NewFeedAddress } from './new-feed-address';

function messageOf(error: unknown): string {
  return isApiError(error)
    ? error.detail
    : 'Sorry, there is a problem with the service. Try again.';
}

/**
 * "Add to your calendar": makes a subscribable feed of due dates (the person's own unfinished
 * actions on My actions, or a whole plan's on the plan's page), shows its address once, and
 * lists the person's feeds (on a plan's page, that plan's) with a way to revoke each.
 */
export function CalendarFeedsSection({ plan }: { plan?: { id: string; name: string } }) {
  const feeds = useCalendarFeeds();
  const create = useCreateCalendarFeed();
  const revoke = useRevokeCalendarFeed();
  const [created, setCreated] = useState<(CalendarFeed & { url: string }) | null>(null);
  const [notice, setNotice] = useState('');
  const [failure, setFailure] = useState<{ message: string; attempt: number } | null>(null);

  const headingId = plan ? 'plan-calendar-heading' : 'calendar-heading';
  // On My actions every feed the person made is listed, so each can be revoked in one place.
  const shown = (feeds.data ?? []).filter(
    (feed) => !plan || (feed.subject.kind === 'plan' && feed.subject.id === plan.id),
  );

  const fail = (error: unknown) =>
    setFailure((last) => ({ message: messageOf(error), attempt: (last?.attempt ?? 0) + 1 }));

  const makeFeed = async () => {
    if (create.isPending) return;
    setNotice('');
    try {
      const feed = await create.mutateAsync(plan ? { planId: plan.id } : {});
      setFailure(null);
      if (feed.url) setCreated({ ...feed, url: feed.url });
    } catch (error) {
      fail(error);
    }
  };

  const revokeFeed = async (feed: CalendarFeed) => {
    try {
      await revoke.mutateAsync(feed.id);
      setFailure(null);
      if (created?.id === feed.id) setCreated(null);
      setNotice(
        `Calendar link revoked (${feedSubjectName(feed)}). Calendars using it stop updating.`,
      );
    } catch (error) {
      fail(error);
    }
  };

  return (
    <section aria-labelledby={headingId} className="govuk-!-margin-top-6">
      <h2 className="govuk-heading-m" id={headingId}>
        Add to your calendar
      </h2>
      {failure ? <ErrorSummary key={failure.attempt} items={[{ text: failure.message }]} /> : null}
      <p className="govuk-body">
        {plan
          ? `Subscribe to the due dates of every unfinished action in the ${plan.name} in Outlook or Google Calendar.`
          : 'Subscribe to the due dates of your unfinished actions in Outlook or Google Calendar.'}{' '}
        The calendar shows each action&apos;s title and due date, nothing else, and follows when a
        date moves.
      </p>
      {/* Always there, so screen readers announce what later appears in it. */}
      <p className={notice ? 'govuk-body' : 'govuk-!-margin-0'} role="status">
        {notice}
      </p>
      {created ? <NewFeedAddress feed={created} /> : null}
      <button
        type="button"
        className={`govuk-button${created ? ' govuk-button--secondary' : ''}`}
        data-module="govuk-button"
        disabled={create.isPending}
        onClick={() => void makeFeed()}
      >
        {created ? 'Make another calendar link' : 'Make a calendar link'}
      </button>
      {!feeds.isSuccess ? (
        <QueryState queries={[feeds]} what="your calendar links" section />
      ) : null}
      {feeds.isSuccess && shown.length > 0 ? (
        <CalendarFeedTable
          feeds={shown}
          onRevoke={(feed) => void revokeFeed(feed)}
          revoking={revoke.isPending ? (revoke.variables ?? null) : null}
        />
      ) : null}
    </section>
  );
}
