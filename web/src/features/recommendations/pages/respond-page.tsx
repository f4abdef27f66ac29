import { useQueryClient } from '@tanstack/react-query';
import type {
  Inspection,
  Recommendation,
  RecommendationResponseRequest,
  ResponseDecision,
} from '@tracker/shared';
import { useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';

import { FormPage } from '../../../components/form-page';
import { NotificationBanner } from '../../../components/notification-banner';
import { Radios, Select, Textarea } from '../../../components/form-fields';
import { QueryState } from '../../../components/query-state';
import { Quote } from '../../../components/quote';
import { apiErrors, type FieldErrors, useFormErrors } from '../../../lib/form-errors';
import { responseDecisionNames, recommendationTitle } from '../../../lib/labels';
import { paths } from '../../../lib/paths';
import { usePageTitle } from '../../../lib/use-page-title';
import { useRecommendationLinks, useRespond } from '../api';
import { NotLead } from '../components/not-lead';
import {
  recommendationQuery,
  useRecommendationContext,
} from '../../../lib/queries/recommendations';
import { type NoticeState } from '../../../lib/notice';
import { taskListOrder } from '../../../lib/grouping';
import {
  inspectionRecommendationsQuery,
  useInspectionActionPlans,
} from '../../../lib/queries/inspections';
import { readinessQuery } from '../../../lib/queries/plans';
import { nextToAnswer, readerOf } from '../../../lib/recommendation-states';

const pageTitle = 'Respond to the recommendation';

/** The request for a decision: only the fields that decision takes. */
function responseOf(
  decision: ResponseDecision,
  rationale: string,
  acceptedPart: string,
  addressedById: string,
): RecommendationResponseRequest {
  if (decision === 'partly_agreed') return { decision, rationale, acceptedPart };
  if (decision === 'not_agreed') return { decision, rationale };
  if (decision === 'addressed_by') return { decision, addressedById, rationale };
  return rationale ? { decision, rationale } : { decision };
}
const fieldOrder = [
  { name: 'decision' },
  { name: 'acceptedPart' },
  { name: 'addressedById' },
  { name: 'rationale' },
];
const fieldLabels = {
  decision: 'Decision',
  acceptedPart: 'Part accepted',
  addressedById: 'Addressed by',
  rationale: 'Rationale',
};

export function RespondPage() {
  const { recommendationId = '' } = useParams();
  const { ready, queries } = useRecommendationContext(recommendationId);
  usePageTitle(ready ? pageTitle : undefined);
  if (!ready) return <QueryState queries={queries} what="recommendation" />;
  if (!ready.recommendation.allowed.respond) {
    return <NotLead recommendation={ready.recommendation} />;
  }
  // Keyed, so going on to the next recommendation starts a fresh form rather than keeping this one's answers.
  return (
    <RespondForm
      key={ready.recommendation.id}
      recommendation={ready.recommendation}
      inspection={ready.inspection}
    />
  );
}

/**
 * After a save, where "save and continue" goes: the respond page of the next recommendation in
 * the task list's order that still needs a response from this person, or the plan's task list
 * once none is left. Readiness is read again, so answers others gave meanwhile count.
 */
function useNextToAnswer(recommendation: Recommendation, inspection: Inspection) {
  const queryClient = useQueryClient();
  const plans = useInspectionActionPlans(inspection.id);
  const plan = plans.data?.items[0];
  return async (): Promise<{ to: string; state: NoticeState }> => {
    const saved = `Response saved for ${recommendationTitle(recommendation)}`;
    if (!plan) return { to: paths.recommendation(recommendation.id), state: { notice: saved } };
    const [readiness, recommendations] = await Promise.all([
      queryClient.fetchQuery(readinessQuery(plan.id)),
      queryClient.fetchQuery(inspectionRecommendationsQuery(inspection.id)),
    ]);
    const order = taskListOrder(inspection, recommendations);
    const nextId = nextToAnswer(
      order,
      readiness.recommendations,
      recommendation.id,
      readerOf(plan),
    );
    if (nextId) {
      // The next page opens with its recommendation already read.
      await queryClient.prefetchQuery(recommendationQuery(nextId));
      return { to: paths.respond(nextId), state: { notice: saved } };
    }
    return {
      to: paths.plan(plan.id),
      state: {
        notice: saved,
        detail: 'Every recommendation you answer now has a response.',
      },
    };
  };
}

function RespondForm({
  recommendation,
  inspection,
}: {
  recommendation: Recommendation;
  inspection: Inspection;
}) {
  const respond = useRespond(recommendation.id);
  const links = useRecommendationLinks(recommendation.id);
  // Offered once the lead has said, by a link, which recommendation's actions answer this one.
  const addressingOnes = (links.data?.items ?? []).flatMap((link) =>
    link.direction === 'outgoing' && link.relation === 'addressed_by' && !link.other.hidden
      ? [{ value: link.other.id, text: link.other.label }]
      : [],
  );
  const navigate = useNavigate();
  const nextPage = useNextToAnswer(recommendation, inspection);
  const { state: notice } = useLocation() as { state: NoticeState | null };
  const [decision, setDecision] = useState<ResponseDecision | ''>(
    recommendation.response?.decision ?? '',
  );
  const [rationale, setRationale] = useState(recommendation.response?.rationale ?? '');
  const [acceptedPart, setAcceptedPart] = useState(recommendation.response?.acceptedPart ?? '');
  const [addressedById, setAddressedById] = useState(
    recommendation.response?.addressedBy?.id ?? '',
  );
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
    const chosen = addressedById || (addressingOnes.length === 1 ? addressingOnes[0]!.value : '');
    if (decision === 'addressed_by' && !chosen) {
      errors.addressedById = 'Select the recommendation that addresses this one';
    }
    if (decision && decision !== 'agreed' && !rationale.trim()) {
      errors.rationale = {
        not_agreed: 'Say why the recommendation is not agreed',
        partly_agreed: 'Say why the rest of the recommendation is not accepted',
        addressed_by: 'Say how the other recommendation addresses this one',
      }[decision];
    }
    if (Object.keys(errors).length > 0 || !decision) {
      form.fail(errors);
      return;
    }
    const goOn = (event.nativeEvent as SubmitEvent).submitter?.getAttribute('value') === 'next';
    try {
      await respond.mutateAsync(
        responseOf(decision, rationale.trim(), acceptedPart.trim(), chosen),
      );
      if (goOn) {
        const { to, state } = await nextPage().catch(() => ({
          to: paths.recommendation(recommendation.id),
          state: { notice: 'Response saved' } as NoticeState,
        }));
        navigate(to, { state });
        return;
      }
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
      {notice?.notice ? <NotificationBanner type="success" heading={notice.notice} /> : null}
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
            ...(addressingOnes.length > 0 || decision === 'addressed_by'
              ? [
                  {
                    value: 'addressed_by',
                    text: responseDecisionNames.addressed_by,
                    hint: 'Its actions are those of a recommendation it is linked to as addressed by.',
                    conditional: (
                      <>
                        <Select
                          id="addressedById"
                          label="Which recommendation addresses it?"
                          value={
                            addressedById ||
                            (addressingOnes.length === 1 ? addressingOnes[0]!.value : '')
                          }
                          onChange={setAddressedById}
                          {...(addressingOnes.length > 1
                            ? { placeholder: 'Choose a recommendation' }
                            : {})}
                          options={addressingOnes}
                          error={form.fields.addressedById}
                        />
                        {rationaleField(
                          'How does it address this one?',
                          'The inspectorate reads this with the plan.',
                        )}
                      </>
                    ),
                  },
                ]
              : []),
          ]}
        />
        <div className="govuk-button-group">
          <button
            type="submit"
            name="then"
            value="next"
            className="govuk-button"
            data-module="govuk-button"
            disabled={respond.isPending}
          >
            Save and continue to the next recommendation
          </button>
          <button
            type="submit"
            name="then"
            value="stay"
            className="govuk-button govuk-button--secondary"
            data-module="govuk-button"
            disabled={respond.isPending}
          >
            Save response
          </button>
          <Link className="govuk-link" to={paths.recommendation(recommendation.id)}>
            Cancel
          </Link>
        </div>
      </form>
    </FormPage>
  );
}
