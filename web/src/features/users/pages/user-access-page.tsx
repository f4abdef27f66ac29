import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';

import { BackLink } from '../../../components/back-link';
import { ErrorSummary } from '../../../components/error-summary';
import { QueryState } from '../../../components/query-state';
import { SummaryList } from '../../../components/summary-list';
import { WarningText } from '../../../components/warning-text';
import { apiErrors } from '../../../lib/form-errors';
import { roleNames } from '../../../lib/labels';
import { paths } from '../../../lib/paths';
import { usePageTitle } from '../../../lib/use-page-title';
import { useSetUserAccess, useUser } from '../api';
import type { UserPageState } from './user-page';

/** The confirm step before an account is disabled or enabled again. */
export function UserAccessPage({ access }: { access: 'disable' | 'enable' }) {
  const { userId = '' } = useParams();
  const user = useUser(userId);
  const setAccess = useSetUserAccess(userId);
  const navigate = useNavigate();
  const [attempt, setAttempt] = useState(0);
  const title =
    access === 'disable'
      ? 'Are you sure you want to disable this account?'
      : 'Are you sure you want to enable this account?';
  const errors = setAccess.isError ? apiErrors(setAccess.error, {}).other : [];
  usePageTitle(user.isError ? undefined : title, errors.length > 0);

  if (!user.isSuccess) {
    return <QueryState queries={[user]} what="user" />;
  }
  const data = user.data;

  const confirm = async () => {
    if (setAccess.isPending) return;
    try {
      await setAccess.mutateAsync(access);
      const state: UserPageState = {
        notice:
          access === 'disable'
            ? `${data.name}’s account has been disabled`
            : `${data.name}’s account has been enabled`,
      };
      navigate(paths.user(data.id), { state, replace: true });
    } catch {
      setAttempt((count) => count + 1);
    }
  };

  return (
    <>
      <BackLink to={paths.user(data.id)}>{`Back to ${data.name}`}</BackLink>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          {errors.length > 0 ? (
            <ErrorSummary key={attempt} items={errors.map((text) => ({ text }))} />
          ) : null}
          <span className="govuk-caption-l">{data.name}</span>
          <h1 className="govuk-heading-l">{title}</h1>
          <SummaryList
            rows={[
              { key: 'Email address', value: data.email },
              { key: 'Role', value: roleNames[data.role] },
              { key: 'Unit', value: data.unit.name },
            ]}
          />
          {access === 'disable' ? (
            <>
              <p className="govuk-body">
                {data.name} will not be able to sign in, and will be signed out if they are using
                the service now. Nothing they have done is deleted.
              </p>
              <WarningText>
                Actions they own stay theirs until you give them to someone else. After you disable
                the account, their open actions are listed on their page so you can reassign them.
              </WarningText>
            </>
          ) : (
            <p className="govuk-body">
              {data.name} will be able to sign in again with their email address and password.
            </p>
          )}
          <div className="govuk-button-group">
            <button
              type="button"
              className={
                access === 'disable' ? 'govuk-button govuk-button--warning' : 'govuk-button'
              }
              data-module="govuk-button"
              onClick={() => void confirm()}
            >
              {access === 'disable' ? 'Disable account' : 'Enable account'}
            </button>
            <Link className="govuk-link" to={paths.user(data.id)}>
              Cancel
            </Link>
          </div>
        </div>
      </div>
    </>
  );
}
