import type { NextStep } from '@tracker/shared';
import { Link } from 'react-router';

import { QueryState } from '../../../components/query-state';
import { paths } from '../../../lib/paths';
import { useNextSteps } from '../api';
import { nextStepWords, readyToSubmit } from '../words';

/** "What needs you": each thing the server says waits on the signed-in person, with a link. */
export function NextSteps() {
  const steps = useNextSteps();
  if (!steps.isSuccess) return <QueryState queries={[steps]} what="what needs you" section />;
  const items = steps.data.items;
  if (items.length === 0) return null;
  return (
    <section aria-labelledby="next-steps-heading" className="govuk-!-margin-bottom-8">
      <h2 id="next-steps-heading" className="govuk-heading-m">
        What needs you
      </h2>
      <ul className="govuk-list govuk-list--spaced" data-testid="next-steps">
        {items.map((step) => (
          <li key={keyOf(step)} className="govuk-inset-text govuk-!-margin-top-0">
            <StepItem step={step} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function keyOf(step: NextStep): string {
  if (step.kind === 'actions_due') return `${step.kind}:${step.unit.id}`;
  if (step.kind === 'review_version') return `${step.kind}:${step.plan.id}:${step.versionNumber}`;
  return `${step.kind}:${step.plan.id}`;
}

function StepItem({ step }: { step: NextStep }) {
  const words = nextStepWords(step);
  return (
    <>
      <h3 className="govuk-heading-s govuk-!-margin-bottom-1">{words.heading}</h3>
      {words.lines.map((line) => (
        <p key={line} className="govuk-body govuk-!-margin-bottom-1">
          {line}
        </p>
      ))}
      <Link className="govuk-link govuk-!-font-weight-bold" to={linkOf(step)}>
        {words.link}
      </Link>
    </>
  );
}

function linkOf(step: NextStep): string {
  switch (step.kind) {
    case 'continue_plan':
      return readyToSubmit(step) ? paths.submitPlan(step.plan.id) : paths.plan(step.plan.id);
    case 'answer_hmpps_items':
      return paths.plan(step.plan.id);
    case 'actions_due':
      return paths.dashboards;
    case 'review_version':
      return paths.planVersion(step.plan.id, step.versionNumber);
  }
}
