import { actionStatuses, type ActionStatus, type OpenAction, type User } from '@tracker/shared';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';

import { ErrorSummary } from '../../../components/error-summary';
import { QueryState } from '../../../components/query-state';
import { Select } from '../../../components/form-fields';
import { NotificationBanner } from '../../../components/notification-banner';
import { Table } from '../../../components/table';
import { Tag } from '../../../components/tag';
import { formatDate } from '../../../lib/dates';
import { apiErrors, useFormErrors } from '../../../lib/form-errors';
import { actionStatusTags, roleNames } from '../../../lib/labels';
import { paths } from '../../../lib/paths';
import { useOpenActions, useReassignActions, useUsers } from '../api';

function isActionStatus(value: string): value is ActionStatus {
  return (actionStatuses as readonly string[]).includes(value);
}

function Status({ status }: { status: string }) {
  return isActionStatus(status) ? <Tag label={actionStatusTags[status]} /> : <>{status}</>;
}

/**
 * A disabled person's unfinished actions, and a form to hand them all to someone who can
 * still sign in, so no action is left without an owner.
 */
export function OpenActions({ user }: { user: User }) {
  const actions = useOpenActions(user.id, true);
  const [done, setDone] = useState<string | null>(null);
  return (
    <section aria-labelledby="open-actions-heading">
      <h2 className="govuk-heading-m" id="open-actions-heading">
        Open actions
      </h2>
      {done ? <NotificationBanner type="success" heading={done} /> : null}
      {!actions.isSuccess ? <QueryState queries={[actions]} what="open actions" section /> : null}
      {actions.isSuccess && actions.data.items.length === 0 ? (
        <p className="govuk-body">{user.name} owns no open actions.</p>
      ) : null}
      {actions.isSuccess && actions.data.items.length > 0 ? (
        <>
          <Table<OpenAction>
            caption={`${actions.data.items.length} open ${actions.data.items.length === 1 ? 'action' : 'actions'} owned by ${user.name}`}
            captionSize="s"
            rows={actions.data.items}
            rowKey={(action) => action.id}
            columns={[
              {
                header: 'Action',
                isRowHeader: true,
                cell: (action) => (
                  <Link className="govuk-link" to={paths.recommendation(action.recommendationId)}>
                    {action.title}
                  </Link>
                ),
              },
              {
                header: 'Due',
                cell: (action) => (action.dueDate ? formatDate(action.dueDate) : 'No date'),
              },
              { header: 'Status', cell: (action) => <Status status={action.status} /> },
            ]}
          />
          <ReassignForm user={user} onDone={setDone} />
        </>
      ) : null}
    </section>
  );
}

function ReassignForm({ user, onDone }: { user: User; onDone: (message: string) => void }) {
  const activeUsers = useUsers({ status: 'active' });
  const reassign = useReassignActions(user.id);
  const [toUserId, setToUserId] = useState('');
  const form = useFormErrors([{ name: 'toUserId' }]);
  const candidates = (activeUsers.data?.items ?? []).filter((other) => other.id !== user.id);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (reassign.isPending) return;
    if (!toUserId) {
      form.fail({ toUserId: 'Choose who should own these actions' });
      return;
    }
    try {
      const result = await reassign.mutateAsync({ toUserId });
      const to = candidates.find((candidate) => candidate.id === toUserId)?.name ?? 'them';
      form.clear();
      onDone(
        `${result.reassigned} ${result.reassigned === 1 ? 'action' : 'actions'} given to ${to}`,
      );
    } catch (error) {
      const { fields, other } = apiErrors(error, { toUserId: 'New owner' });
      form.fail(fields, other);
    }
  };

  return (
    <>
      {form.items.length > 0 ? <ErrorSummary key={form.attempt} items={form.items} /> : null}
      <form noValidate onSubmit={(event) => void submit(event)}>
        <Select
          id="toUserId"
          label="Give these actions to"
          hint="Someone who can sign in. They become the named owner of every action listed."
          placeholder="Choose a person"
          options={candidates.map((candidate) => ({
            value: candidate.id,
            text: `${candidate.name} (${roleNames[candidate.role]}, ${candidate.unit.name})`,
          }))}
          value={toUserId}
          onChange={setToUserId}
          error={form.fields.toUserId}
        />
        <button type="submit" className="govuk-button" data-module="govuk-button">
          Reassign actions
        </button>
      </form>
    </>
  );
}
