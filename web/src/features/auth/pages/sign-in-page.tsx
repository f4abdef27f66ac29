import { useState, type FormEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router';

import { FormPage } from '../../../components/form-page';
import { PasswordInput, TextInput } from '../../../components/form-fields';
import { isApiError } from '../../../lib/api-client';
import { apiErrors, type FieldErrors, useFormErrors } from '../../../lib/form-errors';
import { safeReturnTo } from '../../../lib/return-to';
import { usePageTitle } from '../../../lib/use-page-title';
import { useSignIn, useSignInOptions } from '../api';
import { ssoErrorMessage } from '../sso-errors';

const pageTitle = 'Sign in';

/** Loose on purpose: the server has the last word; this only catches slips before sending. */
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const fieldOrder = [{ name: 'email' }, { name: 'password' }];
const fieldLabels = { email: 'Email address', password: 'Password' };

/** "Try again in 15 minutes" from a Retry-After in seconds. */
export function tryAgainIn(seconds: number | null): string {
  const minutes = Math.max(1, Math.ceil((seconds ?? 60) / 60));
  return `Too many failed attempts. Try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`;
}

function validate(email: string, password: string): FieldErrors {
  const errors: FieldErrors = {};
  if (!email.trim()) errors.email = 'Enter your email address';
  else if (!emailPattern.test(email.trim())) {
    errors.email = 'Enter an email address in the correct format, like name@example.com';
  }
  if (!password) errors.password = 'Enter your password';
  return errors;
}

export function SignInPage() {
  const [searchParams] = useSearchParams();
  const returnTo = safeReturnTo(searchParams.get('returnTo'));
  const navigate = useNavigate();
  const signIn = useSignIn();
  const options = useSignInOptions();
  const ssoError = ssoErrorMessage(searchParams.get('sso-error'));

  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const form = useFormErrors(fieldOrder);
  // The organisation's refusal shows until the person tries the form themselves.
  const errors =
    form.items.length === 0 && ssoError ? { items: [{ text: ssoError }], attempt: 0 } : form;
  usePageTitle(pageTitle, errors.items.length > 0);
  const singleSignOn = options.data?.singleSignOn ?? [];
  // Shown while the options load (or if they cannot be read): the form the server may refuse.
  const passwordSignIn = options.data?.passwordSignIn ?? true;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (signIn.isPending) return;
    const invalid = validate(email, password);
    if (Object.keys(invalid).length > 0) {
      form.fail(invalid);
      return;
    }
    try {
      await signIn.mutateAsync({ email: email.trim(), password });
      navigate(returnTo, { replace: true });
    } catch (error) {
      // A password is never kept on the page after a failed attempt.
      setPassword('');
      if (isApiError(error) && error.status === 401) {
        // Never say which of the two was wrong: that would confirm who has an account.
        form.fail({}, [{ text: 'Enter a correct email address and password', href: '#email' }]);
      } else if (isApiError(error) && error.status === 429) {
        form.fail({}, [tryAgainIn(error.retryAfterSeconds)]);
      } else {
        const { fields, other } = apiErrors(error, fieldLabels);
        form.fail(fields, other);
      }
    }
  };

  return (
    <FormPage errors={errors}>
      <h1 className="govuk-heading-l">{pageTitle}</h1>
      {singleSignOn.map((issuer) => (
        <a
          key={issuer.signInPath}
          href={`${issuer.signInPath}?${new URLSearchParams({ returnTo })}`}
          role="button"
          draggable="false"
          className="govuk-button govuk-button--secondary govuk-!-margin-right-2"
          data-module="govuk-button"
        >
          Sign in with {issuer.name}
        </a>
      ))}
      {passwordSignIn ? (
        <>
          {singleSignOn.length > 0 ? (
            <h2 className="govuk-heading-m">Or sign in with a password</h2>
          ) : null}
          <form noValidate onSubmit={(event) => void submit(event)}>
            <TextInput
              id="email"
              label="Email address"
              type="email"
              autoComplete="email"
              spellCheck={false}
              value={email}
              onChange={setEmail}
              error={form.fields.email}
            />
            <PasswordInput
              id="password"
              label="Password"
              autoComplete="current-password"
              value={password}
              onChange={setPassword}
              error={form.fields.password}
            />
            <button type="submit" className="govuk-button" data-module="govuk-button">
              Continue
            </button>
          </form>
        </>
      ) : null}
      <h2 className="govuk-heading-m">If you cannot sign in</h2>
      <p className="govuk-body">
        {passwordSignIn
          ? 'If you have forgotten your password, or you do not have an account yet, ask an administrator for your team. They will send you a link to set a new password.'
          : 'If you do not have an account yet, ask an administrator for your team to add you.'}
      </p>
    </FormPage>
  );
}
