import {
  type ImportReport,
  type Inspection,
  frameworkStandards,
  isInspectorateKind,
  measureDirectionNames,
  ratingNames,
} from '@tracker/shared';
import type { Ref } from 'react';
import { Link, useParams } from 'react-router';

import { BackLink } from '../../../components/back-link';
import { ErrorSummary } from '../../../components/error-summary';
import { ImportReportTable, type ImportedThing } from '../../../components/import-report';
import { NotificationBanner } from '../../../components/notification-banner';
import { QueryState } from '../../../components/query-state';
import { SpreadsheetFileForm } from '../../../components/spreadsheet-file-form';
import { useSpreadsheetImport } from '../../../components/use-spreadsheet-import';
import { paths } from '../../../lib/paths';
import { useInspection } from '../../../lib/queries/inspections';
import { usePageTitle } from '../../../lib/use-page-title';
import { letterTemplateHref, useImportLetter } from '../api';

const pageTitle = 'Load ratings and outcome measures';
const letterThing: ImportedThing = {
  one: 'row',
  many: 'rows',
  detailColumn: 'Baseline source',
  header: 'What it loads',
};
const ratings = Object.values(ratingNames).join(', ');

/** An administrator loads the rest of the letter from the template: check, then apply. */
export function ImportLetterPage() {
  const { inspectionId = '' } = useParams();
  const inspection = useInspection(inspectionId);
  usePageTitle(inspection.isPending ? pageTitle : undefined);
  if (!inspection.isSuccess) return <QueryState queries={[inspection]} what="inspection" />;
  return <ImportForm inspection={inspection.data} />;
}

function ImportForm({ inspection }: { inspection: Inspection }) {
  const importLetter = useImportLetter(inspection.id);
  const { report, errors, reportHeading, fileField, check, apply } = useSpreadsheetImport(
    (file, mode) => importLetter.mutateAsync({ file, mode }),
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
          {report?.applied ? (
            <NotificationBanner type="success" heading="The letter’s details are loaded">
              <p className="govuk-body">
                <Link
                  className="govuk-notification-banner__link"
                  to={paths.inspection(inspection.id)}
                >
                  View {inspection.title}
                </Link>
              </p>
            </NotificationBanner>
          ) : null}
          <span className="govuk-caption-l">{inspection.title}</span>
          <h1 className="govuk-heading-l">{pageTitle}</h1>
          <p className="govuk-body">
            Load the rest of the letter from one Excel workbook: its overall rating and publication
            date, each PDU&rsquo;s fieldwork month and ratings, and the outcome measures&rsquo;
            baselines. Check the file first: nothing is loaded until you confirm, and then all of it
            is loaded or none. Loading the same file again changes nothing.
          </p>
          <p className="govuk-body">
            <a className="govuk-link" href={letterTemplateHref(inspection.id)} download>
              Download the template (Excel, .xlsx)
            </a>
          </p>
          <TemplateLayout inspection={inspection} />
          <SpreadsheetFileForm
            label="Upload the filled template"
            hint="The template filled in: an Excel workbook (.xlsx), smaller than 5 MB."
            accepts=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            check={check}
            fileField={fileField}
          />
        </div>
      </div>
      {report ? <CheckedFile report={report} headingRef={reportHeading} onApply={apply} /> : null}
    </>
  );
}

function CheckedFile({
  report,
  headingRef,
  onApply,
}: {
  report: ImportReport;
  headingRef: Ref<HTMLHeadingElement>;
  onApply: () => Promise<void>;
}) {
  const changes = report.counts.create + report.counts.update;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-full">
        <ImportReportTable report={report} thing={letterThing} headingRef={headingRef} />
        {report.applied ? null : report.errors.length > 0 ? (
          <p className="govuk-body">
            Nothing has been loaded. Correct the rows named above in the workbook, then check the
            file again.
          </p>
        ) : changes === 0 ? (
          <p className="govuk-body">Everything in the file is already loaded.</p>
        ) : (
          <button
            type="button"
            className="govuk-button"
            data-module="govuk-button"
            onClick={() => void onApply()}
          >
            Load {changes} {changes === 1 ? 'change' : 'changes'}
          </button>
        )}
      </div>
    </div>
  );
}

/** The sheets and their columns, as the server reads them. */
function TemplateLayout({ inspection }: { inspection: Inspection }) {
  const rated = isInspectorateKind(inspection.kind);
  const codes = frameworkStandards.map(([code]) => code);
  const sheets: [string, string, [string, string][]][] = [
    [
      'Letter',
      'One row.',
      [
        [
          'Overall rating',
          rated
            ? `${ratings}; blank where the letter gives none.`
            : 'Blank: HMPPS reviews give none.',
        ],
        ['Publication date', 'When the report was published, for example 2024-03-01.'],
      ],
    ],
    [
      'PDU ratings',
      `One row per PDU of ${inspection.region.name}; a PDU left out loses its ratings.`,
      [
        ['PDU', 'Its name or code.'],
        ['Fieldwork start month', 'For example 2023-10.'],
        ['Overall rating', `${ratings}, or blank.`],
        ['Score achieved, Score max', 'For example 10 and 24 for “10/24”.'],
        [`${codes[0]} to ${codes.at(-1)}`, 'One column per framework standard: a rating or blank.'],
      ],
    ],
    [
      'Outcome measures',
      'One row per measure, named by its recommendation and name.',
      [
        ['Source PDU, Recommendation number', 'The recommendation it evidences.'],
        ['Name, Unit', 'What is measured, and in what: per cent, cases, weeks.'],
        ['Direction', Object.values(measureDirectionNames).join(' or ') + '.'],
        [
          'Baseline value, numerator, denominator',
          '“Five out of 15” is numerator 5 and denominator 15, unit per cent: the value (33.3) is worked out.',
        ],
        ['Baseline period, date, source', 'In the letter’s words; the date is optional.'],
        ['Target value, Target date', 'Optional.'],
      ],
    ],
  ];
  return (
    <>
      {sheets.map(([sheet, about, columns]) => (
        <div key={sheet}>
          <h2 className="govuk-heading-s govuk-!-margin-bottom-1">Sheet &ldquo;{sheet}&rdquo;</h2>
          <p className="govuk-body-s">{about} A sheet left out is left as it is.</p>
          <dl className="govuk-summary-list govuk-summary-list--no-border">
            {columns.map(([heading, meaning]) => (
              <div className="govuk-summary-list__row" key={heading}>
                <dt className="govuk-summary-list__key">{heading}</dt>
                <dd className="govuk-summary-list__value">{meaning}</dd>
              </div>
            ))}
          </dl>
        </div>
      ))}
    </>
  );
}
