import type { ApiClient } from '@tracker/shared';
import { Link, useLocation } from 'react-router';

import { NotificationBanner } from '../../../components/notification-banner';
import { QueryState } from '../../../components/query-state';
import { Table } from '../../../components/table';
import { Tag } from '../../../components/tag';
import { formatDateTime } from '../../../lib/dates';
import { apiClientStatusTags, apiPermissionNames } from '../../../lib/labels';
import { paths } from '../../../lib/paths';
import { usePageTitle } from '../../../lib/use-page-title';
import { useApiClients } from '../api';

const pageTitle = 'API clients';

export interface ApiClientsPageState {
  notice?: string;
}

export function ApiClientsPage() {
  const clients = useApiClients();
  const location = useLocation();
  const notice = (location.state as ApiClientsPageState | null)?.notice;
  usePageTitle(pageTitle, clients.isError);

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
            {
              header: 'Status',
              cell: (client) => (
                <Tag label={apiClientStatusTags[client.revokedAt ? 'revoked' : 'active']} />
              ),
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
