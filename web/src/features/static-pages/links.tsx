import type { ReactNode } from 'react';

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
