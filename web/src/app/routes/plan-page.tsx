import type {
  Action,
  ActionPlan,
  Inspection,
  Readiness,
  Recommendation,
  RecommendationReadiness,
} from '@tracker/shared';
import { Link, useLocation, useParams } from 'react-router';

import { BackLink } from '../../components/back-link';
import { NotificationBanner } from '../../components/notification-banner';
import { QueryState } from '../../components/query-state';
import { SummaryList } from '../../components/summary-list';
import { Tag } from '../../components/tag';
import { TaskList, type TaskListItem } from '../../components/task-list';
import { plural } from '../../lib/format';
import {
  decisionInWords,
  nationalLinkText,
  notRespondedTag,
  ownerLevelNames,
  planStatusTags,
  recommendationStatusTags,
  recommendationTitle,
} from '../../lib/labels';
import { type NoticeState } from '../../lib/notice';
import { type Lead, needingReader, readerOf, readinessTag } from '../../lib/recommendation-states';
import { paths } from '../../lib/paths';
import { usePageTitle } from '../../lib/use-page-title';
import { CalendarFeedsSection } from '../../features/calendar/components/calendar-feeds-section';
import { PlanDownloads } from '../../features/exports/components/plan-downloads';
import {
  ReturnedBanner,
  SubmissionLinks,
} from '../../features/submissions/components/plan-submission';
import { useActions } from '../../lib/queries/actions';
import { useMe } from '../../lib/queries/me';
import { useInspection, useInspectionRecommendations } from '../../lib/queries/inspections';
import { groupRecommendations, taskListOrder } from '../../lib/grouping';
import { usePlan, useReadiness } from '../../lib/queries/plans';

export function PlanPage() {
  const { planId = '' } = useParams();
  const me = useMe();
  const inspector = me.data?.role === 'inspector';
  const plan = usePlan(planId);
  usePageTitle(
    plan.data ? `${plan.data.region.name} action plan` : inspector ? 'Action plan' : undefined,
  );

  if (inspector) return <InspectorNotice plan={plan.data} />;
  if (!plan.isSuccess || !me.isSuccess) {
    return <QueryState queries={[plan, me]} what="action plan" />;
  }
  return <PlanContents plan={plan.data} />;
}

/** Inspectors never see the live plan; once a version is sent, they read its history. */
function InspectorNotice({ plan }: { plan: ActionPlan | undefined }) {
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">Action plan</h1>
        <p className="govuk-body">
          Inspectors do not see a region&rsquo;s live action plan while it is being written. You
          will see each version the region submits for review.
        </p>
        {plan?.latestVersion ? (
          <p className="govuk-body">
            <Link className="govuk-link" to={paths.planVersions(plan.id)}>
              Version history of the {plan.region.name} action plan
            </Link>
          </p>
        ) : null}
      </div>
    </div>
  );
}

function PlanContents({ plan }: { plan: ActionPlan }) {
  const inspection = useInspection(plan.inspectionId);
  const recommendations = useInspectionRecommendations(plan.inspectionId);
  const actions = useActions({ inspectionId: plan.inspectionId });
  // Each recommendation's own state matters while the plan is written; after that, its status.
  const writing = plan.status === 'draft' || plan.status === 'returned';
  const readiness = useReadiness(plan.id, writing);
  const { state } = useLocation() as { state: NoticeState | null };

  if (!inspection.isSuccess || !recommendations.isSuccess) {
    return <QueryState queries={[inspection, recommendations]} what="action plan" />;
  }

  const actionsByRecommendation = new Map<string, Action[]>();
  for (const action of actions.data ?? []) {
    const list = actionsByRecommendation.get(action.recommendationId) ?? [];
    list.push(action);
    actionsByRecommendation.set(action.recommendationId, list);
  }
  const all = recommendations.data;
  const responded = all.filter((recommendation) => recommendation.response).length;
  const withActions = all.filter((r) => (actionsByRecommendation.get(r.id)?.length ?? 0) > 0);

  return (
    <>
      <BackLink to={paths.inspection(plan.inspectionId)}>Back to the inspection</BackLink>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          {state?.notice ? (
            <NotificationBanner type="success" heading={state.notice}>
              {state.detail ? <p className="govuk-body">{state.detail}</p> : null}
            </NotificationBanner>
          ) : null}
          <ReturnedBanner plan={plan} />
          <span className="govuk-caption-l">{inspection.data.title}</span>
          <h1 className="govuk-heading-l">{plan.region.name} action plan</h1>
          <SummaryList
            rows={[
              { key: 'Status', value: <Tag label={planStatusTags[plan.status]} /> },
              {
                key: 'Responses',
                value: `${responded} of ${all.length} recommendations have a response`,
              },
              {
                key: 'Actions',
                value: actions.isSuccess ? (
                  `${plural(actions.data.length, 'action')} for ${withActions.length} of ${all.length} recommendations`
                ) : (
                  <QueryState queries={[actions]} what="actions" section />
                ),
              },
            ]}
          />
          <SubmissionLinks plan={plan} />
          <p className="govuk-body govuk-!-display-none-print">
            <Link className="govuk-link" to={paths.dashboard(plan.id)}>
              See the dashboard: what is overdue, unowned and how far each unit has got
            </Link>
          </p>
          <PlanDownloads planId={plan.id}>
            {plan.allowed.importActions ? (
              <p className="govuk-body">
                <Link className="govuk-link" to={paths.importActions(plan.id)}>
                  Import changes to actions from an edited Excel or CSV file
                </Link>
              </p>
            ) : null}
          </PlanDownloads>
          {writing ? (
            readiness.isSuccess ? (
              <ReadinessCount
                readiness={readiness.data}
                order={taskListOrder(inspection.data, all)}
                recommendations={all}
                reader={readerOf(plan)}
              />
            ) : (
              <QueryState queries={[readiness]} what="state of each recommendation" section />
            )
          ) : null}
          <PlanTaskLists
            inspection={inspection.data}
            recommendations={all}
            actionsByRecommendation={actionsByRecommendation}
            actionsLoaded={actions.isSuccess}
            states={writing ? readiness.data?.recommendations : undefined}
            reader={readerOf(plan)}
          />
          <CalendarFeedsSection plan={{ id: plan.id, name: `${plan.region.name} action plan` }} />
        </div>
      </div>
    </>
  );
}

/** Where a recommendation's task leads: straight to the response form when that is what it needs. */
function taskPath(id: string, item: RecommendationReadiness | undefined, reader: Lead | null) {
  return item?.state === 'needs_response' && item.mustAct === reader
    ? paths.respond(id)
    : paths.recommendation(id);
}

/** "21 of 28 ready", and the way to the next recommendation that needs the reader. */
function ReadinessCount({
  readiness,
  order,
  recommendations,
  reader,
}: {
  readiness: Readiness;
  order: string[];
  recommendations: Recommendation[];
  reader: Lead | null;
}) {
  const states = readiness.recommendations;
  const ready = states.filter((item) => item.state === 'ready').length;
  const waitingOnNationalLead = states.filter(
    (item) => item.mustAct === 'national_lead' && reader !== 'national_lead',
  ).length;
  const [nextId] = needingReader(order, states, reader);
  const next = recommendations.find((recommendation) => recommendation.id === nextId);
  const nextState = states.find((item) => item.recommendationId === nextId);
  return (
    <div data-testid="readiness-count">
      <h2 className="govuk-heading-m">
        {ready} of {states.length} recommendations ready
      </h2>
      {waitingOnNationalLead > 0 ? (
        <p className="govuk-body">
          {plural(waitingOnNationalLead, 'recommendation')} HMPPS-owned: the HMPPS national lead
          must act on {waitingOnNationalLead === 1 ? 'it' : 'them'}.
        </p>
      ) : null}
      {next && nextState ? (
        <p className="govuk-body">
          <Link
            className="govuk-link govuk-!-font-weight-bold"
            to={taskPath(next.id, nextState, reader)}
          >
            Go to the next recommendation that needs you: {recommendationTitle(next)} (
            {readinessTag(nextState, reader).text.toLowerCase()})
          </Link>
        </p>
      ) : null}
    </div>
  );
}

function PlanTaskLists({
  inspection,
  recommendations,
  actionsByRecommendation,
  actionsLoaded,
  states,
  reader,
}: {
  inspection: Inspection;
  recommendations: Recommendation[];
  actionsByRecommendation: Map<string, Action[]>;
  actionsLoaded: boolean;
  /** Each recommendation's readiness while the plan is written; undefined after submission. */
  states: RecommendationReadiness[] | undefined;
  reader: Lead | null;
}) {
  const stateById = new Map(states?.map((item) => [item.recommendationId, item]));
  return groupRecommendations(inspection, recommendations).map((group) => {
    const items: TaskListItem[] = group.byOwnerLevel.flatMap(({ recommendations: list }) =>
      list.map((recommendation) => {
        const count = actionsByRecommendation.get(recommendation.id)?.length ?? 0;
        const response = recommendation.response;
        const readiness = stateById.get(recommendation.id);
        return {
          id: recommendation.id,
          to: paths.recommendation(recommendation.id),
          name: (
            <>
              Recommendation {recommendation.number}
              <span className="govuk-visually-hidden"> from {group.pdu.name}</span>
            </>
          ),
          hint: (
            <>
              <span className="app-task-text">{recommendation.text}</span>
              <span className="app-task-meta" data-testid="task-meta">
                {`${ownerLevelNames[recommendation.ownerLevel]}. `}
                {'Response: '}
                <strong>{response ? decisionInWords(response) : notRespondedTag.text}</strong>
                {actionsLoaded ? `. ${plural(count, 'action')}.` : '.'}
              </span>
              {recommendation.nationalLinks.map((link) => (
                <span className="app-task-meta" key={link.id} data-testid="national-link">
                  {nationalLinkText(link)}.
                </span>
              ))}
            </>
          ),
          status: (
            <Tag
              label={
                readiness
                  ? readinessTag(readiness, reader)
                  : recommendationStatusTags[recommendation.status]
              }
            />
          ),
        };
      }),
    );
    return (
      <section key={group.pdu.id} aria-labelledby={`plan-${group.pdu.id}`}>
        <h2 className="govuk-heading-m" id={`plan-${group.pdu.id}`}>
          {group.pdu.name}
        </h2>
        <TaskList items={items} idPrefix={`plan-${group.pdu.id}`} />
      </section>
    );
  });
}
