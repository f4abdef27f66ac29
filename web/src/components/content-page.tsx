import type { ReactNode } from 'react';

import { usePageTitle } from '../lib/use-page-title';

/**
 * A page of prose: one h1 (also the document's title), the text in the two-thirds column GOV.UK
 * uses for reading. For static pages and for the short pages that say why something cannot be
 * done here.
 */
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
