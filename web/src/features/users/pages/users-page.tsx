import { userStatuses, type PendingAccount, type User } from '@tracker/shared';
import { Link, useSearchParams } from 'react-router';

import { StatusFilter } from '../../../components/status-filter';
import { QueryState } from '../../../components/query-state';
import { CursorPagination } from '../../../components/pagination';
import { Table } from '../../../components/table';
import { Tag } from '../../../components/tag';
import { roleNames, userStatusTags } from '../../../lib/labels';
import { paths } from '../../../lib/paths';
import { usePageTitle } from '../../../lib/use-page-title';
import { pendingPageSize, usePendingAccounts, useUsers, type UserStatus } from '../api';

const pageTitle = 'Users';

function statusFrom(value: string | null): UserStatus | undefined {
  return userStatuses.find((status) => status === value);
}

export function UsersPage() {
  const [searchParams] = useSearchParams();
  const status = statusFrom(searchParams.get('status'));
  const cursor = searchParams.get('cursor') ?? undefined;
  const users = useUsers({ status, cursor });
  const pending = usePendingAccounts();
  usePageTitle(pageTitle, users.isError);

  const caption = status ? `${userStatusTags[status].text} users` : 'All users';

  return (
    <>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-l">{pageTitle}</h1>
          <p className="govuk-body">
            The people who can sign in to the service, their roles and the part of the organisation
            each belongs to.
          </p>
          <Link className="govuk-button" data-module="govuk-button" to={paths.newUser}>
            Create a user
          </Link>
          <StatusFilter
            key={status ?? ''}
            label="users"
            statuses={userStatuses}
            nameOf={(value) => userStatusTags[value].text}
            current={status}
          />
        </div>
      </div>
      {pending.isSuccess && pending.data.items.length > 0 ? (
        <Table<PendingAccount>
          caption="Waiting for approval"
          rows={pending.data.items}
          rowKey={(account) => account.id}
          columns={[
            {
              header: 'Name',
              isRowHeader: true,
              cell: (account) => (
                <Link className="govuk-link" to={paths.pendingAccount(account.id)}>
                  {account.name}
                  <span className="govuk-visually-hidden">: approve or refuse</span>
                </Link>
              ),
            },
            { header: 'Email', cell: (account) => account.email },
            { header: 'Signed in with', cell: (account) => account.issuer },
          ]}
        />
      ) : null}
      {pending.data?.nextCursor ? (
        <p className="govuk-body">
          These are the {pendingPageSize} who have waited longest. Approve or refuse them to see the
          others.
        </p>
      ) : null}
      {!users.isSuccess ? <QueryState queries={[users]} what="users" section /> : null}
      {users.isSuccess ? (
        <>
          {users.data.items.length === 0 ? (
            <p className="govuk-body">There are no {status ? `${status} ` : ''}users.</p>
          ) : (
            <Table<User>
              caption={caption}
              rows={users.data.items}
              rowKey={(user) => user.id}
              columns={[
                {
                  header: 'Name',
                  isRowHeader: true,
                  cell: (user) => (
                    <Link className="govuk-link" to={paths.user(user.id)}>
                      {user.name}
                    </Link>
                  ),
                },
                { header: 'Email', cell: (user) => user.email },
                { header: 'Role', cell: (user) => roleNames[user.role] },
                { header: 'Unit', cell: (user) => user.unit.name },
                { header: 'Status', cell: (user) => <Tag label={userStatusTags[user.status]} /> },
              ]}
            />
          )}
          <CursorPagination
            nextTo={
              users.data.nextCursor ? paths.users({ status, cursor: users.data.nextCursor }) : null
            }
            firstTo={cursor ? paths.users({ status }) : null}
          />
        </>
      ) : null}
    </>
  );
}
