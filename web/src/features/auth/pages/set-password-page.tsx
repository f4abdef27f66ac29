import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';

import { ErrorSummary } from '../../../components/error-summary';
import { PasswordInput } from '../../../components/form-fields';
import { Panel } from '../../../components/panel';
import { isApiError } from '../../../lib/api-client';
import { focusMainSoon } from '../../../lib/focus-main';
import { apiErrors, summaryItems, type FieldErrors } from '../../../lib/form-errors';
import { paths } from '../../../lib/paths';
import { usePageTitle } from '../../../lib/use-page-title';
import { useSetPassword } from '../api';
import { checkNewPassword, newPasswordHint } from '../password-rules';

const fieldOrder = [{ name: 'password' }, { name: 'confirmPassword' }];
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

  const [password, setPasswordValue] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [otherErrors, setOtherErrors] = useState<string[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [done, setDone] = useState(false);

  const items = summaryItems(fieldErrors, fieldOrder, otherErrors);
  const title = done
    ? 'Your password has been set'
    : token
      ? 'Set your password'
      : 'Link not valid';
  usePageTitle(title, items.length > 0);

  const fail = (fields: FieldErrors, other: string[]) => {
    setFieldErrors(fields);
    setOtherErrors(other);
    setAttempt((count) => count + 1);
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (setPassword.isPending) return;
    const invalid = checkNewPassword(password, confirmation, {
      password: 'password',
      confirmation: 'confirmPassword',
    });
    if (Object.keys(invalid).length > 0) {
      fail(invalid, []);
      return;
    }
    try {
      await setPassword.mutateAsync({ token, password });
      setDone(true);
      focusMainSoon();
      // The link has been used: take its token out of the address bar and history.
      navigate(paths.setPassword, { replace: true });
    } catch (error) {
      const tokenRefused =
        isApiError(error) && error.errors.some((fieldError) => fieldError.path === 'token');
      if (tokenRefused) {
        fail({}, [usedLinkMessage]);
        return;
      }
      const { fields, other } = apiErrors(error, { password: 'Password' });
      fail(fields, other);
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
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {items.length > 0 ? <ErrorSummary key={attempt} items={items} /> : null}
        <h1 className="govuk-heading-l">{title}</h1>
        <p className="govuk-body">
          Choose a password to use with your email address when you sign in to the service.
        </p>
        <form noValidate onSubmit={(event) => void submit(event)}>
          <PasswordInput
            id="password"
            label="New password"
            hint={newPasswordHint}
            autoComplete="new-password"
            value={password}
            onChange={setPasswordValue}
            error={fieldErrors.password}
          />
          <PasswordInput
            id="confirmPassword"
            label="Confirm new password"
            autoComplete="new-password"
            value={confirmation}
            onChange={setConfirmation}
            error={fieldErrors.confirmPassword}
          />
          <button type="submit" className="govuk-button" data-module="govuk-button">
            Set password
          </button>
        </form>
      </div>
    </div>
  );
}
