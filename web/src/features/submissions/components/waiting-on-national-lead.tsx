import type { ReadinessProblem } from '@tracker/shared';

import { plural } from '../../../lib/format';
import { useAskNationalLead } from '../api';

/**
 * Problems only the HMPPS national lead can put right: the region lead is told so, and may ask
 * them (each national lead hears at most once a day about a plan).
 */
export function WaitingOnNationalLead({
  planId,
  problems,
}: {
  planId: string;
  problems: ReadinessProblem[];
}) {
  const ask = useAskNationalLead(planId);
  const waiting = problems.filter((problem) => problem.mustAct === 'national_lead');
  if (waiting.length === 0) return null;
  return (
    <div className="govuk-inset-text" data-testid="waiting-on-national-lead">
      <h2 className="govuk-heading-s">Waiting on the HMPPS national lead</h2>
      <p className="govuk-body">
        Only the HMPPS national lead can put {waiting.length === 1 ? 'this' : 'these'} right: they
        answer for HMPPS-owned recommendations and actions.
      </p>
      <ul className="govuk-list govuk-list--bullet">
        {waiting.map((problem) => (
          <li key={`${problem.code}:${problem.subject.id}`}>{problem.message}</li>
        ))}
      </ul>
      {ask.isSuccess ? (
        <p className="govuk-body" role="status">
          We told the national lead ({plural(ask.data.notified, 'person', 'people')}). They see this
          plan on their home page until they answer.
        </p>
      ) : (
        <button
          type="button"
          className="govuk-button govuk-button--secondary"
          data-module="govuk-button"
          disabled={ask.isPending}
          onClick={() => ask.mutate()}
        >
          Ask the national lead
        </button>
      )}
      {ask.isError ? (
        <p className="govuk-error-message">The request could not be sent. Try again.</p>
      ) : null}
    </div>
  );
}
