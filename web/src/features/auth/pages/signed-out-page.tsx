import { Link, useSearchParams } from 'react-router';

import { ContentPage } from '../../../components/content-page';
import { paths } from '../../../lib/paths';
import { idleMinutes } from '../../../lib/session-activity';

/** Where signing out leads, and where a session that ran out leads (`?reason=expired`). */
export function SignedOutPage() {
  const [searchParams] = useSearchParams();
  const expired = searchParams.get('reason') === 'expired';
  const title = expired ? 'You have been signed out' : 'You have signed out';
  const minutes = idleMinutes() ?? 30;

  return (
    <ContentPage title={title}>
      {expired ? (
        <>
          <p className="govuk-body">
            For your security, we signed you out because you had not done anything for{' '}
            {minutes === 1 ? '1 minute' : `${minutes} minutes`}.
          </p>
          <p className="govuk-body">Anything you had not saved has not been kept.</p>
        </>
      ) : (
        <p className="govuk-body">You need to sign in again to use the service.</p>
      )}
      <p className="govuk-body">
        <Link className="govuk-link" to={paths.signIn()}>
          Sign in
        </Link>
      </p>
    </ContentPage>
  );
}
