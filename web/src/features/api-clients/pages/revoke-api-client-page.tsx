import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';

import { BackLink } from '../../../components/back-link';
import { ErrorSummary } from '../../../components/error-summary';
import { QueryState } from '../../../components/query-state';
import { ProblemPanel } from '../../../components/problem-panel';
import { SummaryList } from '../../../components/summary-list';
import { WarningText } from '../../../components/warning-text';
import { ApiError } from '../../../lib/api-client';
import { formatDateTime } from '../../../lib/dates';
import { apiErrors } from '../../../lib/form-errors';
import { apiPermissionNames } from '../../../lib/labels';
import { paths } from '../../../lib/paths';
import { usePageTitle } from '../../../lib/use-page-title';
import { useApiClients, useRevokeApiClient } from '../api';
import type { ApiClientsPageState } from './api-clients-page';

const notFound = new ApiError({
  type: 'about:blank',
  title: 'Not found',
  status: 404,
  detail: 'There is no API client with this id.',
});

const title = 'Are you sure you want to revoke this API client?';

/** The confirm step before an API client's token stops working for good. */
export function RevokeApiClientPage() {
  const { clientId = '' } = useParams();
  const clients = useApiClients();
  const revoke = useRevokeApiClient();
  const navigate = useNavigate();
  const [attempt, setAttempt] = useState(0);
  const client = clients.data?.find((candidate) => candidate.id === clientId);
  const errors = revoke.isError ? apiErrors(revoke.error, {}).other : [];
  usePageTitle(
    clients.isError || (clients.isSuccess && !client) ? undefined : title,
    errors.length > 0,
  );

  if (!clients.isSuccess) {
    return <QueryState queries={[clients]} what="API client" />;
  }
  if (!client) return <ProblemPanel error={notFound} />;

  const confirm = async () => {
    if (revoke.isPending) return;
    try {
      await revoke.mutateAsync(client.id);
      const state: ApiClientsPageState = { notice: `${client.name} has been revoked` };
      navigate(paths.apiClients, { state, replace: true });
    } catch {
      setAttempt((count) => count + 1);
    }
  };

  return (
    <>
      <BackLink to={paths.apiClients}>Back to API clients</BackLink>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          {errors.length > 0 ? (
            <ErrorSummary key={attempt} items={errors.map((text) => ({ text }))} />
          ) : null}
          <span className="govuk-caption-l">{client.name}</span>
          <h1 className="govuk-heading-l">{title}</h1>
          <SummaryList
            rows={[
              { key: 'Unit', value: client.unit.name },
              { key: 'Permission', value: apiPermissionNames[client.permission] },
              { key: 'Token starts', value: <code>{client.tokenPrefix}</code> },
              {
                key: 'Last used',
                value: client.lastUsedAt ? formatDateTime(client.lastUsedAt) : 'Never',
              },
            ]}
          />
          {client.revokedAt ? (
            <p className="govuk-body">
              This API client was revoked on {formatDateTime(client.revokedAt)}.
            </p>
          ) : (
            <>
              <WarningText>
                Anything using its token will stop working at once. You cannot undo this: to connect
                again, create a new API client.
              </WarningText>
              <div className="govuk-button-group">
                <button
                  type="button"
                  className="govuk-button govuk-button--warning"
                  data-module="govuk-button"
                  onClick={() => void confirm()}
                >
                  Revoke API client
                </button>
                <Link className="govuk-link" to={paths.apiClients}>
                  Cancel
                </Link>
              </div>
            </>
          )}
        </div>
      </div>
    </>
  );
}
