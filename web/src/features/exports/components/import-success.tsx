import type { ImportReport, ImportRowReport } from '@tracker/shared';
import { useEffect, useRef } from 'react';
import { Link } from 'react-router';

import { NotificationBanner } from '../../../components/notification-banner';
import { plural } from '../../../lib/format';
import { paths } from '../../../lib/paths';
import { changeCount } from './import-report';

function ActionLinks({ rows }: { rows: ImportRowReport[] }) {
  return (
    <ul className="govuk-list govuk-list--bullet">
      {rows.map((row) => (
        <li key={row.row}>
          {row.subjectId ? (
            <Link className="govuk-notification-banner__link" to={paths.action(row.subjectId)}>
              {row.label ?? `The action on row ${row.row}`}
            </Link>
          ) : (
            row.label
          )}
          {row.changes.length > 0
            ? ` (${row.changes.map((change) => change.column.toLowerCase()).join(', ')})`
            : null}
        </li>
      ))}
    </ul>
  );
}

/** As govuk-frontend focuses a success banner on page load: focusable only until left. */
function focusBanner(wrapper: HTMLElement | null) {
  const banner = wrapper?.querySelector<HTMLElement>('.govuk-notification-banner');
  if (!banner) return;
  banner.setAttribute('tabindex', '-1');
  banner.addEventListener('blur', () => banner.removeAttribute('tabindex'), { once: true });
  banner.focus();
}

/**
 * What an applied import did: the actions added and changed, each linking to its page, and
 * the way back to the plan. It takes focus, so the news is where the person is.
 */
export function ImportSuccess({ report, planId }: { report: ImportReport; planId: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => focusBanner(ref.current), [report]);
  const created = report.rows.filter((row) => row.outcome === 'create');
  const updated = report.rows.filter((row) => row.outcome === 'update');
  return (
    <div ref={ref} data-testid="import-success">
      <NotificationBanner
        type="success"
        heading={`Imported ${plural(changeCount(report), 'change')} into the action plan`}
      >
        {created.length > 0 ? (
          <>
            <p className="govuk-body govuk-!-margin-bottom-1">
              Added {plural(created.length, 'action')}:
            </p>
            <ActionLinks rows={created} />
          </>
        ) : null}
        {updated.length > 0 ? (
          <>
            <p className="govuk-body govuk-!-margin-bottom-1">
              Changed {plural(updated.length, 'action')}:
            </p>
            <ActionLinks rows={updated} />
          </>
        ) : null}
        <p className="govuk-body">
          <Link className="govuk-notification-banner__link" to={paths.plan(planId)}>
            Back to the action plan
          </Link>
        </p>
      </NotificationBanner>
    </div>
  );
}
