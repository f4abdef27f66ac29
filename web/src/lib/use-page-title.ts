import { useEffect } from 'react';

export const serviceName = 'Inspection action plans';

/**
 * Sets the document title in the GOV.UK pattern "Page - Service - GOV.UK", so each page
 * of the single-page app is announced and listed in history by its own name.
 */
export function usePageTitle(pageTitle: string | undefined, hasError = false): void {
  useEffect(() => {
    if (!pageTitle) return;
    document.title = `${hasError ? 'Error: ' : ''}${pageTitle} - ${serviceName} - GOV.UK`;
  }, [pageTitle, hasError]);
}
