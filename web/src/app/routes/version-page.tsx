import type { PlanVersion, ReviewThread } from '@tracker/shared';
import { useEffect, useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router';

import { BackLink } from '../../components/back-link';
import { ErrorSummary } from '../../components/error-summary';
import { QueryState } from '../../components/query-state';
import { NotificationBanner } from '../../components/notification-banner';
import { SummaryList, type SummaryListRow } from '../../components/summary-list';
import { Tag } from '../../components/tag';
import { formatDateTime } from '../../lib/dates';
import { paths } from '../../lib/paths';
import { usePageTitle } from '../../lib/use-page-title';
import { reviewsPlans } from '../../lib/navigation';
import { PlanDownloads } from '../../features/exports/components/plan-downloads';
import { NotFoundPage } from '../../components/not-found-page';
import { usePlanVersion, useThreads } from '../../features/reviews/api';
import { ThreadView } from '../../features/reviews/components/review-threads';
import { VerdictFields, commentFieldId } from '../../features/reviews/components/verdict-fields';
import {
  VersionDocument,
  VersionHeader,
  reviewSubjects,
  subjectAnchor,
  versionTitle,
} from '../../features/reviews/components/version-document';
import { decisionTags, verdictTags } from '../../features/reviews/labels';
import { missingComments, useReviewDraft } from '../../features/reviews/review-draft';
import {
  leftToReview,
  leftToReviewText,
  reviewContents,
} from '../../features/reviews/review-contents';
import {
  ReviewContentsList,
  contentsId,
} from '../../features/reviews/components/review-contents-list';
import { ChangesSince } from '../../features/submissions/components/changes-since';
import { useDiff } from '../../features/submissions/api';
import { useMe } from '../../lib/queries/me';
import { useVersionParams, type ReviewNoticeState } from '../../features/reviews/version-params';

export function VersionPage() {
  const { planId, versionNumber } = useVersionParams();
  if (versionNumber === null) return <NotFoundPage />;
  return (
    <VersionLoader key={`${planId}:${versionNumber}`} planId={planId} number={versionNumber} />
  );
}

function VersionLoader({ planId, number }: { planId: string; number: number }) {
  const version = usePlanVersion(planId, number);
  const me = useMe();
  usePageTitle(version.data ? versionTitle(version.data) : undefined);

  if (!version.isSuccess || !me.isSuccess) {
    return <QueryState queries={[version, me]} what="version" />;
  }

  // Where the person came from (the nav section their role has); what they may do is `allowed`.
  const back = reviewsPlans(me.data.role) ? (
    <BackLink to={paths.reviews}>Back to plans to review</BackLink>
  ) : (
    <BackLink to={paths.plan(planId)}>Back to the action plan</BackLink>
  );
  return version.data.allowed.review ? (
    <ReviewingVersion version={version.data} back={back} />
  ) : (
    <ReadVersion version={version.data} back={back} />
  );
}

/** A frozen version with its review (if any), each verdict and thread beside its subject. */
function ReadVersion({ version, back }: { version: PlanVersion; back: ReactNode }) {
  const { state } = useLocation() as { state: ReviewNoticeState | null };
  const threads = useThreads(
    version.planId,
    { versionNumber: version.number },
    version.review !== null,
  );
  const bySubject = new Map((threads.data ?? []).map((thread) => [thread.subjectId, thread]));
  return (
    <>
      {back}
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          {state?.notice ? <NotificationBanner type="success" heading={state.notice} /> : null}
          <VersionHeader version={version} />
          {version.review ? (
            <ReviewOutcome version={version} threads={threads.data ?? []} />
          ) : (
            <div className="govuk-inset-text">This version has not been reviewed yet.</div>
          )}
          {threads.isError ? (
            <QueryState queries={[threads]} what="inspector’s comments" section />
          ) : null}
          <ChangesSinceLast version={version} />
          <PlanDownloads planId={version.planId} version={version.number} />
          <VersionDocument
            version={version}
            verdict={(subject) => {
              const thread = bySubject.get(subject.id);
              return thread ? <ThreadView thread={thread} /> : null;
            }}
          />
        </div>
      </div>
    </>
  );
}

function ReviewOutcome({ version, threads }: { version: PlanVersion; threads: ReviewThread[] }) {
  const review = version.review!;
  const labels = new Map(reviewSubjects(version).map((subject) => [subject.id, subject.label]));
  const rows: SummaryListRow[] = [
    { key: 'Decision', value: <Tag label={decisionTags[review.decision]} /> },
  ];
  if (review.reasons) {
    rows.push({
      key: 'Reasons',
      value: <span className="app-preserve-lines">{review.reasons}</span>,
    });
  }
  rows.push({ key: 'Reviewed by', value: review.reviewedBy?.name ?? 'An API client' });
  rows.push({ key: 'Reviewed', value: formatDateTime(review.reviewedAt) });
  if (threads.length > 0) {
    rows.push({
      key: 'Verdicts',
      value: (
        <ul className="govuk-list">
          {threads.map((thread) => (
            <li key={thread.id}>
              <a
                className="govuk-link"
                href={`#${subjectAnchor(thread.subjectKind, thread.subjectId)}`}
              >
                {labels.get(thread.subjectId) ?? thread.subjectLabel}
              </a>
              {`: ${verdictTags[thread.verdict].text.toLowerCase()}`}
            </li>
          ))}
        </ul>
      ),
    });
  }
  return (
    <section aria-labelledby="review-heading">
      <h2 className="govuk-heading-l" id="review-heading">
        The review
      </h2>
      <SummaryList rows={rows} />
    </section>
  );
}

/** An inspector's verdicts on a version not yet reviewed, kept as a draft until the decision. */
function ReviewingVersion({ version, back }: { version: PlanVersion; back: ReactNode }) {
  const { draft, update } = useReviewDraft(version.planId, version.number);
  const subjects = useMemo(() => reviewSubjects(version), [version]);
  const contents = reviewContents(version.recommendations, draft);
  const count = leftToReviewText(leftToReview(contents));
  const changed = useChangedRecommendations(version);
  const [errors, setErrors] = useState<Partial<Record<string, string>>>({});
  const [attempt, setAttempt] = useState(0);
  const navigate = useNavigate();
  const items = subjects.flatMap((subject) => {
    const text = errors[subject.id];
    return text ? [{ text, href: `#${commentFieldId(subject.id)}` }] : [];
  });
  usePageTitle(versionTitle(version), items.length > 0);
  useFocusHashTarget();

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const missing = missingComments(draft, subjects);
    setErrors(missing);
    if (Object.keys(missing).length > 0) {
      setAttempt((count) => count + 1);
      return;
    }
    navigate(paths.reviewDecision(version.planId, version.number));
  };

  return (
    <>
      {back}
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          {items.length > 0 ? <ErrorSummary key={attempt} items={items} /> : null}
          <VersionHeader version={version} />
          <div className="govuk-inset-text">
            Give a verdict on each recommendation and, where you want to, on its actions. A
            challenge or a request for evidence needs a comment: the region answers it. Your
            verdicts are kept while you move between pages; nothing is sent until you submit your
            decision.
          </div>
          <ChangesSinceLast version={version} />
          <ReviewContentsList contents={contents} count={count} changed={changed} />
          <PlanDownloads planId={version.planId} version={version.number} />
          <form noValidate onSubmit={submit}>
            <VersionDocument
              version={version}
              verdict={(subject) => (
                <VerdictFields
                  subject={subject}
                  value={draft[subject.id]}
                  error={errors[subject.id]}
                  onChange={(change) => update(subject, change)}
                />
              )}
              after={() => (
                <p className="govuk-body-s">
                  {count}.{' '}
                  <a className="govuk-link" href={`#${contentsId}`}>
                    Back to contents
                  </a>
                </p>
              )}
            />
            <p className="govuk-body">{count}.</p>
            <button type="submit" className="govuk-button" data-module="govuk-button">
              Continue to decision
            </button>
          </form>
        </div>
      </div>
    </>
  );
}

/** For a version after the first, what changed since the one before it. */
function ChangesSinceLast({ version }: { version: PlanVersion }) {
  if (version.number === 1) return null;
  return (
    <ChangesSince
      planId={version.planId}
      number={version.number}
      anchorOf={(id) => subjectAnchor('recommendation', id)}
    />
  );
}

/**
 * The recommendations changed since the version before, for the contents to mark. The same
 * query as the summary above, so it costs no second request.
 */
function useChangedRecommendations(version: PlanVersion): ReadonlySet<string> | undefined {
  const diff = useDiff(version.planId, version.number - 1, version.number, version.number > 1);
  const recommendations = diff.data?.recommendations;
  return useMemo(
    () => (recommendations ? new Set(recommendations.map((change) => change.id)) : undefined),
    [recommendations],
  );
}

/**
 * Arriving from a "Change" link (`#verdict-...`), puts focus on that field once the page is
 * drawn. After the layout's own move of focus to <main>, hence the timeout.
 */
function useFocusHashTarget() {
  const { hash } = useLocation();
  useEffect(() => {
    if (!hash) return;
    const timer = window.setTimeout(() => {
      const target = document.getElementById(decodeURIComponent(hash.slice(1)));
      target?.scrollIntoView({ block: 'center' });
      target?.focus({ preventScroll: true });
    }, 0);
    return () => window.clearTimeout(timer);
  }, [hash]);
}
