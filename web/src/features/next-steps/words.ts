import type { NextStep } from '@tracker/shared';

import { formatDateTime } from '../../lib/dates';
import { plural } from '../../lib/format';

export interface StepWords {
  heading: string;
  lines: string[];
  link: string;
}

/** Nothing left: every recommendation answered, nothing to put right, nothing awaited. */
export function readyToSubmit(step: Extract<NextStep, { kind: 'continue_plan' }>): boolean {
  return step.answered === step.toAnswer && step.problems === 0 && step.waitingOnNationalLead === 0;
}

/** What a next step says, in the words its reader uses. */
export function nextStepWords(step: NextStep): StepWords {
  switch (step.kind) {
    case 'continue_plan': {
      const lines = [`${step.answered} of ${step.toAnswer} recommendations answered.`];
      if (step.problems > 0)
        lines.push(`${plural(step.problems, 'thing')} to put right before you submit.`);
      if (step.waitingOnNationalLead > 0)
        lines.push(
          `${plural(step.waitingOnNationalLead, 'thing')} HMPPS-owned: the HMPPS national lead must answer ${step.waitingOnNationalLead === 1 ? 'it' : 'them'}.`,
        );
      const ready = readyToSubmit(step);
      return {
        heading: `${step.plan.region.name} action plan: ${step.plan.title}`,
        lines: ready ? [...lines, 'The plan is ready to submit.'] : lines,
        link: ready ? 'Check and submit the plan' : 'Continue the action plan',
      };
    }
    case 'answer_hmpps_items':
      return {
        heading: `${step.plan.region.name} action plan: ${step.plan.title}`,
        lines: [
          `${plural(step.awaiting, 'HMPPS-owned recommendation')} without a response: the region cannot submit until you answer.`,
          ...(step.askedAt ? [`The region lead asked on ${formatDateTime(step.askedAt)}.`] : []),
        ],
        link: 'Answer the HMPPS recommendations',
      };
    case 'actions_due':
      return {
        heading: `${step.unit.name}: actions due`,
        lines: [`${plural(step.overdue, 'action')} overdue, ${step.dueSoon} due soon.`],
        link: 'See the dashboards',
      };
    case 'review_version':
      return {
        heading: `${step.plan.region.name} action plan: ${step.plan.title}`,
        lines: [
          `Version ${step.versionNumber} (${step.versionKind === 'submission' ? 'a submission' : 'a progress report'}) awaits review, sent ${formatDateTime(step.submittedAt)}.`,
        ],
        link: `Review version ${step.versionNumber}`,
      };
  }
}
