import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';

import { FormPage } from '../../../components/form-page';
import { Panel } from '../../../components/panel';
import { isApiError } from '../../../lib/api-client';
import { focusMainSoon } from '../../../lib/focus-main';
import { apiErrors, useFormErrors } from '../../../lib/form-errors';
import { paths } from '../../../lib/paths';
import { usePageTitle } from '../../../lib/use-page-title';
import { useSetPassword } from '../api';
import {
  checkNewPassword,
  emptyNewPassword,
  newPasswordFieldOrder,
  NewPasswordFields,
} from '../components/new-password-fields';

const fieldOrder = newPasswordFieldOrder('password');
const usedLinkMessage =
  'This link has expired or has already been used. Ask an administrator to send you a new one';

/**
 * Where a one-time link from an administrator leads (`/set-password?token=...`): the person
 * chooses a password for a new account, or a new one after a reset.
 */
export function SetPasswordPage() {
  const [searchParams] = useSearchParams();
  const [token] = useState(() => searchParams.get('token') ?? '');
  const navigate = useNavigate();
  const setPassword = useSetPassword();

  const [newPassword, setNewPassword] = useState(emptyNewPassword);
  const form = useFormErrors(fieldOrder);
  const [done, setDone] = useState(false);

  const title = done
    ? 'Your password has been set'
    : token
      ? 'Set your password'
      : 'Link not valid';
  usePageTitle(title, form.items.length > 0);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (setPassword.isPending) return;
    const invalid = checkNewPassword(newPassword, 'password');
    if (Object.keys(invalid).length > 0) {
      form.fail(invalid);
      return;
    }
    try {
      await setPassword.mutateAsync({ token, password: newPassword.password });
      setDone(true);
      focusMainSoon();
      // The link has been used: take its token out of the address bar and history.
      navigate(paths.setPassword, { replace: true });
    } catch (error) {
      const tokenRefused =
        isApiError(error) && error.errors.some((fieldError) => fieldError.path === 'token');
      if (tokenRefused) {
        form.fail({}, [usedLinkMessage]);
        return;
      }
      const { fields, other } = apiErrors(error, { password: 'Password' });
      form.fail(fields, other);
    }
  };

  if (done) {
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <Panel title={title} />
          <p className="govuk-body">
            You can now sign in with your email address and new password.
          </p>
          <Link className="govuk-button" data-module="govuk-button" to={paths.signIn()}>
            Sign in
          </Link>
        </div>
      </div>
    );
  }

  if (!token) {
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-l">{title}</h1>
          <p className="govuk-body">
            The link you followed is not complete. Check you copied the whole link from the message
            you were sent.
          </p>
          <p className="govuk-body">
            If it still does not work, ask an administrator to send you a new link.
          </p>
        </div>
      </div>
    );
  }

  return (
    <FormPage errors={form}>
      <h1 className="govuk-heading-l">{title}</h1>
      <p className="govuk-body">
        Choose a password to use with your email address when you sign in to the service.
      </p>
      <form noValidate onSubmit={(event) => void submit(event)}>
        <NewPasswordFields
          id="password"
          value={newPassword}
          onChange={setNewPassword}
          errors={form.fields}
        />
        <button type="submit" className="govuk-button" data-module="govuk-button">
          Set password
        </button>
      </form>
    </FormPage>
  );
}
