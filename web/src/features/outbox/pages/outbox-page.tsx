import { emailStatuses, type EmailStatus, type OutboxEmail } from '@tracker/shared';
import { useSearchParams } from 'react-router';

import { StatusFilter } from '../../../components/status-filter';
import { QueryState } from '../../../components/query-state';
import { CursorPagination } from '../../../components/pagination';
import { Table } from '../../../components/table';
import { Tag } from '../../../components/tag';
import { formatDateTime } from '../../../lib/dates';
import type { TagLabel } from '../../../lib/labels';
import { paths } from '../../../lib/paths';
import { usePageTitle } from '../../../lib/use-page-title';
import { useOutboxEmails } from '../api';

const pageTitle = 'Emails';

const statusTags: Record<EmailStatus, TagLabel> = {
  queued: { text: 'Waiting to send', colour: 'blue' },
  sending: { text: 'Sending', colour: 'yellow' },
  sent: { text: 'Sent', colour: 'green' },
  held: { text: 'Held', colour: 'orange' },
};

function statusFrom(value: string | null): EmailStatus | undefined {
  return emailStatuses.find((status) => status === value);
}

/**
 * The outbox, for administrators: every email the service has sent, is about to send, or
 * holds. Without a GOV.UK Notify key every email is held here to be passed on by hand.
 */
export function OutboxPage() {
  const [searchParams] = useSearchParams();
  const status = statusFrom(searchParams.get('status'));
  const cursor = searchParams.get('cursor') ?? undefined;
  const emails = useOutboxEmails({ status, cursor });
  usePageTitle(pageTitle, emails.isError);

  return (
    <>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-l">{pageTitle}</h1>
          <p className="govuk-body">
            Every email the service has sent or is waiting to send, newest first. Emails are held
            here, not sent, when the service has no GOV.UK Notify key, or when Notify refused one:
            pass a held email on to the person yourself. Set-password links are never shown here: to
            give someone a new link, reset their password.
          </p>
          <StatusFilter
            key={status ?? ''}
            label="emails"
            statuses={emailStatuses}
            nameOf={(value) => statusTags[value].text}
            current={status}
          />
        </div>
      </div>
      {!emails.isSuccess ? <QueryState queries={[emails]} what="emails" section /> : null}
      {emails.isSuccess ? (
        <>
          {emails.data.items.length === 0 ? (
            <p className="govuk-body">
              There are no {status ? `${statusTags[status].text.toLowerCase()} ` : ''}emails.
            </p>
          ) : (
            <EmailTable emails={emails.data.items} status={status} continued={!!cursor} />
          )}
          <CursorPagination
            nextTo={
              emails.data.nextCursor
                ? paths.outbox({ status, cursor: emails.data.nextCursor })
                : null
            }
            firstTo={cursor ? paths.outbox({ status }) : null}
          />
        </>
      ) : null}
    </>
  );
}

function EmailTable({
  emails,
  status,
  continued,
}: {
  emails: OutboxEmail[];
  status: EmailStatus | undefined;
  continued: boolean;
}) {
  const which = status ? `${statusTags[status].text} emails` : 'Emails';
  return (
    <Table<OutboxEmail>
      caption={`${which}, newest first${continued ? ' (continued)' : ''}`}
      rows={emails}
      rowKey={(email) => email.id}
      columns={[
        { header: 'To', isRowHeader: true, cell: (email) => email.to },
        { header: 'Subject', cell: (email) => <EmailDetails email={email} /> },
        { header: 'Status', cell: (email) => <Status email={email} /> },
        { header: 'Created', cell: (email) => formatDateTime(email.createdAt) },
        {
          header: 'Sent',
          cell: (email) => (email.sentAt ? formatDateTime(email.sentAt) : 'Not sent'),
        },
      ]}
    />
  );
}

/** The subject opens the email's text. */
function EmailDetails({ email }: { email: OutboxEmail }) {
  return (
    <details className="govuk-details govuk-!-margin-bottom-0">
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">{email.subject}</span>
      </summary>
      <div className="govuk-details__text">
        <EmailBody body={email.body} />
      </div>
    </details>
  );
}

/**
 * Paragraphs and line breaks as written, as plain text: the words in an email come partly
 * from people (titles, names, reasons), so nothing in it is made a link here.
 */
function EmailBody({ body }: { body: string }) {
  return (
    <>
      {body.split('\n\n').map((paragraph, index) => (
        <p className="govuk-body-s app-email-text" key={index}>
          {paragraph}
        </p>
      ))}
    </>
  );
}

function Status({ email }: { email: OutboxEmail }) {
  const tried = email.attempts > 0 && email.status !== 'sent';
  return (
    <>
      <Tag label={statusTags[email.status]} />
      {tried ? (
        <p className="govuk-body-s govuk-!-margin-top-2 govuk-!-margin-bottom-0">
          Tried {email.attempts} {email.attempts === 1 ? 'time' : 'times'}
          {email.lastError ? `: ${email.lastError}` : ''}
          {email.status === 'queued' && email.nextAttemptAt
            ? `. Next try ${formatDateTime(email.nextAttemptAt)}`
            : ''}
        </p>
      ) : null}
    </>
  );
}
