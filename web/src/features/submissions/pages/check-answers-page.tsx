import { useQueryClient } from '@tanstack/react-query';
import type { ActionPlan, ReadinessProblem, SubmitPlanRequest } from '@tracker/shared';
import { useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';

import { ContentPage } from '../../../components/content-page';
import { FormPage } from '../../../components/form-page';
import { Checkboxes, Textarea } from '../../../components/form-fields';
import { QueryState } from '../../../components/query-state';
import { isApiError } from '../../../lib/api-client';
import { apiErrors, type ErrorItem, useFormErrors } from '../../../lib/form-errors';
import { reviewerOf } from '../../../lib/labels';
import { paths } from '../../../lib/paths';
import { usePageTitle } from '../../../lib/use-page-title';
import { readinessQuery, useReadiness } from '../../../lib/queries/plans';
import { useSubmitPlan, useVersionedPlan } from '../api';
import { PlanAnswers } from '../components/plan-answers';
import { WaitingOnNationalLead } from '../components/waiting-on-national-lead';
import { canBeSent, sendsProgressReport } from '../rules';
import { useActions } from '../../../lib/queries/actions';
import { useInspection, useInspectionRecommendations } from '../../../lib/queries/inspections';

const fieldOrder = [{ name: 'note' }, { name: 'declaration' }];
const fieldLabels = { note: 'Covering note', declaration: 'Declaration' };

function pageTitleFor(plan: ActionPlan): string {
  return sendsProgressReport(plan)
    ? 'Check the plan before sending a progress report'
    : 'Check your answers before submitting the action plan';
}

export function CheckAnswersPage() {
  const { planId = '' } = useParams();
  const versioned = useVersionedPlan(planId);
  const plan = versioned.data?.plan;
  usePageTitle(plan ? pageTitleFor(plan) : undefined);

  if (!versioned.isSuccess) return <QueryState queries={[versioned]} what="action plan" />;
  if (!plan) return null;
  if (!plan.allowed.submit) return <NotTheLead plan={plan} />;
  if (!canBeSent(plan)) return <NothingToSend plan={plan} />;
  return <CheckAnswers plan={plan} etag={versioned.data.etag} />;
}

function Explanation({
  title,
  plan,
  children,
}: {
  title: string;
  plan: ActionPlan;
  children: string;
}) {
  return (
    <ContentPage title={title}>
      <p className="govuk-body">{children}</p>
      <p className="govuk-body">
        <Link className="govuk-link" to={paths.plan(plan.id)}>
          Back to the {plan.region.name} action plan
        </Link>
      </p>
    </ContentPage>
  );
}

function NotTheLead({ plan }: { plan: ActionPlan }) {
  return (
    <Explanation title="You cannot submit this action plan" plan={plan}>
      {`Only the region\u2019s lead (the Regional Probation Director) submits the action plan to ${reviewerOf(plan)}.`}
    </Explanation>
  );
}

function NothingToSend({ plan }: { plan: ActionPlan }) {
  return plan.status === 'closed' ? (
    <Explanation title="The action plan is closed" plan={plan}>
      Every recommendation is closed, so there is nothing more to send.
    </Explanation>
  ) : (
    <Explanation title={`The action plan is with ${reviewerOf(plan)}`} plan={plan}>
      {`Version ${plan.latestVersion ?? ''} is awaiting review. You can send the plan again once ${reviewerOf(plan)} has accepted or returned it.`}
    </Explanation>
  );
}

/** The readiness problems as error summary lines, each linking to its subject's page. */
function problemItems(problems: ReadinessProblem[]): ErrorItem[] {
  return problems.map((problem) => ({
    text: problem.message.replace(/\.$/, ''),
    href:
      problem.subject.kind === 'action'
        ? paths.action(problem.subject.id)
        : paths.recommendation(problem.subject.id),
  }));
}

/**
 * One Idempotency-Key per attempt: a retry of the same request against the same plan revision
 * (after an answer was lost) reuses it, so the server creates nothing twice.
 */
function useIdempotencyKey() {
  const attempt = useRef<{ key: string; fingerprint: string } | null>(null);
  return {
    keyFor: (fingerprint: string) => {
      if (attempt.current?.fingerprint !== fingerprint) {
        attempt.current = { key: crypto.randomUUID(), fingerprint };
      }
      return attempt.current.key;
    },
    /** The server answered: the next press is a new attempt. */
    forget: () => {
      attempt.current = null;
    },
  };
}

function CheckAnswers({ plan, etag }: { plan: ActionPlan; etag: string }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const inspection = useInspection(plan.inspectionId);
  const recommendations = useInspectionRecommendations(plan.inspectionId);
  const actions = useActions({ inspectionId: plan.inspectionId });
  const readiness = useReadiness(plan.id);
  const submit = useSubmitPlan(plan.id);
  const idempotency = useIdempotencyKey();
  const [note, setNote] = useState('');
  const [declaration, setDeclaration] = useState<string[]>([]);
  const form = useFormErrors(fieldOrder);
  const progressReport = sendsProgressReport(plan);
  const title = pageTitleFor(plan);

  const problems = readiness.data ? problemItems(readiness.data.problems) : [];
  const unchecked = readiness.isError
    ? [{ text: 'The service could not check whether the plan is complete. Try again later.' }]
    : [];
  const items = [...unchecked, ...problems, ...form.items];
  usePageTitle(title, items.length > 0);

  const send = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (submit.isPending) return;
    if (declaration.length === 0) {
      form.fail({ declaration: 'Confirm that the action plan is complete and accurate' });
      return;
    }
    const request: SubmitPlanRequest = {
      declaration: true,
      ...(note.trim() ? { note: note.trim() } : {}),
    };
    const idempotencyKey = idempotency.keyFor(JSON.stringify({ request, etag }));
    try {
      const version = await submit.mutateAsync({ request, etag, idempotencyKey });
      navigate(paths.versionSubmitted(plan.id, version.number));
    } catch (error) {
      if (isApiError(error) && error.status < 500) idempotency.forget();
      if (isApiError(error) && error.status === 412) {
        form.fail({}, [
          'The action plan changed while you were checking it. The page now shows it as it is: check it again, then submit.',
        ]);
        return;
      }
      if (isApiError(error) && error.status === 409) {
        // The refusal lists what stops the plan: read it again, so the summary shows it.
        const latest = await queryClient.fetchQuery(readinessQuery(plan.id)).catch(() => null);
        form.fail({}, latest && latest.problems.length > 0 ? [] : [error.detail || error.title]);
        return;
      }
      const { fields, other } = apiErrors(error, fieldLabels);
      form.fail(fields, other);
    }
  };

  if (!inspection.isSuccess || !recommendations.isSuccess || !actions.isSuccess) {
    return <QueryState queries={[inspection, recommendations, actions]} what="action plan" />;
  }

  return (
    <FormPage
      back={{ to: paths.plan(plan.id), text: 'Back to the action plan' }}
      errors={{ items, attempt: form.attempt }}
    >
      <span className="govuk-caption-l">{plan.region.name} action plan</span>
      <h1 className="govuk-heading-l">{title}</h1>
      <p className="govuk-body">
        {progressReport
          ? `A progress report sends the plan as it stands today to ${reviewerOf(plan)} as a new version.`
          : `This is the whole plan as ${reviewerOf(plan)} will receive it. Check each response and action before you submit.`}
      </p>
      {readiness.data ? (
        <WaitingOnNationalLead planId={plan.id} problems={readiness.data.problems} />
      ) : null}
      <PlanAnswers
        inspection={inspection.data}
        recommendations={recommendations.data}
        actions={actions.data}
      />
      <h2 className="govuk-heading-m">
        {progressReport ? 'Now send the progress report' : 'Now submit the action plan'}
      </h2>
      <form noValidate onSubmit={(event) => void send(event)}>
        <Textarea
          id="note"
          label={`Covering note to ${reviewerOf(plan)} (optional)`}
          hint="For example, what changed since the last version you sent."
          value={note}
          onChange={setNote}
          error={form.fields.note}
          rows={4}
        />
        <Checkboxes
          name="declaration"
          legend="Declaration"
          legendSize="s"
          error={form.fields.declaration}
          values={declaration}
          onChange={setDeclaration}
          options={[
            {
              value: 'confirmed',
              text: 'I confirm the action plan is complete and accurate, and that I may submit it for the region',
            },
          ]}
        />
        <button type="submit" className="govuk-button" data-module="govuk-button">
          {progressReport ? 'Send the progress report' : 'Submit the action plan'}
        </button>
      </form>
    </FormPage>
  );
}
