import { type ApiClient, apiClientExpiryWarningDays } from '@tracker/shared';
import { Link, useLocation } from 'react-router';

import { NotificationBanner } from '../../../components/notification-banner';
import { QueryState } from '../../../components/query-state';
import { Table } from '../../../components/table';
import { Tag } from '../../../components/tag';
import { WarningText } from '../../../components/warning-text';
import { formatDateTime } from '../../../lib/dates';
import { type ApiClientStatus, apiClientStatusTags, apiPermissionNames } from '../../../lib/labels';
import { paths } from '../../../lib/paths';
import { usePageTitle } from '../../../lib/use-page-title';
import { useApiClients } from '../api';

const pageTitle = 'API clients';

const warningMs = apiClientExpiryWarningDays * 24 * 60 * 60 * 1000;

function statusOf(client: ApiClient, now: number): ApiClientStatus {
  if (client.revokedAt) return 'revoked';
  const left = Date.parse(client.expiresAt) - now;
  if (left <= 0) return 'expired';
  return left <= warningMs ? 'expiring' : 'active';
}

export interface ApiClientsPageState {
  notice?: string;
}

export function ApiClientsPage() {
  const clients = useApiClients();
  const location = useLocation();
  const notice = (location.state as ApiClientsPageState | null)?.notice;
  usePageTitle(pageTitle, clients.isError);
  // Reckoned from when the list was read, so a render never changes what it says.
  const now = clients.dataUpdatedAt;
  const lapsing = (clients.data ?? []).filter((client) =>
    ['expiring', 'expired'].includes(statusOf(client, now)),
  );

  return (
    <>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          {notice ? <NotificationBanner type="success" heading={notice} /> : null}
          <h1 className="govuk-heading-l">{pageTitle}</h1>
          <p className="govuk-body">
            Other systems use the API with a token. Each token reads (or reads and changes) the data
            of one unit, and can be revoked at any time.
          </p>
          <p className="govuk-body">
            <a className="govuk-link" href="/api/docs">
              Read the API documentation
            </a>
          </p>
          <Link className="govuk-button" data-module="govuk-button" to={paths.newApiClient}>
            Create an API client
          </Link>
        </div>
      </div>
      {lapsing.length > 0 ? (
        <WarningText>
          {lapsing.length === 1 ? 'A token stops' : `${lapsing.length} tokens stop`} working within{' '}
          {apiClientExpiryWarningDays} days, or already has:{' '}
          {lapsing
            .map(
              (client) =>
                `${client.name} (${statusOf(client, now) === 'expired' ? 'expired' : 'expires'} ${formatDateTime(client.expiresAt)})`,
            )
            .join('; ')}
          . Create a replacement, give it to the system that uses the old one, then revoke the old
          one.
        </WarningText>
      ) : null}
      {!clients.isSuccess ? <QueryState queries={[clients]} what="API clients" section /> : null}
      {clients.isSuccess && clients.data.length === 0 ? (
        <p className="govuk-body">There are no API clients yet.</p>
      ) : null}
      {clients.isSuccess && clients.data.length > 0 ? (
        <Table<ApiClient>
          caption="API clients and their tokens"
          rows={clients.data}
          rowKey={(client) => client.id}
          columns={[
            { header: 'Name', isRowHeader: true, cell: (client) => client.name },
            { header: 'Unit', cell: (client) => client.unit.name },
            { header: 'Permission', cell: (client) => apiPermissionNames[client.permission] },
            {
              header: 'Token starts',
              cell: (client) => <code className="app-nowrap">{client.tokenPrefix}</code>,
            },
            {
              header: 'Last used',
              cell: (client) => (client.lastUsedAt ? formatDateTime(client.lastUsedAt) : 'Never'),
            },
            { header: 'Expires', cell: (client) => formatDateTime(client.expiresAt) },
            {
              header: 'Status',
              cell: (client) => <Tag label={apiClientStatusTags[statusOf(client, now)]} />,
            },
            {
              header: 'Action',
              headerHidden: true,
              cell: (client) =>
                client.revokedAt ? null : (
                  <Link className="govuk-link" to={paths.revokeApiClient(client.id)}>
                    Revoke<span className="govuk-visually-hidden"> {client.name}</span>
                  </Link>
                ),
            },
          ]}
        />
      ) : null}
    </>
  );
}
