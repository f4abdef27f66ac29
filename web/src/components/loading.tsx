/**
 * A plain-text loading message. GOV.UK has no spinner; a live region lets screen reader
 * users know the page is still fetching.
 */
export function Loading({ what = 'page' }: { what?: string }) {
  return (
    <p className="govuk-body" role="status">
      Loading {what}…
    </p>
  );
}
