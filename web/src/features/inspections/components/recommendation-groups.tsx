import { numberedByPositionNote } from '@tracker/shared';
import type { Inspection, Recommendation } from '@tracker/shared';
import { Link } from 'react-router';

import { Tag } from '../../../components/tag';
import { groupRecommendations } from '../../../lib/grouping';
import {
  nationalLinkText,
  ownerLevelHeading,
  ownerLevelTags,
  recommendationStatusTags,
} from '../../../lib/labels';
import { paths } from '../../../lib/paths';

export function RecommendationGroups({
  inspection,
  recommendations,
}: {
  inspection: Inspection;
  recommendations: Recommendation[];
}) {
  return groupRecommendations(inspection, recommendations).map((group) => (
    <section key={group.pdu.id} aria-labelledby={`recommendations-${group.pdu.id}`}>
      <h3 className="govuk-heading-m" id={`recommendations-${group.pdu.id}`}>
        {group.pdu.name}
      </h3>
      {group.byOwnerLevel.map(({ level, recommendations: items }) => (
        <div key={level}>
          <h4 className="govuk-heading-s">{ownerLevelHeading(level, inspection.region.name)}</h4>
          <ul className="govuk-list">
            {items.map((recommendation) => (
              <RecommendationItem key={recommendation.id} recommendation={recommendation} />
            ))}
          </ul>
        </div>
      ))}
    </section>
  ));
}

function RecommendationItem({ recommendation }: { recommendation: Recommendation }) {
  return (
    <li className="app-recommendation-list__item" data-testid="recommendation">
      <p className="govuk-body govuk-!-margin-bottom-2">
        <Link className="govuk-link" to={paths.recommendation(recommendation.id)}>
          <span className="govuk-visually-hidden">{recommendation.sourcePdu.name} </span>
          <span className="govuk-!-font-weight-bold">
            Recommendation {recommendation.number}
            {recommendation.numberedByPosition ? ` (${numberedByPositionNote})` : ''}:
          </span>{' '}
          {recommendation.text}
        </Link>
      </p>
      <p className="govuk-body govuk-!-margin-bottom-0 app-tag-list">
        <span className="govuk-visually-hidden">Owner level: </span>
        <Tag label={ownerLevelTags[recommendation.ownerLevel]} />
        <span className="govuk-visually-hidden">Status: </span>
        <Tag label={recommendationStatusTags[recommendation.status]} />
      </p>
      {recommendation.nationalLinks.map((link) => (
        <p className="govuk-body-s govuk-!-margin-top-2 govuk-!-margin-bottom-0" key={link.id}>
          {nationalLinkText(link)}
        </p>
      ))}
    </li>
  );
}
