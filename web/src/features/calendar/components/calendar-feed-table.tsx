import type { CalendarFeed } from '@tracker/shared';

import { Table } from '../../../components/table';
import { Tag } from '../../../components/tag';
import { formatDateTime } from '../../../lib/dates';
import type { TagLabel } from '../../../lib/labels';

const statusTags: Record<'active' | 'revoked', TagLabel> = {
  active: { text: 'Active', colour: 'green' },
  revoked: { text: 'Revoked', colour: 'grey' },
};

export function feedSubjectName(feed: CalendarFeed): string {
  return feed.subject.kind === 'person' ? 'Your actions' : `Plan: ${feed.subject.label}`;
}

interface CalendarFeedTableProps {
  feeds: CalendarFeed[];
  onRevoke: (feed: CalendarFeed) => void;
  /** The feed being revoked, whose button waits. */
  revoking: string | null;
}

/** The calendar links a person made, each revocable while active. */
export function CalendarFeedTable({ feeds, onRevoke, revoking }: CalendarFeedTableProps) {
  return (
    <Table<CalendarFeed>
      caption="Your calendar links"
      captionSize="s"
      rows={feeds}
      rowKey={(feed) => feed.id}
      columns={[
        { header: 'Calendar', isRowHeader: true, cell: feedSubjectName },
        { header: 'Made', cell: (feed) => formatDateTime(feed.createdAt) },
        {
          header: 'Last used',
          cell: (feed) => (feed.lastUsedAt ? formatDateTime(feed.lastUsedAt) : 'Never'),
        },
        {
          header: 'Status',
          cell: (feed) => <Tag label={statusTags[feed.revokedAt ? 'revoked' : 'active']} />,
        },
        {
          header: 'Action',
          headerHidden: true,
          cell: (feed) =>
            feed.revokedAt ? null : (
              <button
                type="button"
                className="govuk-button govuk-button--warning govuk-!-margin-bottom-0"
                data-module="govuk-button"
                disabled={revoking === feed.id}
                onClick={() => onRevoke(feed)}
              >
                Revoke
                <span className="govuk-visually-hidden">
                  {' '}
                  the link made {formatDateTime(feed.createdAt)}
                </span>
              </button>
            ),
        },
      ]}
    />
  );
}
