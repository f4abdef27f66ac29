import type {
  PlanVersionDocument,
  ReadinessProblem,
  VersionAction,
  VersionRecommendation,
} from '@tracker/shared';

import { recommendationLabel } from './document';

type Problem = Pick<ReadinessProblem, 'code' | 'message'>;

function recommendationProblems(recommendation: VersionRecommendation): Problem[] {
  const label = recommendationLabel(recommendation);
  const response = recommendation.response;
  if (!response) {
    return [{ code: 'no_response', message: `${label} has no response.` }];
  }
  if (response.decision === 'not_agreed') {
    return response.rationale
      ? []
      : [{ code: 'no_rationale', message: `${label} is not agreed but gives no rationale.` }];
  }
  const liveActions = recommendation.actions.filter((action) => action.status !== 'cancelled');
  if (liveActions.length === 0) {
    const decision = response.decision === 'agreed' ? 'agreed' : 'partly agreed';
    return [{ code: 'no_actions', message: `${label} is ${decision} but has no actions.` }];
  }
  return [];
}

function actionProblems(action: VersionAction): Problem[] {
  const title = `"${action.title}"`;
  const problems: Problem[] = [];
  if (!action.owner) {
    problems.push({ code: 'action_no_owner', message: `Action ${title} has no owner.` });
  } else if (action.owner.disabled) {
    problems.push({
      code: 'action_owner_disabled',
      message: `Action ${title} is owned by ${action.owner.name}, whose account is disabled.`,
    });
  }
  if (!action.dueDate) {
    problems.push({ code: 'action_no_due_date', message: `Action ${title} has no due date.` });
  }
  if (!action.successMeasure) {
    problems.push({
      code: 'action_no_success_measure',
      message: `Action ${title} has no success measure.`,
    });
  }
  return problems;
}

/**
 * What stops the plan being submitted, in the letter's order. Cancelled actions are left out:
 * they are kept for the record, not delivered.
 */
export function readinessProblems(document: PlanVersionDocument): ReadinessProblem[] {
  return document.recommendations.flatMap((recommendation) => {
    const recommendationSubject = {
      kind: 'recommendation' as const,
      id: recommendation.id,
      label: recommendationLabel(recommendation),
      href: `/api/v1/recommendations/${recommendation.id}`,
    };
    return [
      ...recommendationProblems(recommendation).map((problem) => ({
        ...problem,
        subject: recommendationSubject,
        recommendationId: recommendation.id,
      })),
      ...recommendation.actions
        .filter((action) => action.status !== 'cancelled')
        .flatMap((action) =>
          actionProblems(action).map((problem) => ({
            ...problem,
            subject: {
              kind: 'action' as const,
              id: action.id,
              label: action.title,
              href: `/api/v1/actions/${action.id}`,
            },
            recommendationId: recommendation.id,
          })),
        ),
    ];
  });
}
