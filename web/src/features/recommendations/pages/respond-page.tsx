import type {
  Recommendation,
  RecommendationResponseRequest,
  ResponseDecision,
} from '@tracker/shared';
import { useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router';

import { FormButtons, FormPage } from '../../../components/form-page';
import { Radios, Textarea } from '../../../components/form-fields';
import { QueryState } from '../../../components/query-state';
import { Quote } from '../../../components/quote';
import { apiErrors, type FieldErrors, useFormErrors } from '../../../lib/form-errors';
import { responseDecisionNames, recommendationTitle } from '../../../lib/labels';
import { paths } from '../../../lib/paths';
import { usePageTitle } from '../../../lib/use-page-title';
import { isLeadForRecommendation } from '../../../lib/permissions';
import { useRespond } from '../api';
import { NotLead } from '../components/not-lead';
import { useRecommendationContext } from '../../../lib/queries/recommendations';
import { type NoticeState } from '../../../lib/notice';

const pageTitle = 'Respond to the recommendation';

/** The request for a decision: only the fields that decision takes. */
function responseOf(
  decision: ResponseDecision,
  rationale: string,
  acceptedPart: string,
): RecommendationResponseRequest {
  if (decision === 'partly_agreed') return { decision, rationale, acceptedPart };
  if (decision === 'not_agreed') return { decision, rationale };
  return rationale ? { decision, rationale } : { decision };
}
const fieldOrder = [{ name: 'decision' }, { name: 'acceptedPart' }, { name: 'rationale' }];
const fieldLabels = {
  decision: 'Decision',
  acceptedPart: 'Part accepted',
  rationale: 'Rationale',
};

export function RespondPage() {
  const { recommendationId = '' } = useParams();
  const { ready, queries } = useRecommendationContext(recommendationId);
  usePageTitle(ready ? pageTitle : undefined);
  if (!ready) return <QueryState queries={queries} what="recommendation" />;
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
  const form = useFormErrors(fieldOrder);
  usePageTitle(pageTitle, form.items.length > 0);

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
      form.fail(errors);
      return;
    }
    try {
      await respond.mutateAsync(responseOf(decision, rationale.trim(), acceptedPart.trim()));
      const state: NoticeState = { notice: 'Response saved' };
      navigate(paths.recommendation(recommendation.id), { state });
    } catch (error) {
      const { fields, other } = apiErrors(error, fieldLabels);
      form.fail(fields, other);
    }
  };

  const rationaleField = (label: string, hint: string) => (
    <Textarea
      id="rationale"
      label={label}
      hint={hint}
      value={rationale}
      onChange={setRationale}
      error={form.fields.rationale}
    />
  );

  return (
    <FormPage
      back={{ to: paths.recommendation(recommendation.id), text: 'Back to the recommendation' }}
      errors={form}
    >
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
          error={form.fields.decision}
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
                    error={form.fields.acceptedPart}
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
        <FormButtons submit="Save response" cancelTo={paths.recommendation(recommendation.id)} />
      </form>
    </FormPage>
  );
}
