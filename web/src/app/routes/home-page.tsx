import type { Inspection } from '@tracker/shared';
import { Link } from 'react-router';

import { QueryState } from '../../components/query-state';
import { SummaryList } from '../../components/summary-list';
import { formatDate } from '../../lib/dates';
import { inspectionKindNames } from '../../lib/labels';
import { paths } from '../../lib/paths';
import { usePageTitle } from '../../lib/use-page-title';
import { useInspections } from '../../features/inspections/api';
import { canLoadInspections } from '../../features/inspections/permissions';
import { useMe } from '../../lib/queries/me';
import { NextSteps } from '../../features/next-steps/components/next-steps';

const pageTitle = 'Inspections';

export function HomePage() {
  const inspections = useInspections();
  const me = useMe();
  usePageTitle(inspections.isError ? undefined : pageTitle);

  if (!inspections.isSuccess) {
    return <QueryState queries={[inspections]} what="inspections" />;
  }

  const items = inspections.data.items;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">{pageTitle}</h1>
        <p className="govuk-body-l">
          The recommendations made to probation services, by HM Inspectorate of Probation and by
          HMPPS&rsquo;s own reviews, and the action plans that answer them.
        </p>
        <NextSteps />
        {me.data && canLoadInspections(me.data.role) ? (
          <Link className="govuk-button" data-module="govuk-button" to={paths.newInspection}>
            Add an inspection
          </Link>
        ) : null}
        {items.length === 0 ? (
          <p className="govuk-body">There are no inspections yet.</p>
        ) : (
          <ul className="govuk-list" aria-label="Inspections">
            {items.map((inspection) => (
              <InspectionSummary key={inspection.id} inspection={inspection} />
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}

function InspectionSummary({ inspection }: { inspection: Inspection }) {
  return (
    <li data-testid="inspection">
      <h2 className="govuk-heading-m">
        <Link className="govuk-link" to={paths.inspection(inspection.id)}>
          {inspection.title}
        </Link>
      </h2>
      <SummaryList
        rows={[
          { key: 'Region', value: inspection.region.name },
          { key: 'Kind', value: inspectionKindNames[inspection.kind] },
          { key: 'Letter date', value: formatDate(inspection.letterDate) },
          {
            key: 'Probation delivery units inspected',
            value: inspection.inspectedPdus.map((inspected) => inspected.pdu.name).join(', '),
          },
          { key: 'Recommendations', value: String(inspection.recommendationCount) },
        ]}
      />
    </li>
  );
}
