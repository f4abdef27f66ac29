import type {
  PlanVersionDocument,
  ReadinessProblem,
  RecommendationReadiness,
  RecommendationReadinessState,
  SubjectRef,
  VersionAction,
  VersionRecommendation,
} from '@tracker/shared';

import { recommendationLabel } from '../action-plans/document';

type Problem = Pick<ReadinessProblem, 'code' | 'message'>;
type Lead = ReadinessProblem['mustAct'];

/** As the policy's isLeadFor: HMPPS work is the national lead's, the rest the region lead's. */
const leadOfRecommendation = (recommendation: VersionRecommendation): Lead =>
  recommendation.ownerLevel === 'hmpps' ? 'national_lead' : 'region_lead';

const leadOfAction = (recommendation: VersionRecommendation, action: VersionAction): Lead =>
  action.owningUnit.type === 'hmpps' ? 'national_lead' : leadOfRecommendation(recommendation);

/** Said after a problem only the national lead can put right, so no one is left guessing. */
const nationalLeadActs = ' The HMPPS national lead answers it.';

function recommendationProblems(recommendation: VersionRecommendation): Problem[] {
  const label = recommendationLabel(recommendation);
  const response = recommendation.response;
  if (!response) {
    const who = leadOfRecommendation(recommendation) === 'national_lead' ? nationalLeadActs : '';
    return [{ code: 'no_response', message: `${label} has no response.${who}` }];
  }
  if (response.decision === 'addressed_by') {
    // Another recommendation's actions answer it: it needs none of its own.
    return response.addressedBy
      ? []
      : [
          {
            code: 'no_response',
            message: `${label} is answered as addressed by a recommendation that no longer exists.`,
          },
        ];
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

function actionProblems(recommendationLabel: string, action: VersionAction): Problem[] {
  const named = `${recommendationLabel}: action "${action.title}"`;
  const problems: Problem[] = [];
  if (!action.owner) {
    problems.push({ code: 'action_no_owner', message: `${named} has no owner.` });
  } else if (action.owner.disabled) {
    problems.push({
      code: 'action_owner_disabled',
      message: `${named} is owned by ${action.owner.name}, whose account is disabled.`,
    });
  }
  if (!action.dueDate) {
    problems.push({ code: 'action_no_due_date', message: `${named} has no due date.` });
  }
  if (!action.successMeasure) {
    problems.push({
      code: 'action_no_success_measure',
      message: `${named} has no success measure.`,
    });
  }
  return problems;
}

/** A recommendation as a readiness problem (or a request about it) names it. */
export function recommendationSubject(recommendation: VersionRecommendation): SubjectRef {
  return {
    kind: 'recommendation',
    id: recommendation.id,
    label: recommendationLabel(recommendation),
    href: `/api/v1/recommendations/${recommendation.id}`,
  };
}

/**
 * What stops the plan being submitted, in the letter's order, each saying who must put it
 * right. Cancelled actions are left out: they are kept for the record, not delivered.
 */
export function readinessProblems(document: PlanVersionDocument): ReadinessProblem[] {
  return document.recommendations.flatMap((recommendation) => {
    const label = recommendationLabel(recommendation);
    return [
      ...recommendationProblems(recommendation).map((problem) => ({
        ...problem,
        subject: recommendationSubject(recommendation),
        recommendationId: recommendation.id,
        mustAct: leadOfRecommendation(recommendation),
      })),
      ...recommendation.actions
        .filter((action) => action.status !== 'cancelled')
        .flatMap((action) =>
          actionProblems(label, action).map((problem) => ({
            ...problem,
            subject: {
              kind: 'action' as const,
              id: action.id,
              label: action.title,
              href: `/api/v1/actions/${action.id}`,
            },
            recommendationId: recommendation.id,
            mustAct: leadOfAction(recommendation, action),
          })),
        ),
    ];
  });
}

const stateOfProblem: Record<ReadinessProblem['code'], RecommendationReadinessState> = {
  no_response: 'needs_response',
  no_rationale: 'needs_rationale',
  no_actions: 'needs_action',
  action_no_owner: 'action_details_needed',
  action_owner_disabled: 'action_details_needed',
  action_no_due_date: 'action_details_needed',
  action_no_success_measure: 'action_details_needed',
};

/**
 * Each recommendation's state, read from its readiness problems so the task list and the
 * submission check never disagree. A recommendation has at most one problem of its own, listed
 * before its actions'; among its actions' problems the region lead's comes first, so the region
 * lead is told of their own part before being told they wait on the national lead.
 */
export function recommendationReadiness(
  document: PlanVersionDocument,
  problems: ReadinessProblem[],
): RecommendationReadiness[] {
  const firstProblem = new Map<string, ReadinessProblem>();
  for (const problem of problems) {
    const first = firstProblem.get(problem.recommendationId);
    const regionLeadsFirst =
      first &&
      stateOfProblem[first.code] === 'action_details_needed' &&
      first.mustAct === 'national_lead' &&
      problem.mustAct === 'region_lead';
    if (!first || regionLeadsFirst) firstProblem.set(problem.recommendationId, problem);
  }
  return document.recommendations.map((recommendation) => {
    const problem = firstProblem.get(recommendation.id);
    return {
      recommendationId: recommendation.id,
      state: problem ? stateOfProblem[problem.code] : 'ready',
      mustAct: problem ? problem.mustAct : null,
    };
  });
}
