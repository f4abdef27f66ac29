import { Link } from 'react-router';

import { BackLink } from '../../../components/back-link';
import { ErrorSummary } from '../../../components/error-summary';
import { ImportReportTable, type ImportedThing } from '../../../components/import-report';
import { NotificationBanner } from '../../../components/notification-banner';
import { SpreadsheetFileForm } from '../../../components/spreadsheet-file-form';
import { SummaryList } from '../../../components/summary-list';
import { paths } from '../../../lib/paths';
import { usePageTitle } from '../../../lib/use-page-title';
import { useSpreadsheetImport } from '../../../components/use-spreadsheet-import';
import { useImportUnits } from '../api';

const pageTitle = 'Load units from a spreadsheet';
const unitsThing: ImportedThing = {
  one: 'unit',
  many: 'units',
  detailColumn: 'Type',
  header: 'Unit',
};

/** The columns the file needs, as the server reads them. */
const fileLayout = [
  { key: 'Type', value: 'Region or PDU.' },
  { key: 'Name', value: 'The unit’s name, for example Bolton and Bury.' },
  {
    key: 'Code',
    value:
      'A short key that never changes: lower-case letters and digits joined by hyphens, for example bolton-and-bury.',
  },
  {
    key: 'Region',
    value:
      'For a PDU, its region’s name or code: a region already here, or one on an earlier row. Left blank for a region.',
  },
];

/**
 * Adds many regions and PDUs at once (a new installation, or a reorganisation): the file is
 * checked first, and then every row is added or none is.
 */
export function ImportUnitsPage() {
  const importUnits = useImportUnits();
  const { report, errors, reportHeading, fileField, check, apply } = useSpreadsheetImport(
    (file, mode) => importUnits.mutateAsync({ file, mode }),
  );
  usePageTitle(pageTitle, errors.items.length > 0);
  const toAdd = report?.counts.create ?? 0;

  return (
    <>
      <BackLink to={paths.orgUnits}>Back to organisation units</BackLink>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          {errors.items.length > 0 ? (
            <ErrorSummary key={errors.attempt} items={errors.items} />
          ) : null}
          {report?.applied ? (
            <NotificationBanner
              type="success"
              heading={`${toAdd} ${toAdd === 1 ? 'unit' : 'units'} added`}
            >
              <p className="govuk-body">
                <Link className="govuk-notification-banner__link" to={paths.orgUnits}>
                  View organisation units
                </Link>
              </p>
            </NotificationBanner>
          ) : null}
          <h1 className="govuk-heading-l">{pageTitle}</h1>
          <p className="govuk-body">
            Check the file first: nothing is added until you confirm, and then every row is added or
            none is. A unit already here with the same name and region is left as it is, so the same
            file can be loaded again. A spreadsheet only adds units: rename, move or retire them on
            the units page. The first row holds these column headings:
          </p>
          <SummaryList rows={fileLayout} className="govuk-summary-list--no-border" />
          <SpreadsheetFileForm
            label="Upload a spreadsheet of units"
            check={check}
            fileField={fileField}
          />
        </div>
      </div>
      {report ? (
        <>
          <ImportReportTable report={report} thing={unitsThing} headingRef={reportHeading} />
          {report.applied ? null : report.errors.length > 0 ? (
            <p className="govuk-body">
              Nothing has been added. Correct the rows in the spreadsheet, then check the file
              again.
            </p>
          ) : toAdd === 0 ? (
            <p className="govuk-body">Every unit in the file is already here.</p>
          ) : (
            <button
              type="button"
              className="govuk-button"
              data-module="govuk-button"
              onClick={() => void apply()}
            >
              Add {toAdd} {toAdd === 1 ? 'unit' : 'units'}
            </button>
          )}
        </>
      ) : null}
    </>
  );
}
