import type { Inspection, OwnerLevel, Recommendation, UnitRef } from '@tracker/shared';
import { Link } from 'react-router';

import { Tag } from '../../../components/tag';
import { ownerLevelHeading, ownerLevelTags, recommendationStatusTags } from '../../../lib/labels';
import { paths } from '../../../lib/paths';

/** The letter's order of owner levels under each PDU. */
const ownerLevelOrder: OwnerLevel[] = ['pdu', 'region', 'hmpps'];

interface PduGroup {
  pdu: UnitRef;
  byOwnerLevel: { level: OwnerLevel; recommendations: Recommendation[] }[];
}

/**
 * Groups recommendations as the letter's Annexe one does: by source PDU (in the order the
 * inspection lists its PDUs), then by owner level. A PDU the inspection does not list
 * still gets a group at the end, so no recommendation is ever hidden.
 */
export function groupRecommendations(
  inspection: Inspection,
  recommendations: Recommendation[],
): PduGroup[] {
  const pdus = new Map<string, UnitRef>();
  for (const inspected of inspection.inspectedPdus) pdus.set(inspected.pdu.id, inspected.pdu);
  for (const recommendation of recommendations) {
    if (!pdus.has(recommendation.sourcePdu.id)) {
      pdus.set(recommendation.sourcePdu.id, recommendation.sourcePdu);
    }
  }

  return [...pdus.values()]
    .map((pdu) => {
      const fromPdu = recommendations.filter((r) => r.sourcePdu.id === pdu.id);
      return {
        pdu,
        byOwnerLevel: ownerLevelOrder
          .map((level) => ({
            level,
            recommendations: fromPdu
              .filter((r) => r.ownerLevel === level)
              .sort((a, b) => a.number - b.number),
          }))
          .filter((group) => group.recommendations.length > 0),
      };
    })
    .filter((group) => group.byOwnerLevel.length > 0);
}

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
            Recommendation {recommendation.number}:
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
    </li>
  );
}
