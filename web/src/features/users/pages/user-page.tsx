import type { PasswordLink, User } from '@tracker/shared';
import { useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';

import { BackLink } from '../../../components/back-link';
import { ErrorSummary } from '../../../components/error-summary';
import { QueryState } from '../../../components/query-state';
import { NotificationBanner } from '../../../components/notification-banner';
import { SummaryList } from '../../../components/summary-list';
import { Tag } from '../../../components/tag';
import { formatDate, formatDateTime } from '../../../lib/dates';
import { apiErrors } from '../../../lib/form-errors';
import { roleNames, userStatusTags } from '../../../lib/labels';
import { paths } from '../../../lib/paths';
import { usePageTitle } from '../../../lib/use-page-title';
import { useResetPassword, useUser } from '../api';
import { OpenActions } from '../components/open-actions';
import { PasswordLinkDetails } from '../components/password-link-details';

/** What a page that changed this user says when it sends the administrator back here. */
export interface UserPageState {
  notice?: string;
}

export function UserPage() {
  const { userId = '' } = useParams();
  const user = useUser(userId);
  const location = useLocation();
  const notice = (location.state as UserPageState | null)?.notice;
  usePageTitle(user.data?.name);

  if (!user.isSuccess) {
    return <QueryState queries={[user]} what="user" />;
  }

  const data = user.data;
  return (
    <>
      <BackLink to={paths.users()}>Back to users</BackLink>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          {notice ? <NotificationBanner type="success" heading={notice} /> : null}
          <span className="govuk-caption-l">User</span>
          <h1 className="govuk-heading-l">{data.name}</h1>
          <UserDetails user={data} />
          <PasswordSection user={data} />
          <AccessSection user={data} />
          {data.status === 'disabled' ? <OpenActions user={data} /> : null}
        </div>
      </div>
    </>
  );
}

function UserDetails({ user }: { user: User }) {
  const edit = paths.editUser(user.id);
  return (
    <SummaryList
      rows={[
        {
          key: 'Name',
          value: user.name,
          action: { to: `${edit}#name`, visuallyHiddenText: 'name' },
        },
        { key: 'Email address', value: user.email },
        {
          key: 'Role',
          value: roleNames[user.role],
          action: { to: `${edit}#role`, visuallyHiddenText: 'role' },
        },
        {
          key: 'Unit',
          value: user.unit.name,
          action: { to: `${edit}#unitId`, visuallyHiddenText: 'unit' },
        },
        { key: 'Status', value: <Tag label={userStatusTags[user.status]} /> },
        { key: 'Added', value: formatDate(user.createdAt) },
      ]}
    />
  );
}

function PasswordSection({ user }: { user: User }) {
  const reset = useResetPassword(user.id);
  const [link, setLink] = useState<PasswordLink | null>(null);
  const [attempt, setAttempt] = useState(0);
  const errors = reset.isError ? apiErrors(reset.error, {}).other : [];

  const resetNow = async () => {
    if (reset.isPending) return;
    try {
      setLink(await reset.mutateAsync());
    } catch {
      setAttempt((count) => count + 1);
    }
  };

  return (
    <>
      <h2 className="govuk-heading-m">Password</h2>
      {errors.length > 0 ? (
        <ErrorSummary key={attempt} items={errors.map((text) => ({ text }))} />
      ) : null}
      {link ? (
        <>
          <NotificationBanner type="success" heading="New link made" />
          <PasswordLinkDetails link={link} />
        </>
      ) : (
        <>
          <p className="govuk-body">
            {user.status === 'invited'
              ? `${user.name} has not set a password yet. If their link is lost or has expired, make a new one.`
              : `If ${user.name} has forgotten their password, make a one-time link for them to set a new one.`}
          </p>
          {user.status === 'invited' ? null : (
            <p className="govuk-body">
              Resetting stops their current password working and signs them out at once.
            </p>
          )}
          <button
            type="button"
            className="govuk-button govuk-button--secondary"
            data-module="govuk-button"
            onClick={() => void resetNow()}
          >
            Reset password
          </button>
        </>
      )}
    </>
  );
}

function AccessSection({ user }: { user: User }) {
  return (
    <>
      <h2 className="govuk-heading-m">Access</h2>
      {user.status === 'disabled' ? (
        <>
          <p className="govuk-body">
            This account was disabled
            {user.disabledAt ? ` on ${formatDateTime(user.disabledAt)}` : ''}. {user.name} cannot
            sign in.
          </p>
          <Link
            className="govuk-button govuk-button--secondary"
            data-module="govuk-button"
            to={paths.enableUser(user.id)}
          >
            Enable account
          </Link>
        </>
      ) : (
        <>
          <p className="govuk-body">
            Disable the account when {user.name} no longer needs the service. They will not be able
            to sign in. Nothing they have done is deleted.
          </p>
          <Link
            className="govuk-button govuk-button--warning"
            data-module="govuk-button"
            to={paths.disableUser(user.id)}
          >
            Disable account
          </Link>
        </>
      )}
    </>
  );
}
