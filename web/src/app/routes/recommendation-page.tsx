import type { Recommendation } from '@tracker/shared';
import { Link, useLocation, useParams } from 'react-router';

import { BackLink } from '../../components/back-link';
import { QueryState } from '../../components/query-state';
import { NotificationBanner } from '../../components/notification-banner';
import { Quote } from '../../components/quote';
import { SummaryList, type SummaryListRow } from '../../components/summary-list';
import { Tag } from '../../components/tag';
import { formatDateTime } from '../../lib/dates';
import {
  nationalLinkText,
  notRespondedTag,
  ownerLevelTags,
  recommendationStatusTags,
  recommendationTitle,
  responseDecisionTags,
  themeNames,
} from '../../lib/labels';
import { type NoticeState } from '../../lib/notice';
import { paths } from '../../lib/paths';
import { usePageTitle } from '../../lib/use-page-title';
import { ReviewThreads } from '../../features/reviews/components/review-threads';
import { ActionCards } from '../../components/action-cards';
import { LinkedRecommendations } from '../../features/recommendations/components/linked-recommendations';
import { OutcomeMeasures } from '../../features/recommendations/components/outcome-measures';
import { useActions } from '../../lib/queries/actions';
import { useRecommendation } from '../../lib/queries/recommendations';

export function RecommendationPage() {
  const { recommendationId = '' } = useParams();
  const recommendation = useRecommendation(recommendationId);
  const { state } = useLocation() as { state: NoticeState | null };
  usePageTitle(recommendation.data ? recommendationTitle(recommendation.data) : undefined);

  if (!recommendation.isSuccess) {
    return <QueryState queries={[recommendation]} what="recommendation" />;
  }

  const data = recommendation.data;
  const { allowed } = data;
  return (
    <>
      <BackLink to={paths.inspection(data.inspectionId)}>Back to the inspection</BackLink>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          {state?.notice ? <NotificationBanner type="success" heading={state.notice} /> : null}
          <h1 className="govuk-heading-l">{recommendationTitle(data)}</h1>
          <p className="govuk-body govuk-!-margin-bottom-2">The inspection letter says:</p>
          <Quote>
            <p className="govuk-body" data-testid="recommendation-text">
              {data.text}
            </p>
          </Quote>
          <RecommendationDetails recommendation={data} canRespond={allowed.respond} />
          <LinkedRecommendations recommendation={data} />
          <ReviewThreads inspectionId={data.inspectionId} subjectId={data.id} />
          {allowed.readLivePlan ? (
            <>
              <ResponseSection recommendation={data} canRespond={allowed.respond} />
              <ActionsSection recommendation={data} />
              <OutcomeMeasures recommendationId={data.id} canRecord={allowed.addAction} />
              {allowed.close || allowed.reopen ? <ClosingSection recommendation={data} /> : null}
            </>
          ) : (
            <p className="govuk-body">
              Inspectors see the response and actions in each version of the plan the region
              submits, not in the live plan.
            </p>
          )}
        </div>
      </div>
    </>
  );
}

function RecommendationDetails({
  recommendation,
  canRespond,
}: {
  recommendation: Recommendation;
  canRespond: boolean;
}) {
  const { response } = recommendation;
  return (
    <SummaryList
      rows={[
        { key: 'Source PDU', value: recommendation.sourcePdu.name },
        {
          key: 'Owner level',
          value: <Tag label={ownerLevelTags[recommendation.ownerLevel]} />,
        },
        { key: 'Owning unit', value: recommendation.owningUnit.name },
        {
          key: 'Themes',
          value:
            recommendation.themes.length === 0 ? (
              'None'
            ) : (
              <ul className="govuk-list">
                {recommendation.themes.map((theme) => (
                  <li key={theme}>{themeNames[theme]}</li>
                ))}
              </ul>
            ),
        },
        { key: 'Status', value: <Tag label={recommendationStatusTags[recommendation.status]} /> },
        ...(recommendation.nationalLinks.length > 0
          ? [
              {
                key: 'Tracked nationally',
                value: (
                  <ul className="govuk-list">
                    {recommendation.nationalLinks.map((link) => (
                      <li key={link.id}>{nationalLinkText(link)}</li>
                    ))}
                  </ul>
                ),
              },
            ]
          : []),
        {
          key: 'Response',
          value: response ? (
            <Tag label={responseDecisionTags[response.decision]} />
          ) : (
            notRespondedTag.text
          ),
          ...(canRespond
            ? {
                action: {
                  to: paths.respond(recommendation.id),
                  text: response ? 'Change' : 'Respond',
                  visuallyHiddenText: 'response',
                },
              }
            : {}),
        },
      ]}
    />
  );
}

function ResponseSection({
  recommendation,
  canRespond,
}: {
  recommendation: Recommendation;
  canRespond: boolean;
}) {
  const { response } = recommendation;
  return (
    <section aria-labelledby="response-heading">
      <h2 className="govuk-heading-l" id="response-heading">
        Response
      </h2>
      {response ? (
        <SummaryList
          rows={[
            { key: 'Decision', value: <Tag label={responseDecisionTags[response.decision]} /> },
            ...(response.addressedBy
              ? [
                  {
                    key: 'Addressed by',
                    value: (
                      <Link
                        className="govuk-link"
                        to={paths.recommendation(response.addressedBy.id)}
                      >
                        {response.addressedBy.label}
                      </Link>
                    ),
                  },
                ]
              : []),
            ...(response.acceptedPart
              ? [{ key: 'Part accepted', value: response.acceptedPart }]
              : []),
            ...(response.rationale ? [{ key: 'Rationale', value: response.rationale }] : []),
            { key: 'Responded', value: formatDateTime(response.respondedAt) },
          ]}
        />
      ) : (
        <p className="govuk-body">The region has not yet responded to this recommendation.</p>
      )}
      {canRespond ? (
        <p className="govuk-body">
          <Link className="govuk-link" to={paths.respond(recommendation.id)}>
            {response ? 'Change the response' : 'Respond to this recommendation'}
          </Link>
        </p>
      ) : null}
    </section>
  );
}

function ActionsSection({ recommendation }: { recommendation: Recommendation }) {
  const actions = useActions({ recommendationId: recommendation.id });
  const mayAdd = recommendation.allowed.addAction;
  return (
    <section aria-labelledby="actions-heading">
      <h2 className="govuk-heading-l" id="actions-heading">
        Actions
      </h2>
      {!actions.isSuccess ? <QueryState queries={[actions]} what="actions" section /> : null}
      {actions.isSuccess && actions.data.length === 0 ? (
        <p className="govuk-body">There are no actions for this recommendation yet.</p>
      ) : null}
      {actions.isSuccess ? (
        <ActionCards actions={actions.data} canChange={(action) => action.allowed.change} />
      ) : null}
      {mayAdd && recommendation.status !== 'closed' ? (
        <p className="govuk-body">
          <Link
            className="govuk-button govuk-button--secondary"
            data-module="govuk-button"
            to={paths.newAction(recommendation.id)}
          >
            Add an action
          </Link>
        </p>
      ) : null}
    </section>
  );
}

function ClosingSection({ recommendation }: { recommendation: Recommendation }) {
  const rows: SummaryListRow[] = [];
  if (recommendation.closingNote)
    rows.push({ key: 'Closing note', value: recommendation.closingNote });
  if (recommendation.unmetMeasuresReason)
    rows.push({
      key: 'Closed with outcome measures not met',
      value: recommendation.unmetMeasuresReason,
    });
  if (recommendation.closedAt)
    rows.push({ key: 'Closed', value: formatDateTime(recommendation.closedAt) });
  return (
    <section aria-labelledby="closing-heading">
      <h2 className="govuk-heading-l" id="closing-heading">
        {recommendation.status === 'closed' ? 'Closed' : 'Close this recommendation'}
      </h2>
      {rows.length > 0 ? <SummaryList rows={rows} /> : null}
      {recommendation.status === 'closed' ? (
        <p className="govuk-body">
          <Link className="govuk-link" to={paths.reopenRecommendation(recommendation.id)}>
            Reopen this recommendation
          </Link>
        </p>
      ) : (
        <>
          <p className="govuk-body">
            Close it when every action is verified closed or cancelled, when it was not agreed, or
            when the recommendation that addresses it is closed.
          </p>
          <p className="govuk-body">
            <Link className="govuk-link" to={paths.closeRecommendation(recommendation.id)}>
              Close this recommendation
            </Link>
          </p>
        </>
      )}
    </section>
  );
}
