import { useId, type ReactNode } from 'react';

import { exportUrl, type ExportFormat } from '../api';

interface FormatLink {
  format: ExportFormat;
  text: string;
  hint: string;
}

const formatLinks: FormatLink[] = [
  {
    format: 'docx',
    text: 'Download as Word (.docx)',
    hint: 'The formal document: a table for each PDU with the responses, actions, owners, dates and evidence.',
  },
  {
    format: 'xlsx',
    text: 'Download as Excel (.xlsx)',
    hint: 'One row for each action, with filters. You can edit it and import it back.',
  },
  {
    format: 'csv',
    text: 'Download as CSV (.csv)',
    hint: 'The same rows as the Excel file, as plain text (UTF-8).',
  },
];

/**
 * Links to the plan as Word, Excel and CSV: the live plan, or the submitted version given.
 * Plain download links: the session cookie goes along and the server names the file. Left
 * off paper, where a download link is of no use.
 */
export function PlanDownloads({
  planId,
  version,
  children,
}: {
  planId: string;
  version?: number;
  /** More to say under the links, such as where to import an edited file. */
  children?: ReactNode;
}) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="govuk-!-display-none-print">
      <h2 className="govuk-heading-m" id={headingId}>
        {version === undefined ? 'Download the plan' : 'Download this version'}
      </h2>
      <p className="govuk-body">
        {version === undefined
          ? 'The plan as it stands today. Each file is small, usually under 100 KB.'
          : `Version ${version} as it was submitted. Each file is small, usually under 100 KB.`}
      </p>
      <ul className="govuk-list govuk-list--spaced">
        {formatLinks.map((link) => (
          <li key={link.format}>
            <a className="govuk-link" href={exportUrl(planId, link.format, version)} download>
              {link.text}
            </a>
            <span className="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0">
              {link.hint}
            </span>
          </li>
        ))}
      </ul>
      {children}
    </section>
  );
}
