import { Link } from 'react-router';

/** A GOV.UK back link to a known page (not browser history, which may lead off-site). */
export function BackLink({ to, children = 'Back' }: { to: string; children?: string }) {
  return (
    <Link to={to} className="govuk-back-link">
      {children}
    </Link>
  );
}
