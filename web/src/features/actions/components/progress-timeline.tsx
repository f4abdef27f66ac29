import type { ProgressUpdate } from '@tracker/shared';

import { Tag } from '../../../components/tag';
import { formatDateTime } from '../../../lib/dates';
import { actionStatusTags } from '../../../lib/labels';

/** The action's progress updates, newest first, as a dated list. */
export function ProgressTimeline({ updates }: { updates: ProgressUpdate[] }) {
  if (updates.length === 0) {
    return <p className="govuk-body">No progress updates have been posted yet.</p>;
  }
  return (
    <ol className="app-timeline" data-testid="timeline">
      {updates.map((update) => (
        <li className="app-timeline__item" key={update.id}>
          <h4 className="govuk-heading-s app-timeline__title">
            {update.author?.name ?? 'An API client'}
            <span className="govuk-body-s app-timeline__date">
              {' '}
              <time dateTime={update.recordedAt}>{formatDateTime(update.recordedAt)}</time>
            </span>
          </h4>
          <p className="govuk-body app-timeline__narrative">{update.narrative}</p>
          {update.statusChange || update.percentComplete !== null ? (
            <p className="govuk-body-s app-tag-list">
              {update.statusChange ? (
                <>
                  Status changed to <Tag label={actionStatusTags[update.statusChange]} />{' '}
                </>
              ) : null}
              {update.percentComplete !== null ? `${update.percentComplete}% complete` : null}
            </p>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
