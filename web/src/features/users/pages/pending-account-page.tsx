import type { PendingAccount, User } from '@tracker/shared';
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';

import { FormPage } from '../../../components/form-page';
import { Panel } from '../../../components/panel';
import { QueryState } from '../../../components/query-state';
import { focusMainSoon } from '../../../lib/focus-main';
import { apiErrors, useFormErrors } from '../../../lib/form-errors';
import { roleNames } from '../../../lib/labels';
import { useOrgUnits } from '../../../lib/org-units';
import { paths } from '../../../lib/paths';
import { usePageTitle } from '../../../lib/use-page-title';
import { useApprovePendingAccount, usePendingAccounts, useRefusePendingAccount } from '../api';
import {
  UserFields,
  checkUserFields,
  userFieldLabels,
  userFieldOrder,
  type UserFieldValues,
} from '../components/user-fields';

type Outcome = { approved: User } | { refused: PendingAccount };

/** An administrator approves someone who asked through single sign-on (role and unit), or refuses. */
export function PendingAccountPage() {
  const { pendingId = '' } = useParams();
  const units = useOrgUnits();
  const pendingAccounts = usePendingAccounts();
  const pending = pendingAccounts.data?.items.find((account) => account.id === pendingId);
  const approve = useApprovePendingAccount(pendingId);
  const refuse = useRefusePendingAccount(pendingId);
  const [values, setValues] = useState<UserFieldValues | null>(null);
  const form = useFormErrors(userFieldOrder);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const loaded = units.isSuccess && pendingAccounts.isSuccess;
  const title = outcome
    ? 'approved' in outcome
      ? 'Account approved'
      : 'Request refused'
    : loaded && !pending
      ? 'Request not found'
      : 'Approve or refuse an account request';
  usePageTitle(loaded || outcome ? title : undefined, form.items.length > 0);

  if (outcome) {
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <Panel title={title}>
            {'approved' in outcome ? (
              <>
                {outcome.approved.name}
                <br />
                {roleNames[outcome.approved.role]}, {outcome.approved.unit.name}
              </>
            ) : (
              outcome.refused.email
            )}
          </Panel>
          <p className="govuk-body">
            {'approved' in outcome
              ? 'They can now sign in with their organisation’s account.'
              : 'If they sign in again, their request comes back to the administrators.'}
          </p>
          <p className="govuk-body">
            <Link className="govuk-link" to={paths.users()}>
              Back to users
            </Link>
          </p>
        </div>
      </div>
    );
  }
  if (!loaded) return <QueryState queries={[units, pendingAccounts]} what="account requests" />;
  if (!pending) {
    return (
      <FormPage back={{ to: paths.users(), text: 'Back to users' }} errors={form}>
        <h1 className="govuk-heading-l">{title}</h1>
        <p className="govuk-body">
          This request has been approved or refused already, or the address is wrong.
        </p>
      </FormPage>
    );
  }
  const current = values ?? { name: pending.name, email: pending.email, role: '', unitId: '' };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (approve.isPending) return;
    const invalid = checkUserFields(current, false);
    if (Object.keys(invalid).length > 0 || !current.role) {
      form.fail(invalid);
      return;
    }
    try {
      const user = await approve.mutateAsync({
        name: current.name.trim(),
        role: current.role,
        unitId: current.unitId,
      });
      setOutcome({ approved: user });
      form.clear();
      focusMainSoon();
    } catch (error) {
      const { fields, other } = apiErrors(error, userFieldLabels);
      form.fail(fields, other);
    }
  };

  const refuseRequest = async () => {
    if (refuse.isPending) return;
    try {
      await refuse.mutateAsync();
      setOutcome({ refused: pending });
      form.clear();
      focusMainSoon();
    } catch (error) {
      const { fields, other } = apiErrors(error, userFieldLabels);
      form.fail(fields, other);
    }
  };

  return (
    <FormPage back={{ to: paths.users(), text: 'Back to users' }} errors={form}>
      <span className="govuk-caption-l">{pending.email}</span>
      <h1 className="govuk-heading-l">{title}</h1>
      <p className="govuk-body">
        They signed in with their organisation’s account ({pending.issuer}) and have no account
        here. Approve them with a role and unit, as when you create a user, or refuse the request.
      </p>
      <form noValidate onSubmit={(event) => void submit(event)}>
        <UserFields
          values={current}
          onChange={setValues}
          errors={form.fields}
          units={units.data}
          withEmail={false}
        />
        <div className="govuk-button-group">
          <button type="submit" className="govuk-button" data-module="govuk-button">
            Approve
          </button>
          <button
            type="button"
            className="govuk-button govuk-button--warning"
            data-module="govuk-button"
            onClick={() => void refuseRequest()}
          >
            Refuse
          </button>
        </div>
      </form>
    </FormPage>
  );
}
