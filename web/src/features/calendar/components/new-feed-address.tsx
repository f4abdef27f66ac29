import type { CalendarFeed } from '@tracker/shared';
import { useEffect, useRef } from 'react';

import { CopyButton } from '../../../components/copy-button';
import { WarningText } from '../../../components/warning-text';

/**
 * The address of a feed just made, shown this once (only its hash is kept), with how to
 * subscribe to it. Focus moves to its heading so a screen reader hears it has appeared.
 */
export function NewFeedAddress({ feed }: { feed: CalendarFeed & { url: string } }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [feed.id]);
  return (
    <div className="govuk-!-margin-bottom-6">
      <h3 className="govuk-heading-s" tabIndex={-1} ref={heading}>
        Your calendar address
      </h3>
      <WarningText>
        This is the only time the address will be shown. Anyone who has it can see the titles and
        due dates of {feed.subject.kind === 'plan' ? 'the plan’s actions' : 'your actions'}, so do
        not share it.
      </WarningText>
      <div className="govuk-inset-text">
        <p className="app-secret" data-testid="calendar-feed-url">
          {feed.url}
        </p>
      </div>
      <CopyButton text={feed.url} label="Copy calendar address" />
      <SubscribeSteps />
    </div>
  );
}

/** Where Outlook and Google Calendar take a subscription address. */
function SubscribeSteps() {
  return (
    <details className="govuk-details">
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">How to add it to your calendar</span>
      </summary>
      <div className="govuk-details__text">
        <h4 className="govuk-heading-s">Outlook</h4>
        <ol className="govuk-list govuk-list--number">
          <li>Open your calendar and select Add calendar.</li>
          <li>Select Subscribe from web (in Outlook for Windows: From internet).</li>
          <li>Paste the address, name the calendar and select Import (or OK).</li>
        </ol>
        <h4 className="govuk-heading-s">Google Calendar</h4>
        <ol className="govuk-list govuk-list--number">
          <li>On a computer, next to Other calendars, select the plus sign (+).</li>
          <li>Select From URL.</li>
          <li>Paste the address and select Add calendar.</li>
        </ol>
        <p className="govuk-body">
          Calendars check for changes every few hours, so a moved due date can take a while to
          appear. Each action shows on its due date, with its title and recommendation.
        </p>
      </div>
    </details>
  );
}
