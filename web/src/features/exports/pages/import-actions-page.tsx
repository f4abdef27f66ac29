import type { ActionPlan, ImportReport } from '@tracker/shared';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';

import { BackLink } from '../../../components/back-link';
import { ErrorSummary } from '../../../components/error-summary';
import { FileUpload } from '../../../components/form-fields';
import { QueryState } from '../../../components/query-state';
import { isApiError } from '../../../lib/api-client';
import { plural } from '../../../lib/format';
import { apiErrors, useFormErrors } from '../../../lib/form-errors';
import { paths } from '../../../lib/paths';
import { usePageTitle } from '../../../lib/use-page-title';
import { exportUrl, importFileAccept, importMaxBytes, useImportActions } from '../api';
import {
  ReportCounts,
  ReportRows,
  changeCount,
  reportErrorItems,
} from '../components/import-report';
import { ImportSuccess } from '../components/import-success';
import { usePlan } from '../../../lib/queries/plans';

const pageTitle = 'Import actions from a spreadsheet';
const fieldOrder = [{ name: 'file' }];

export function ImportActionsPage() {
  const { planId = '' } = useParams();
  const plan = usePlan(planId);
  usePageTitle(plan.data ? pageTitle : undefined);

  if (!plan.isSuccess) return <QueryState queries={[plan]} what="action plan" />;
  if (!plan.data.allowed.importActions) return <CannotImport plan={plan.data} />;
  return <ImportActions plan={plan.data} />;
}

function CannotImport({ plan }: { plan: ActionPlan }) {
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">You cannot import actions into this plan</h1>
        <p className="govuk-body">
          The region&rsquo;s lead, its heads of operations and the national lead change its actions.
        </p>
        <p className="govuk-body">
          <Link className="govuk-link" to={paths.plan(plan.id)}>
            Back to the {plan.region.name} action plan
          </Link>
        </p>
      </div>
    </div>
  );
}

/** A dry run's report and the file it read: applying sends that same file again. */
interface CheckedFile {
  file: File;
  report: ImportReport;
}

/** What is wrong with the chosen file before it is sent, if anything. */
function fileProblem(file: File | null): string | null {
  if (!file) return 'Select an Excel or CSV file';
  if (!/\.(xlsx|csv)$/i.test(file.name))
    return 'The selected file must be an Excel (.xlsx) or CSV file';
  if (file.size === 0) return 'The selected file is empty';
  if (file.size > importMaxBytes) return 'The selected file must be smaller than 5 MB';
  return null;
}

/** The API's refusal of a file (not in the layout, unreadable, too large) in words. */
function refusalOf(error: unknown): { file?: string; other: string[] } {
  if (isApiError(error) && error.status === 413)
    return { file: 'The selected file must be smaller than 5 MB', other: [] };
  const { fields, other } = apiErrors(error, { file: 'The selected file' });
  return { file: fields.file, other };
}

function ImportActions({ plan }: { plan: ActionPlan }) {
  const importer = useImportActions(plan.id);
  const [file, setFile] = useState<File | null>(null);
  const [resetKey, setResetKey] = useState(0);
  const [checked, setChecked] = useState<CheckedFile | null>(null);
  const [imported, setImported] = useState<ImportReport | null>(null);
  const errors = useFormErrors(fieldOrder);
  usePageTitle(pageTitle, errors.items.length > 0);

  /** Shows a report: its row and column errors go to the error summary. */
  const show = (report: ImportReport, from: File) => {
    setChecked({ file: from, report });
    if (report.errors.length > 0) errors.fail({}, reportErrorItems(report));
    else errors.clear();
  };
  const refused = (error: unknown) => {
    const refusal = refusalOf(error);
    errors.fail({ file: refusal.file }, refusal.other);
    setChecked(null);
  };

  const check = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (importer.isPending) return;
    setImported(null);
    const problem = fileProblem(file);
    if (problem || !file) {
      errors.fail({ file: problem ?? undefined });
      setChecked(null);
      return;
    }
    try {
      show(await importer.mutateAsync({ file, mode: 'dry-run' }), file);
    } catch (error) {
      refused(error);
    }
  };

  const apply = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (importer.isPending || !checked) return;
    try {
      const report = await importer.mutateAsync({ file: checked.file, mode: 'apply' });
      // Not applied: something changed since the check, and the new report says what.
      if (!report.applied) return show(report, checked.file);
      errors.clear();
      setImported(report);
      setChecked(null);
      setFile(null);
      setResetKey((key) => key + 1);
    } catch (error) {
      refused(error);
    }
  };

  return (
    <>
      <BackLink to={paths.plan(plan.id)}>Back to the action plan</BackLink>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          {errors.items.length > 0 ? (
            <ErrorSummary key={errors.attempt} items={errors.items} />
          ) : null}
          {imported ? <ImportSuccess report={imported} planId={plan.id} /> : null}
          <span className="govuk-caption-l">{plan.region.name} action plan</span>
          <h1 className="govuk-heading-l">{pageTitle}</h1>
          <ImportGuidance plan={plan} />
          <form noValidate onSubmit={(event) => void check(event)}>
            <FileUpload
              id="file"
              label="Upload the edited file"
              hint="An Excel (.xlsx) or CSV file in the layout of the plan’s export, up to 5 MB."
              accept={importFileAccept}
              onChange={(chosen) => {
                setFile(chosen);
                // A report, and its errors, belong to the file it read.
                setChecked(null);
                errors.clear();
              }}
              error={errors.fields.file}
              resetKey={resetKey}
            />
            <button
              type="submit"
              // Once a report offers the import, that is the page's main button.
              className={checked ? 'govuk-button govuk-button--secondary' : 'govuk-button'}
              data-module="govuk-button"
              disabled={importer.isPending}
              aria-disabled={importer.isPending || undefined}
            >
              Check the file
            </button>
          </form>
        </div>
      </div>
      {checked ? (
        <CheckResult
          checked={checked}
          busy={importer.isPending}
          onApply={(event) => void apply(event)}
        />
      ) : null}
    </>
  );
}

function ImportGuidance({ plan }: { plan: ActionPlan }) {
  return (
    <>
      <p className="govuk-body">
        You can change the plan&rsquo;s actions in a spreadsheet and bring the changes back here.
      </p>
      <ol className="govuk-list govuk-list--number">
        <li>
          Export the plan{' '}
          <a className="govuk-link" href={exportUrl(plan.id, 'xlsx')} download>
            as Excel (.xlsx)
          </a>{' '}
          or{' '}
          <a className="govuk-link" href={exportUrl(plan.id, 'csv')} download>
            as CSV (.csv)
          </a>
          .
        </li>
        <li>Edit it, keeping the column headings as they are.</li>
        <li>
          Import it back below. Check the file first: you see what it would change, and nothing
          changes until you import it.
        </li>
      </ol>
      <h2 className="govuk-heading-m">Editing the file</h2>
      <ul className="govuk-list govuk-list--bullet">
        <li>
          To change an action, change its cells under Action, Description, Owning unit, Owner, Start
          date, Due date, Status, Percent complete or Success measure. The other columns are there
          to read and are not imported.
        </li>
        <li>
          To add an action, add a row with the Source PDU and Recommendation number of its
          recommendation, and leave Action ID empty.
        </li>
        <li>A due date change needs a reason in &lsquo;Due date change reason&rsquo;.</li>
        <li>
          Write dates as 2026-09-30 or 30/09/2026, and owners and units by their names in the
          service.
        </li>
        <li>
          If someone changes an action after you export the file, its row is refused: export the
          plan again.
        </li>
        <li>You can change only the actions you could change in the service.</li>
      </ul>
    </>
  );
}

function checkSummary(report: ImportReport): string {
  if (report.errors.length > 0)
    return `${plural(report.errors.length, 'error')} to put right. Correct the file, save it and check it again: nothing is imported until every row can be.`;
  const changes = changeCount(report);
  return changes > 0
    ? `Nothing has changed yet: the plan changes when you select “Import ${plural(changes, 'change')}”.`
    : 'The file changes nothing in the plan.';
}

/** The dry run's report: counts, the rows, and the way to import when nothing is wrong. */
function CheckResult({
  checked,
  busy,
  onApply,
}: {
  checked: CheckedFile;
  busy: boolean;
  onApply: (event: FormEvent<HTMLFormElement>) => void;
}) {
  const { report, file } = checked;
  const headingRef = useRef<HTMLHeadingElement>(null);
  const failed = report.errors.length > 0;
  const changes = changeCount(report);
  useEffect(() => {
    // With errors the error summary takes focus; otherwise the new report's heading does.
    if (report.errors.length === 0) headingRef.current?.focus();
  }, [report]);
  return (
    <section aria-labelledby="report-heading" data-testid="import-check">
      <h2 className="govuk-heading-l" id="report-heading" ref={headingRef} tabIndex={-1}>
        {failed ? `${file.name} cannot be imported` : `What ${file.name} will change`}
      </h2>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <p className="govuk-body">{checkSummary(report)}</p>
          <ReportCounts report={report} />
        </div>
      </div>
      <ReportRows report={report} />
      {!failed && changes > 0 ? (
        <form noValidate onSubmit={onApply}>
          <button
            type="submit"
            className="govuk-button"
            data-module="govuk-button"
            disabled={busy}
            aria-disabled={busy || undefined}
          >
            Import {plural(changes, 'change')}
          </button>
        </form>
      ) : null}
    </section>
  );
}
