import type { Recommendation } from '@tracker/shared';
import { useParams } from 'react-router';

import { BackLink } from '../../../components/back-link';
import { Loading } from '../../../components/loading';
import { ProblemPanel } from '../../../components/problem-panel';
import { Quote } from '../../../components/quote';
import { SummaryList } from '../../../components/summary-list';
import { Tag } from '../../../components/tag';
import {
  ownerLevelTags,
  recommendationStatusTags,
  responseDecisionNames,
  themeNames,
} from '../../../lib/labels';
import { paths } from '../../../lib/paths';
import { usePageTitle } from '../../../lib/use-page-title';
import { useRecommendation } from '../api';
import { OutcomeMeasures } from '../components/outcome-measures';

export function recommendationTitle(recommendation: Recommendation): string {
  return `${recommendation.sourcePdu.name} recommendation ${recommendation.number}`;
}

export function RecommendationPage() {
  const { recommendationId = '' } = useParams();
  const recommendation = useRecommendation(recommendationId);
  usePageTitle(recommendation.data ? recommendationTitle(recommendation.data) : undefined);

  if (recommendation.isPending) return <Loading what="recommendation" />;
  if (recommendation.isError) return <ProblemPanel error={recommendation.error} />;

  const data = recommendation.data;
  return (
    <>
      <BackLink to={paths.inspection(data.inspectionId)}>Back to the inspection</BackLink>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-l">{recommendationTitle(data)}</h1>
          <p className="govuk-body govuk-!-margin-bottom-2">The inspection letter says:</p>
          <Quote>
            <p className="govuk-body" data-testid="recommendation-text">
              {data.text}
            </p>
          </Quote>
          <RecommendationDetails recommendation={data} />
          <OutcomeMeasures recommendationId={data.id} />
        </div>
      </div>
    </>
  );
}

function RecommendationDetails({ recommendation }: { recommendation: Recommendation }) {
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
        {
          key: 'Response',
          value: response ? responseDecisionNames[response.decision] : 'Not yet responded',
        },
      ]}
    />
  );
}
