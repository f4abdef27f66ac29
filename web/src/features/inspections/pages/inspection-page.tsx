import type { Inspection } from '@tracker/shared';
import { Link, useParams } from 'react-router';

import { BackLink } from '../../../components/back-link';
import { QueryState } from '../../../components/query-state';
import { SummaryList, type SummaryListRow } from '../../../components/summary-list';
import { Tag } from '../../../components/tag';
import { formatDate } from '../../../lib/dates';
import { inspectionKindNames, notGiven, planStatusTags, ratingTags } from '../../../lib/labels';
import { paths } from '../../../lib/paths';
import { usePageTitle } from '../../../lib/use-page-title';
import { canLoadInspections } from '../permissions';
import { PduRatings } from '../components/ratings';
import { RecommendationGroups } from '../components/recommendation-groups';
import { useMe } from '../../../lib/queries/me';
import {
  useInspection,
  useInspectionActionPlans,
  useInspectionRecommendations,
} from '../../../lib/queries/inspections';

export function InspectionPage() {
  const { inspectionId = '' } = useParams();
  const inspection = useInspection(inspectionId);
  const recommendations = useInspectionRecommendations(inspectionId);
  usePageTitle(inspection.data?.title);

  if (!inspection.isSuccess) {
    return <QueryState queries={[inspection]} what="inspection" />;
  }

  return (
    <>
      <BackLink to={paths.home}>Back to inspections</BackLink>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-full">
          <span className="govuk-caption-l">{inspection.data.region.name}</span>
          <h1 className="govuk-heading-l">{inspection.data.title}</h1>
        </div>
      </div>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <InspectionDetails inspection={inspection.data} />

          <h2 className="govuk-heading-l">Ratings</h2>
          <p className="govuk-body">
            The inspectorate&rsquo;s ratings of each probation delivery unit (PDU), from the
            letter&rsquo;s Annexe two.
          </p>
          <LoadLetterLink inspectionId={inspection.data.id} />
          {inspection.data.inspectedPdus.map((inspected) => (
            <PduRatings key={inspected.pdu.id} inspected={inspected} />
          ))}

          <h2 className="govuk-heading-l">Recommendations</h2>
          <ImportLink inspectionId={inspection.data.id} />
          {!recommendations.isSuccess ? (
            <QueryState queries={[recommendations]} what="recommendations" section />
          ) : null}
          {recommendations.isSuccess && recommendations.data.length === 0 ? (
            <p className="govuk-body">No recommendations have been loaded yet.</p>
          ) : null}
          {recommendations.isSuccess && recommendations.data.length > 0 ? (
            <>
              <p className="govuk-body">
                {recommendations.data.length} recommendations from the letter&rsquo;s Annexe one, by
                the PDU report they come from and who should act on them.
              </p>
              <RecommendationGroups
                inspection={inspection.data}
                recommendations={recommendations.data}
              />
            </>
          ) : null}
        </div>
      </div>
    </>
  );
}

function InspectionDetails({ inspection }: { inspection: Inspection }) {
  const plans = useInspectionActionPlans(inspection.id);
  const rows: SummaryListRow[] = [
    { key: 'Kind', value: inspectionKindNames[inspection.kind] },
    { key: 'Letter date', value: formatDate(inspection.letterDate) },
    {
      key: 'Overall rating',
      value: inspection.overallRating ? (
        <Tag label={ratingTags[inspection.overallRating]} />
      ) : (
        notGiven
      ),
    },
    {
      key: 'Report published',
      value: inspection.publishedOn ? formatDate(inspection.publishedOn) : notGiven,
    },
    { key: 'From', value: inspection.author },
    { key: 'To', value: inspection.addressee },
    {
      key: 'Plan reviewed by',
      value: inspection.reviewer?.name ?? 'HM Inspectorate of Probation',
    },
  ];
  // The plan's status is extra context: when it cannot be read (for example before sign-in
  // is required for it) the row is left out rather than failing the page.
  const plan = plans.data?.items[0];
  if (plan) {
    rows.push({
      key: 'Action plan',
      value: (
        <>
          <Tag label={planStatusTags[plan.status]} />
          <ul className="govuk-list govuk-!-margin-top-2 govuk-!-margin-bottom-0">
            <li>
              <Link className="govuk-link" to={paths.plan(plan.id)}>
                View the action plan
              </Link>
            </li>
            <li>
              <Link className="govuk-link" to={paths.dashboard(plan.id)}>
                View the dashboard
              </Link>
            </li>
          </ul>
        </>
      ),
    });
  }
  return <SummaryList rows={rows} />;
}

/** Administrators load an inspection's recommendations from a spreadsheet. */
function ImportLink({ inspectionId }: { inspectionId: string }) {
  const me = useMe();
  if (!me.data || !canLoadInspections(me.data.role)) return null;
  return (
    <Link
      className="govuk-button govuk-button--secondary"
      data-module="govuk-button"
      to={paths.importRecommendations(inspectionId)}
    >
      Import recommendations
    </Link>
  );
}

/** Administrators load the letter's ratings, fieldwork months and baselines from the template. */
function LoadLetterLink({ inspectionId }: { inspectionId: string }) {
  const me = useMe();
  if (!me.data || !canLoadInspections(me.data.role)) return null;
  return (
    <Link
      className="govuk-button govuk-button--secondary"
      data-module="govuk-button"
      to={paths.importLetter(inspectionId)}
    >
      Load ratings and outcome measures
    </Link>
  );
}
