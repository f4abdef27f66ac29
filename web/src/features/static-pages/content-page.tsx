import type { ReactNode } from 'react';

import { usePageTitle } from '../../lib/use-page-title';

/** A page of prose: one h1, the text in the two-thirds column GOV.UK uses for reading. */
export function ContentPage({ title, children }: { title: string; children: ReactNode }) {
  usePageTitle(title);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">{title}</h1>
        {children}
      </div>
    </div>
  );
}

/** A link that leaves the service; it names where it goes in its own words. */
export function ExternalLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <a className="govuk-link" href={href} rel="noreferrer noopener">
      {children}
    </a>
  );
}

/** The service's contact address until it has a support team of its own. */
export const supportEmail = 'feedback@hmpps.example';

export function SupportEmailLink() {
  return (
    <a className="govuk-link" href={`mailto:${supportEmail}`}>
      {supportEmail}
    </a>
  );
}
