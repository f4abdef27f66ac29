import type { PlanEvent } from '@tracker/shared';

import { formatDateTime } from '../../../lib/dates';
import { eventTitle } from '../rules';

/** The plan's history, oldest first: submissions, reviews, progress reports and closure. */
export function PlanTimeline({ events }: { events: PlanEvent[] }) {
  if (events.length === 0) {
    return <p className="govuk-body">Nothing has happened to the plan yet.</p>;
  }
  return (
    <ol className="app-timeline" data-testid="plan-timeline">
      {events.map((event) => (
        <li className="app-timeline__item" key={event.id}>
          <h3 className="govuk-heading-s app-timeline__title">
            {eventTitle(event)}
            <span className="govuk-body-s app-timeline__date">
              {' '}
              <time dateTime={event.at}>{formatDateTime(event.at)}</time>
            </span>
          </h3>
          <p className="govuk-body govuk-!-margin-bottom-1">By {event.actor}</p>
          {event.detail ? (
            <p className="govuk-body app-timeline__narrative">
              {event.kind === 'returned' ? 'Reasons: ' : 'Note: '}
              {event.detail}
            </p>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
