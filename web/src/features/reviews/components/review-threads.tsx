import type { ReviewThread } from '@tracker/shared';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';

import { Textarea } from '../../../components/form-fields';
import { Tag } from '../../../components/tag';
import { formatDateTime } from '../../../lib/dates';
import { apiErrors } from '../../../lib/form-errors';
import { roleNames } from '../../../lib/labels';
import { paths } from '../../../lib/paths';
import { useReply, useThreads } from '../api';
import { verdictTags } from '../labels';
import { useInspectionActionPlans } from '../../../lib/queries/inspections';

/**
 * The review threads about one recommendation or action, for the region's own pages: shown
 * only once the inspectorate has said something about the subject. The plan is found from
 * the inspection, as the other plan pages find it.
 */
export function ReviewThreads({
  inspectionId,
  subjectId,
}: {
  inspectionId: string;
  subjectId: string;
}) {
  const plans = useInspectionActionPlans(inspectionId);
  const planId = plans.data?.items[0]?.id ?? '';
  const threads = useThreads(planId, { subjectId });
  if (!threads.isSuccess || threads.data.length === 0) return null;
  // Newest version first: what the region must answer now comes before older rounds.
  const newestFirst = [...threads.data].sort((a, b) => b.versionNumber - a.versionNumber);
  return (
    <section aria-labelledby={`threads-${subjectId}`} data-testid="review-threads">
      <h2 className="govuk-heading-l" id={`threads-${subjectId}`}>
        Inspectorate&rsquo;s review
      </h2>
      {newestFirst.map((thread) => (
        <ThreadView key={thread.id} thread={thread} showVersion />
      ))}
    </section>
  );
}

/** One verdict and its conversation, with a reply form for those who take part. */
export function ThreadView({
  thread,
  showVersion = false,
}: {
  thread: ReviewThread;
  showVersion?: boolean;
}) {
  const mayReply = thread.allowed.reply;
  return (
    <div className="govuk-!-margin-bottom-6" data-testid="review-thread">
      <p className="govuk-body app-tag-list">
        {showVersion ? (
          <>
            The inspector&rsquo;s verdict on{' '}
            <Link
              className="govuk-link"
              to={paths.planVersion(thread.planId, thread.versionNumber)}
            >
              version {thread.versionNumber}
            </Link>
            :
          </>
        ) : (
          'The inspector’s verdict:'
        )}{' '}
        <Tag label={verdictTags[thread.verdict]} />
      </p>
      {thread.messages.length > 0 ? (
        <ol className="app-timeline" aria-label={`Comments about ${thread.subjectLabel}`}>
          {thread.messages.map((message) => (
            <li className="app-timeline__item" key={message.id}>
              <p className="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1">
                {message.authorLabel}
                <span className="govuk-body-s app-timeline__date">
                  {` ${roleNames[message.authorRole]}, `}
                  <time dateTime={message.createdAt}>{formatDateTime(message.createdAt)}</time>
                </span>
              </p>
              <p className="govuk-body app-timeline__narrative app-preserve-lines">
                {message.body}
              </p>
            </li>
          ))}
        </ol>
      ) : null}
      {mayReply ? <ReplyForm thread={thread} /> : null}
    </div>
  );
}

function ReplyForm({ thread }: { thread: ReviewThread }) {
  const reply = useReply(thread.id);
  const [body, setBody] = useState('');
  const [error, setError] = useState('');
  const [status, setStatus] = useState('');
  const fieldId = `reply-${thread.id}`;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (reply.isPending) return;
    setStatus('');
    if (!body.trim()) {
      setError('Enter your reply');
      return;
    }
    try {
      await reply.mutateAsync({ body: body.trim() });
      setBody('');
      setError('');
      setStatus('Reply sent');
    } catch (failure) {
      const { fields, other } = apiErrors(failure, { body: 'Reply' });
      setError(fields.body ?? other.join(' '));
    }
  };

  return (
    <form noValidate onSubmit={(event) => void submit(event)}>
      <Textarea
        id={fieldId}
        label={`Your reply about ${thread.subjectLabel}`}
        value={body}
        onChange={setBody}
        error={error || undefined}
        rows={3}
      />
      <div className="govuk-button-group">
        <button
          type="submit"
          className="govuk-button govuk-button--secondary"
          data-module="govuk-button"
        >
          Send reply
        </button>
        <p className="govuk-body govuk-!-margin-bottom-0" role="status">
          {status}
        </p>
      </div>
    </form>
  );
}
