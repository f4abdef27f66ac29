import { SkipLink as GovukSkipLink } from 'govuk-frontend';
import { useRef } from 'react';

import { useGovukComponent } from '../../lib/use-govuk-component';

/**
 * The first focusable element on every page. A plain fragment link (not a router link), so
 * the browser moves focus; govuk-frontend's script makes <main> focusable for it.
 */
export function SkipLink() {
  const ref = useRef<HTMLAnchorElement>(null);
  useGovukComponent(ref, GovukSkipLink);
  return (
    <a ref={ref} href="#main-content" className="govuk-skip-link" data-module="govuk-skip-link">
      Skip to main content
    </a>
  );
}
