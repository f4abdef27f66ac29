import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';

import { FormPage } from '../../../components/form-page';
import { PasswordInput } from '../../../components/form-fields';
import { Panel } from '../../../components/panel';
import { focusMainSoon } from '../../../lib/focus-main';
import { apiErrors, useFormErrors } from '../../../lib/form-errors';
import { paths } from '../../../lib/paths';
import { usePageTitle } from '../../../lib/use-page-title';
import { useChangePassword } from '../api';
import {
  checkNewPassword,
  emptyNewPassword,
  newPasswordFieldOrder,
  NewPasswordFields,
} from '../components/new-password-fields';
import { useMe } from '../../../lib/queries/me';

const fieldOrder = [{ name: 'currentPassword' }, ...newPasswordFieldOrder('newPassword')];

/** "Your account": a signed-in person changes their own password. */
export function ChangePasswordPage() {
  const me = useMe();
  const changePassword = useChangePassword();
  const [current, setCurrent] = useState('');
  const [newPassword, setNewPassword] = useState(emptyNewPassword);
  const form = useFormErrors(fieldOrder);
  const [done, setDone] = useState(false);

  const withoutPassword = me.data?.hasPassword === false;
  const title = done
    ? 'Your password has been changed'
    : withoutPassword
      ? 'Your account'
      : 'Change your password';
  usePageTitle(title, form.items.length > 0);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (changePassword.isPending) return;
    const invalid = checkNewPassword(newPassword, 'newPassword');
    const next = newPassword.password;
    if (!current) invalid.currentPassword = 'Enter your current password';
    else if (next && next === current && !invalid.newPassword) {
      invalid.newPassword = 'Your new password must be different from your current password';
    }
    if (Object.keys(invalid).length > 0) {
      form.fail(invalid);
      return;
    }
    try {
      await changePassword.mutateAsync({ currentPassword: current, newPassword: next });
      setDone(true);
      focusMainSoon();
    } catch (error) {
      setCurrent('');
      const { fields, other } = apiErrors(error, {
        currentPassword: 'Current password',
        newPassword: 'New password',
      });
      if (fields.currentPassword) fields.currentPassword = 'Your current password is not right';
      form.fail(fields, other);
    }
  };

  if (done) {
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <Panel title={title} />
          <p className="govuk-body">Use your new password the next time you sign in.</p>
          <p className="govuk-body">
            <Link className="govuk-link" to={paths.home}>
              Go to the list of inspections
            </Link>
          </p>
        </div>
      </div>
    );
  }

  if (withoutPassword) {
    // Someone who signs in only with their organisation's account has no password here.
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <span className="govuk-caption-l">{me.data!.name}</span>
          <h1 className="govuk-heading-l">{title}</h1>
          <p className="govuk-body">
            You sign in as <strong>{me.data!.email}</strong> with your organisation’s account.
          </p>
          <p className="govuk-body">
            This service has no password of yours to change: change your password with your
            organisation.
          </p>
        </div>
      </div>
    );
  }

  return (
    <FormPage errors={form}>
      {me.data ? <span className="govuk-caption-l">{me.data.name}</span> : null}
      <h1 className="govuk-heading-l">{title}</h1>
      {me.data ? (
        <p className="govuk-body">
          You sign in as <strong>{me.data.email}</strong>.
        </p>
      ) : null}
      <form noValidate onSubmit={(event) => void submit(event)}>
        <PasswordInput
          id="currentPassword"
          label="Current password"
          autoComplete="current-password"
          value={current}
          onChange={setCurrent}
          error={form.fields.currentPassword}
        />
        <NewPasswordFields
          id="newPassword"
          value={newPassword}
          onChange={setNewPassword}
          errors={form.fields}
        />
        <button type="submit" className="govuk-button" data-module="govuk-button">
          Change password
        </button>
      </form>
    </FormPage>
  );
}
