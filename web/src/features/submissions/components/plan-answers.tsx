import type { Action, Inspection, Recommendation } from '@tracker/shared';
import { Link } from 'react-router';

import { SummaryCard } from '../../../components/summary-card';
import { SummaryList, type SummaryListRow } from '../../../components/summary-list';
import { Tag } from '../../../components/tag';
import { formatDate } from '../../../lib/dates';
import { plural } from '../../../lib/format';
import {
  actionStatusTags,
  decisionInWords,
  notRespondedTag,
  recommendationTitle,
} from '../../../lib/labels';
import { paths } from '../../../lib/paths';
import { groupRecommendations } from '../../../lib/grouping';

const notGiven = 'Not given';

function ActionAnswers({ action }: { action: Action }) {
  const rows: SummaryListRow[] = [
    {
      key: 'Owner',
      value: action.owner
        ? `${action.owner.name}${action.owner.disabled ? ' (account disabled)' : ''}`
        : 'No named owner',
    },
    { key: 'Due date', value: action.dueDate ? formatDate(action.dueDate) : 'Not set' },
    {
      key: 'Success measure',
      value: <span className="app-preserve-lines">{action.successMeasure ?? notGiven}</span>,
    },
    { key: 'Status', value: <Tag label={actionStatusTags[action.status]} /> },
  ];
  return (
    <div data-testid="answer-action">
      <h4 className="govuk-heading-s govuk-!-margin-top-4 govuk-!-margin-bottom-2">
        <Link className="govuk-link" to={paths.action(action.id)}>
          {action.title}
        </Link>
      </h4>
      <SummaryList rows={rows} className="govuk-summary-list--no-border" />
    </div>
  );
}

function responseRows(recommendation: Recommendation, actionCount: number): SummaryListRow[] {
  const { response } = recommendation;
  if (!response) return [{ key: 'Response', value: notRespondedTag.text }];
  const rows: SummaryListRow[] = [{ key: 'Response', value: decisionInWords(response) }];
  if (response.decision === 'partly_agreed') {
    rows.push({
      key: 'Part accepted',
      value: <span className="app-preserve-lines">{response.acceptedPart ?? notGiven}</span>,
    });
  }
  if (response.decision !== 'agreed' || response.rationale) {
    rows.push({
      key: 'Rationale',
      value: <span className="app-preserve-lines">{response.rationale ?? notGiven}</span>,
    });
  }
  rows.push({ key: 'Actions', value: actionCount === 0 ? 'None' : plural(actionCount, 'action') });
  return rows;
}

/**
 * The whole live plan as GOV.UK summary cards, in the letter's order: per recommendation its
 * response and rationale, then each action's owner, due date, success measure and status.
 */
export function PlanAnswers({
  inspection,
  recommendations,
  actions,
}: {
  inspection: Inspection;
  recommendations: Recommendation[];
  actions: Action[];
}) {
  const actionsOf = (recommendationId: string) =>
    actions.filter((action) => action.recommendationId === recommendationId);
  return groupRecommendations(inspection, recommendations).map((group) => (
    <section key={group.pdu.id} aria-labelledby={`answers-${group.pdu.id}`}>
      <h2 className="govuk-heading-m" id={`answers-${group.pdu.id}`}>
        {group.pdu.name}
      </h2>
      {group.byOwnerLevel.flatMap(({ recommendations: list }) =>
        list.map((recommendation) => {
          const own = actionsOf(recommendation.id);
          const title = recommendationTitle(recommendation);
          return (
            <SummaryCard
              key={recommendation.id}
              testId="answer-recommendation"
              title={title}
              actions={[
                {
                  to: paths.recommendation(recommendation.id),
                  text: 'Change',
                  visuallyHiddenText: `the response or actions for ${title}`,
                },
              ]}
              rows={responseRows(recommendation, own.length)}
            >
              {own.map((action) => (
                <ActionAnswers key={action.id} action={action} />
              ))}
            </SummaryCard>
          );
        }),
      )}
    </section>
  ));
}
