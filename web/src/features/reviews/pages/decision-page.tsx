import type { PlanVersion, ReviewDecision, VerdictRequest } from '@tracker/shared';
import { useMemo, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';

import { FormButtons, FormPage } from '../../../components/form-page';
import { ErrorMessage, Radios, Textarea } from '../../../components/form-fields';
import { QueryState } from '../../../components/query-state';
import { Tag } from '../../../components/tag';
import { isApiError } from '../../../lib/api-client';
import { fieldMessage, type ErrorItem } from '../../../lib/form-errors';
import { paths } from '../../../lib/paths';
import { usePageTitle } from '../../../lib/use-page-title';
import { NotFoundPage } from '../../../components/not-found-page';
import { usePlanVersion, useSubmitReview } from '../api';
import { verdictFieldId } from '../components/verdict-fields';
import { reviewSubjects, versionTitle } from '../components/version-document';
import { verdictTags } from '../labels';
import { useReviewDraft, verdictsFrom, type ReviewSubject } from '../review-draft';
import { useVersionParams, type ReviewNoticeState } from '../version-params';

const pageTitle = 'Your decision on this version';
const alreadyReviewedTitle = 'This version has already been reviewed';

export function DecisionPage() {
  const { planId, versionNumber } = useVersionParams();
  if (versionNumber === null) return <NotFoundPage />;
  return (
    <DecisionLoader key={`${planId}:${versionNumber}`} planId={planId} number={versionNumber} />
  );
}

function DecisionLoader({ planId, number }: { planId: string; number: number }) {
  const version = usePlanVersion(planId, number);
  usePageTitle(version.data?.review ? alreadyReviewedTitle : pageTitle);
  if (!version.isSuccess) {
    return <QueryState queries={[version]} what="version" />;
  }
  if (version.data.review !== null) return <AlreadyReviewed version={version.data} />;
  if (!version.data.allowed.review) return <NotTheReviewer version={version.data} />;
  return <DecisionForm version={version.data} />;
}

function AlreadyReviewed({ version }: { version: PlanVersion }) {
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">{alreadyReviewedTitle}</h1>
        <p className="govuk-body">
          <Link className="govuk-link" to={paths.planVersion(version.planId, version.number)}>
            See the review of version {version.number}
          </Link>
        </p>
      </div>
    </div>
  );
}

function NotTheReviewer({ version }: { version: PlanVersion }) {
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">You cannot review this version</h1>
        <p className="govuk-body">
          Only the plan&rsquo;s reviewer decides on it: HM Inspectorate of Probation, or for an SFO
          review, internal audit or policy review, the person an administrator named. No one reviews
          a version they sent.
        </p>
        <p className="govuk-body">
          <Link className="govuk-link" to={paths.planVersion(version.planId, version.number)}>
            Read version {version.number}
          </Link>
        </p>
      </div>
    </div>
  );
}

/** Where the API's paths lead on this page: the field at fault, or a verdict's row. */
interface DecisionErrors {
  decision?: string;
  reasons?: string;
  /** By subject id. */
  verdicts: Partial<Record<string, string>>;
  other: string[];
}

const noErrors: DecisionErrors = { verdicts: {}, other: [] };

/** Sorts the API's errors onto the page: `verdicts.3.comment` belongs to the fourth verdict. */
function decisionErrors(error: unknown, sent: VerdictRequest[]): DecisionErrors {
  if (!isApiError(error)) {
    return { ...noErrors, other: ['Sorry, there is a problem with the service. Try again later.'] };
  }
  const found: DecisionErrors = { verdicts: {}, other: [] };
  for (const fieldError of error.errors) {
    const verdict = /^verdicts\.(\d+)\./.exec(fieldError.path);
    const subjectId = verdict ? sent[Number(verdict[1])]?.subjectId : undefined;
    if (subjectId) found.verdicts[subjectId] ??= fieldMessage('The comment', fieldError.message);
    else if (fieldError.path === 'reasons')
      found.reasons ??= fieldMessage('Reasons', fieldError.message);
    else if (fieldError.path === 'decision')
      found.decision ??= fieldMessage('Decision', fieldError.message);
    else found.other.push(fieldMessage(fieldError.path || 'This', fieldError.message));
  }
  if (error.errors.length === 0) {
    found.other.push(
      error.status >= 500
        ? 'Sorry, there is a problem with the service. Try again later.'
        : error.detail || error.title,
    );
  }
  return found;
}

function summaryOf(errors: DecisionErrors, subjects: ReviewSubject[]): ErrorItem[] {
  const items: ErrorItem[] = subjects.flatMap((subject) => {
    const text = errors.verdicts[subject.id];
    return text ? [{ text: `${subject.label}: ${text}`, href: `#row-${subject.id}` }] : [];
  });
  if (errors.decision) items.push({ text: errors.decision, href: '#decision' });
  if (errors.reasons) items.push({ text: errors.reasons, href: '#reasons' });
  return [...items, ...errors.other.map((text) => ({ text }))];
}

function DecisionForm({ version }: { version: PlanVersion }) {
  const { planId, number } = version;
  const { draft, clear } = useReviewDraft(planId, number);
  const subjects = useMemo(() => reviewSubjects(version), [version]);
  const verdicts = verdictsFrom(draft, subjects);
  const review = useSubmitReview(planId, number);
  const navigate = useNavigate();
  const [decision, setDecision] = useState<ReviewDecision | ''>('');
  const [reasons, setReasons] = useState('');
  const [errors, setErrors] = useState<DecisionErrors>(noErrors);
  const [attempt, setAttempt] = useState(0);
  const items = summaryOf(errors, subjects);
  usePageTitle(pageTitle, items.length > 0);

  const fail = (found: DecisionErrors) => {
    setErrors(found);
    setAttempt((count) => count + 1);
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (review.isPending) return;
    if (!decision) {
      fail({ ...noErrors, decision: 'Select whether you accept or return the plan' });
      return;
    }
    if (decision === 'returned' && !reasons.trim()) {
      fail({ ...noErrors, reasons: 'Say why the plan is returned' });
      return;
    }
    try {
      await review.mutateAsync({
        decision,
        ...(decision === 'returned' ? { reasons: reasons.trim() } : {}),
        verdicts,
      });
      clear();
      const state: ReviewNoticeState = {
        notice:
          decision === 'accepted'
            ? `Version ${number} accepted`
            : `Version ${number} returned to the region`,
      };
      navigate(paths.planVersion(planId, number), { state });
    } catch (error) {
      fail(decisionErrors(error, verdicts));
    }
  };

  const back = paths.planVersion(planId, number);
  return (
    <FormPage back={{ to: back, text: 'Back to the version' }} errors={{ items, attempt }}>
      <span className="govuk-caption-l">{versionTitle(version)}</span>
      <h1 className="govuk-heading-l">{pageTitle}</h1>
      <h2 className="govuk-heading-m">Your verdicts</h2>
      <VerdictSummary
        version={version}
        subjects={subjects}
        verdicts={verdicts}
        errors={errors.verdicts}
      />
      <form noValidate onSubmit={(event) => void submit(event)}>
        <Radios
          name="decision"
          legend="Do you accept the plan, or return it to the region?"
          error={errors.decision}
          value={decision}
          onChange={(value) => setDecision(value as ReviewDecision)}
          options={[
            {
              value: 'accepted',
              text: 'Accept the plan',
              hint: 'The region carries it out and reports progress as new versions.',
            },
            {
              value: 'returned',
              text: 'Return it to the region',
              hint: 'The region changes the plan and submits it again.',
              conditional: (
                <Textarea
                  id="reasons"
                  label="Why is the plan returned?"
                  hint="The region sees this at the top of its plan."
                  value={reasons}
                  onChange={setReasons}
                  error={errors.reasons}
                />
              ),
            },
          ]}
        />
        <FormButtons submit="Submit review" cancelTo={back} />
      </form>
    </FormPage>
  );
}

/** The verdicts about to be sent, as a summary list with "Change" links back to each field. */
function VerdictSummary({
  version,
  subjects,
  verdicts,
  errors,
}: {
  version: PlanVersion;
  subjects: ReviewSubject[];
  verdicts: VerdictRequest[];
  errors: Partial<Record<string, string>>;
}) {
  const back = paths.planVersion(version.planId, version.number);
  if (verdicts.length === 0) {
    return (
      <p className="govuk-body">
        You have not given a verdict on any recommendation or action.{' '}
        <Link className="govuk-link" to={back}>
          Give verdicts on version {version.number}
        </Link>
      </p>
    );
  }
  const labels = new Map(subjects.map((subject) => [subject.id, subject.label]));
  return (
    <dl className="govuk-summary-list" data-testid="verdict-summary">
      {verdicts.map((verdict) => {
        const label = labels.get(verdict.subjectId) ?? '';
        const error = errors[verdict.subjectId];
        return (
          <div
            className="govuk-summary-list__row"
            key={verdict.subjectId}
            id={`row-${verdict.subjectId}`}
          >
            <dt className="govuk-summary-list__key">
              {verdict.subjectKind === 'action' ? `Action: ${label}` : label}
            </dt>
            <dd className="govuk-summary-list__value">
              {error ? (
                <ErrorMessage id={`row-${verdict.subjectId}-error`}>{error}</ErrorMessage>
              ) : null}
              <Tag label={verdictTags[verdict.verdict]} />
              {verdict.comment ? (
                <p className="govuk-body govuk-!-margin-top-2 govuk-!-margin-bottom-0 app-preserve-lines">
                  {verdict.comment}
                </p>
              ) : null}
            </dd>
            <dd className="govuk-summary-list__actions">
              <Link className="govuk-link" to={`${back}#${verdictFieldId(verdict.subjectId)}`}>
                Change<span className="govuk-visually-hidden"> the verdict on {label}</span>
              </Link>
            </dd>
          </div>
        );
      })}
    </dl>
  );
}
