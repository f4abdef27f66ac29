import { useQueryClient } from '@tanstack/react-query';
import type { Role } from '@tracker/shared';
import { useEffect } from 'react';
import { Link, Navigate, Outlet, useLocation, useNavigate } from 'react-router';

import { ContentPage } from '../../../components/content-page';
import { Loading } from '../../../components/loading';
import { QueryState } from '../../../components/query-state';
import { isApiError } from '../../../lib/api-client';
import { paths } from '../../../lib/paths';
import { onSignedOut } from '../../../lib/session-activity';
import { SessionTimeoutWarning } from './session-timeout-warning';
import { useMe } from '../../../lib/queries/me';

function currentAddress(): string {
  return `${window.location.pathname}${window.location.search}${window.location.hash}`;
}

/**
 * The route guard for every page that needs a signed-in person. While it asks the API who is
 * signed in it says so; when nobody is, it sends the person to sign in and keeps where they
 * were going. Any later 401 from any API call (the session ended) does the same.
 */
export function RequireSignIn() {
  const me = useMe();
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();

  useEffect(
    () =>
      onSignedOut((reason) => {
        const target = reason === 'elsewhere' ? paths.signedOut() : paths.signIn(currentAddress());
        navigate(target, { replace: true });
        // Nothing read while signed in may outlive the session.
        queryClient.removeQueries();
      }),
    [navigate, queryClient],
  );

  if (me.isError && isApiError(me.error) && me.error.status === 401) {
    const here = `${location.pathname}${location.search}${location.hash}`;
    return <Navigate to={paths.signIn(here)} replace />;
  }
  if (!me.isSuccess) return <QueryState queries={[me]} what="page" />;
  return (
    <>
      <SessionTimeoutWarning />
      <Outlet />
    </>
  );
}

/** Inside RequireSignIn: shows the page only to the roles `allow` accepts. */
export function RequireRole({ allow }: { allow: (role: Role) => boolean }) {
  const me = useMe();
  if (!me.data) return <Loading />;
  return allow(me.data.role) ? <Outlet /> : <NoAccess />;
}

function NoAccess() {
  return (
    <ContentPage title="You do not have access to this page">
      <p className="govuk-body">
        Your role does not let you use this part of the service. If you think it should, ask an
        administrator.
      </p>
      <p className="govuk-body">
        <Link className="govuk-link" to={paths.home}>
          Go to the list of inspections
        </Link>
      </p>
    </ContentPage>
  );
}
