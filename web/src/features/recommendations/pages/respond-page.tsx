import type { Recommendation, ResponseDecision } from '@tracker/shared';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';

import { BackLink } from '../../../components/back-link';
import { ErrorSummary } from '../../../components/error-summary';
import { Radios, Textarea } from '../../../components/form-fields';
import { Loading } from '../../../components/loading';
import { ProblemPanel } from '../../../components/problem-panel';
import { Quote } from '../../../components/quote';
import { apiErrors, summaryItems, type FieldErrors } from '../../../lib/form-errors';
import { responseDecisionNames } from '../../../lib/labels';
import { paths } from '../../../lib/paths';
import { usePageTitle } from '../../../lib/use-page-title';
import { isLeadForRecommendation } from '../../auth/permissions';
import { useRespond } from '../api';
import { NotLead } from '../components/not-lead';
import { useRecommendationContext } from '../components/use-recommendation-context';
import { recommendationTitle, type NoticeState } from './recommendation-page';

const pageTitle = 'Respond to the recommendation';
const fieldOrder = [{ name: 'decision' }, { name: 'acceptedPart' }, { name: 'rationale' }];
const fieldLabels = {
  decision: 'Decision',
  acceptedPart: 'Part accepted',
  rationale: 'Rationale',
};

export function RespondPage() {
  const { recommendationId = '' } = useParams();
  const { ready, error } = useRecommendationContext(recommendationId);
  usePageTitle(ready ? pageTitle : undefined);
  if (error) return <ProblemPanel error={error} />;
  if (!ready) return <Loading what="recommendation" />;
  if (!isLeadForRecommendation(ready.me, ready.recommendation, ready.regionId)) {
    return <NotLead recommendation={ready.recommendation} />;
  }
  return <RespondForm recommendation={ready.recommendation} />;
}

function RespondForm({ recommendation }: { recommendation: Recommendation }) {
  const respond = useRespond(recommendation.id);
  const navigate = useNavigate();
  const [decision, setDecision] = useState<ResponseDecision | ''>(
    recommendation.response?.decision ?? '',
  );
  const [rationale, setRationale] = useState(recommendation.response?.rationale ?? '');
  const [acceptedPart, setAcceptedPart] = useState(recommendation.response?.acceptedPart ?? '');
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [otherErrors, setOtherErrors] = useState<string[]>([]);
  const [attempt, setAttempt] = useState(0);
  const items = summaryItems(fieldErrors, fieldOrder, otherErrors);
  usePageTitle(pageTitle, items.length > 0);

  const fail = (fields: FieldErrors, other: string[]) => {
    setFieldErrors(fields);
    setOtherErrors(other);
    setAttempt((count) => count + 1);
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (respond.isPending) return;
    const errors: FieldErrors = {};
    if (!decision) errors.decision = 'Select whether the region agrees with the recommendation';
    if (decision === 'partly_agreed' && !acceptedPart.trim()) {
      errors.acceptedPart = 'Say which part of the recommendation is accepted';
    }
    if ((decision === 'partly_agreed' || decision === 'not_agreed') && !rationale.trim()) {
      errors.rationale =
        decision === 'not_agreed'
          ? 'Say why the recommendation is not agreed'
          : 'Say why the rest of the recommendation is not accepted';
    }
    if (Object.keys(errors).length > 0 || !decision) {
      fail(errors, []);
      return;
    }
    try {
      await respond.mutateAsync({
        decision,
        ...(decision !== 'agreed' || rationale.trim() ? { rationale: rationale.trim() } : {}),
        ...(decision === 'partly_agreed' ? { acceptedPart: acceptedPart.trim() } : {}),
      });
      const state: NoticeState = { notice: 'Response saved' };
      navigate(paths.recommendation(recommendation.id), { state });
    } catch (error) {
      const { fields, other } = apiErrors(error, fieldLabels);
      fail(fields, other);
    }
  };

  const rationaleField = (label: string, hint: string) => (
    <Textarea
      id="rationale"
      label={label}
      hint={hint}
      value={rationale}
      onChange={setRationale}
      error={fieldErrors.rationale}
    />
  );

  return (
    <>
      <BackLink to={paths.recommendation(recommendation.id)}>Back to the recommendation</BackLink>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          {items.length > 0 ? <ErrorSummary key={attempt} items={items} /> : null}
          <span className="govuk-caption-l">{recommendationTitle(recommendation)}</span>
          <h1 className="govuk-heading-l">{pageTitle}</h1>
          <p className="govuk-body govuk-!-margin-bottom-2">The inspection letter says:</p>
          <Quote>
            <p className="govuk-body">{recommendation.text}</p>
          </Quote>
          <form noValidate onSubmit={(event) => void submit(event)}>
            <Radios
              name="decision"
              legend="Does the region agree with this recommendation?"
              error={fieldErrors.decision}
              value={decision}
              onChange={(value) => setDecision(value as ResponseDecision)}
              options={[
                {
                  value: 'agreed',
                  text: responseDecisionNames.agreed,
                  conditional: rationaleField(
                    'Rationale (optional)',
                    'Anything the inspectorate should know about how it will be met.',
                  ),
                },
                {
                  value: 'partly_agreed',
                  text: responseDecisionNames.partly_agreed,
                  conditional: (
                    <>
                      <Textarea
                        id="acceptedPart"
                        label="Which part is accepted?"
                        value={acceptedPart}
                        onChange={setAcceptedPart}
                        error={fieldErrors.acceptedPart}
                        rows={3}
                      />
                      {rationaleField(
                        'Why is the rest not accepted?',
                        'The inspectorate reads this with the plan.',
                      )}
                    </>
                  ),
                },
                {
                  value: 'not_agreed',
                  text: responseDecisionNames.not_agreed,
                  conditional: rationaleField(
                    'Why is it not agreed?',
                    'The inspectorate reads this with the plan.',
                  ),
                },
              ]}
            />
            <div className="govuk-button-group">
              <button type="submit" className="govuk-button" data-module="govuk-button">
                Save response
              </button>
              <Link className="govuk-link" to={paths.recommendation(recommendation.id)}>
                Cancel
              </Link>
            </div>
          </form>
        </div>
      </div>
    </>
  );
}
