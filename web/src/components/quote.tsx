import type { ReactNode } from 'react';

/**
 * Words quoted verbatim from a source, shown as GOV.UK inset text. It follows a short
 * "The letter says:" line, so it sits closer to it than inset text normally would.
 */
export function Quote({ children }: { children: ReactNode }) {
  return (
    <blockquote className="govuk-inset-text app-quote govuk-!-margin-top-2">{children}</blockquote>
  );
}
