import type { ImportReport, Inspection } from '@tracker/shared';
import type { Ref } from 'react';
import { Link, useLocation, useParams } from 'react-router';

import { BackLink } from '../../../components/back-link';
import { ErrorSummary } from '../../../components/error-summary';
import { QueryState } from '../../../components/query-state';
import { NotificationBanner } from '../../../components/notification-banner';
import { SpreadsheetFileForm } from '../../../components/spreadsheet-file-form';
import { paths } from '../../../lib/paths';
import { usePageTitle } from '../../../lib/use-page-title';
import { useImportRecommendations } from '../api';
import { ImportReportTable, type ImportedThing } from '../../../components/import-report';
import { useSpreadsheetImport } from '../../../components/use-spreadsheet-import';
import { useInspection } from '../../../lib/queries/inspections';

const pageTitle = 'Import recommendations';
const recommendationsThing: ImportedThing = {
  one: 'recommendation',
  many: 'recommendations',
  detailColumn: 'Recommendation',
};

/** Sent by the "Add an inspection" page when it brings the administrator here. */
export interface ImportNoticeState {
  notice?: string;
}

export function ImportRecommendationsPage() {
  const { inspectionId = '' } = useParams();
  const inspection = useInspection(inspectionId);
  usePageTitle(inspection.isPending ? pageTitle : undefined);
  if (!inspection.isSuccess) {
    return <QueryState queries={[inspection]} what="inspection" />;
  }
  return <ImportForm inspection={inspection.data} />;
}

function ImportForm({ inspection }: { inspection: Inspection }) {
  const { state } = useLocation() as { state: ImportNoticeState | null };
  const importRecommendations = useImportRecommendations(inspection.id);
  const { report, errors, reportHeading, fileField, check, apply } = useSpreadsheetImport(
    (file, mode) => importRecommendations.mutateAsync({ file, mode }),
  );
  usePageTitle(pageTitle, errors.items.length > 0);

  return (
    <>
      <BackLink to={paths.inspection(inspection.id)}>Back to the inspection</BackLink>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          {errors.items.length > 0 ? (
            <ErrorSummary key={errors.attempt} items={errors.items} />
          ) : null}
          {state?.notice && !report ? (
            <NotificationBanner type="success" heading={state.notice} />
          ) : null}
          {report?.applied ? <ImportedBanner report={report} inspection={inspection} /> : null}
          <span className="govuk-caption-l">{inspection.title}</span>
          <h1 className="govuk-heading-l">{pageTitle}</h1>
          <FileLayout regionName={inspection.region.name} />
          <SpreadsheetFileForm
            label="Upload a spreadsheet of recommendations"
            check={check}
            fileField={fileField}
          />
        </div>
      </div>
      {report ? <CheckedFile report={report} headingRef={reportHeading} onApply={apply} /> : null}
    </>
  );
}

function ImportedBanner({ report, inspection }: { report: ImportReport; inspection: Inspection }) {
  const added = report.counts.create;
  return (
    <NotificationBanner
      type="success"
      heading={`${added} ${added === 1 ? 'recommendation' : 'recommendations'} imported`}
    >
      <p className="govuk-body">
        <Link className="govuk-notification-banner__link" to={paths.inspection(inspection.id)}>
          View {inspection.title}
        </Link>
      </p>
    </NotificationBanner>
  );
}

/** The report, and the button that applies the file once it has no errors. */
function CheckedFile({
  report,
  headingRef,
  onApply,
}: {
  report: ImportReport;
  headingRef: Ref<HTMLHeadingElement>;
  onApply: () => Promise<void>;
}) {
  const toAdd = report.counts.create;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-full">
        <ImportReportTable report={report} thing={recommendationsThing} headingRef={headingRef} />
        {report.applied ? null : report.errors.length > 0 ? (
          <p className="govuk-body">
            Nothing has been imported. Correct the rows in the spreadsheet, then check the file
            again.
          </p>
        ) : toAdd === 0 ? (
          <p className="govuk-body">Every recommendation in the file is already loaded.</p>
        ) : (
          <button
            type="button"
            className="govuk-button"
            data-module="govuk-button"
            onClick={() => void onApply()}
          >
            Import {toAdd} {toAdd === 1 ? 'recommendation' : 'recommendations'}
          </button>
        )}
      </div>
    </div>
  );
}

/** The columns the file needs, as the server reads them. */
function FileLayout({ regionName }: { regionName: string }) {
  return (
    <>
      <p className="govuk-body">
        Check the file first: nothing is imported until you confirm, and then every row is imported
        or none is. The first row of the spreadsheet holds these column headings:
      </p>
      <dl className="govuk-summary-list govuk-summary-list--no-border">
        {[
          ['Source PDU', `The PDU whose report the recommendation comes from, in ${regionName}.`],
          ['Number', 'Its number in that PDU’s list.'],
          ['Recommendation', 'The text, exactly as in the letter.'],
          ['Owner level', 'PDU, Region or HMPPS.'],
          ['Owning unit', 'Optional: left blank, the PDU, the region or HMPPS, by owner level.'],
          ['Themes', 'Optional: for example, Risk of harm; Staffing (separated by semicolons).'],
        ].map(([heading, meaning]) => (
          <div className="govuk-summary-list__row" key={heading}>
            <dt className="govuk-summary-list__key">{heading}</dt>
            <dd className="govuk-summary-list__value">{meaning}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}
