import type { Notification, NotificationKind } from '@tracker/shared';
import { Link, useSearchParams } from 'react-router';

import { QueryState } from '../../../components/query-state';
import { NotificationBanner } from '../../../components/notification-banner';
import { CursorPagination } from '../../../components/pagination';
import { Table } from '../../../components/table';
import { Tag } from '../../../components/tag';
import { formatDateTime } from '../../../lib/dates';
import { plural } from '../../../lib/format';
import { paths } from '../../../lib/paths';
import { usePageTitle } from '../../../lib/use-page-title';
import { useMarkAllNotificationsRead, useMarkNotificationRead, useNotifications } from '../api';

const pageTitle = 'Notifications';

const kindNames: Record<NotificationKind, string> = {
  action_assigned: 'Action given to you',
  plan_returned: 'Plan returned',
  comment: 'Comment',
  action_due_soon: 'Action due soon',
  action_overdue: 'Action overdue',
  version_to_review: 'Version to review',
  response_requested: 'HMPPS answers requested',
  account_requested: 'Account to approve',
};

export function NotificationsPage() {
  const [searchParams] = useSearchParams();
  const cursor = searchParams.get('cursor') ?? undefined;
  const notifications = useNotifications(cursor);
  const markAll = useMarkAllNotificationsRead();
  usePageTitle(pageTitle);

  if (!notifications.isSuccess) {
    return <QueryState queries={[notifications]} what="your notifications" />;
  }

  const { items, nextCursor, unreadCount } = notifications.data;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-full">
        {markAll.isSuccess ? (
          <NotificationBanner
            type="success"
            heading={`${plural(markAll.data.count, 'notification')} marked as read.`}
          />
        ) : null}
        <h1 className="govuk-heading-l">{pageTitle}</h1>
        <p className="govuk-body">
          {unreadCount === 0
            ? 'You have no unread notifications.'
            : `You have ${plural(unreadCount, 'unread notification')}.`}
        </p>
        {unreadCount > 0 ? (
          <MarkAllButton pending={markAll.isPending} onPress={() => markAll.mutate()} />
        ) : null}
        {markAll.isError ? (
          <p className="govuk-error-message" role="alert">
            <span className="govuk-visually-hidden">Error:</span> Your notifications could not be
            marked as read. Try again.
          </p>
        ) : null}
        {items.length === 0 ? (
          <p className="govuk-body">
            {cursor
              ? 'There are no more notifications.'
              : 'You have no notifications. You will get one when an action is given to you or is due, when someone comments on your work, or when a plan is returned or needs review.'}
          </p>
        ) : (
          <NotificationTable items={items} continued={Boolean(cursor)} />
        )}
        <CursorPagination
          nextTo={nextCursor ? paths.notifications({ cursor: nextCursor }) : null}
          firstTo={cursor ? paths.notifications() : null}
        />
      </div>
    </div>
  );
}

function MarkAllButton({ pending, onPress }: { pending: boolean; onPress: () => void }) {
  return (
    <button
      type="button"
      className="govuk-button govuk-button--secondary"
      aria-disabled={pending || undefined}
      onClick={() => {
        if (!pending) onPress();
      }}
    >
      Mark all as read
    </button>
  );
}

function NotificationTable({ items, continued }: { items: Notification[]; continued: boolean }) {
  const markRead = useMarkNotificationRead();
  return (
    <Table<Notification>
      caption={continued ? 'Your notifications (continued)' : 'Your notifications, newest first'}
      rows={items}
      rowKey={(notification) => notification.id}
      columns={[
        {
          header: 'Notification',
          isRowHeader: true,
          cell: (notification) => (
            <>
              {notification.readAt === null ? (
                <Tag label={{ text: 'New', colour: 'blue' }} className="govuk-!-margin-right-1" />
              ) : null}
              <Link
                // Unread ones stand out in bold, as in a mailbox; the tag says so in words.
                className={
                  notification.readAt === null
                    ? 'govuk-link'
                    : 'govuk-link govuk-!-font-weight-regular'
                }
                to={notification.link}
                onClick={() => {
                  // Opening it is reading it; the page it leads to does not wait for this.
                  if (notification.readAt === null) markRead.mutate(notification.id);
                }}
              >
                {notification.message}
              </Link>
            </>
          ),
        },
        { header: 'Type', cell: (notification) => kindNames[notification.kind] },
        { header: 'Received', cell: (notification) => formatDateTime(notification.createdAt) },
      ]}
    />
  );
}
