import { minPasswordLength } from '@tracker/shared';

import { PasswordInput } from '../../../components/form-fields';
import type { FieldErrors } from '../../../lib/form-errors';

/** A new password and its confirmation, as typed. */
export interface NewPassword {
  password: string;
  confirmation: string;
}

export const emptyNewPassword: NewPassword = { password: '', confirmation: '' };

const newPasswordHint =
  `Your password must be at least ${minPasswordLength} characters long. ` +
  'A good way to make it strong and easy to remember is to use 3 random words.';

/** The confirmation's id, and its key in the form's errors. */
const confirmationId = 'confirmPassword';

/** The two fields in page order, for the error summary. */
export function newPasswordFieldOrder(id: string): { name: string }[] {
  return [{ name: id }, { name: confirmationId }];
}

/**
 * Checks a new password and its confirmation before they are sent: the errors, keyed by the
 * fields' ids.
 */
export function checkNewPassword({ password, confirmation }: NewPassword, id: string): FieldErrors {
  const errors: FieldErrors = {};
  if (!password) errors[id] = 'Enter a new password';
  else if (password.length < minPasswordLength) {
    errors[id] = `Password must be ${minPasswordLength} characters or more`;
  }
  if (!confirmation) errors[confirmationId] = 'Confirm your new password';
  else if (password && confirmation !== password) {
    errors[confirmationId] = 'The passwords do not match';
  }
  return errors;
}

export interface NewPasswordFieldsProps {
  /** The new password's id: the name the API gives it, so its errors land on the field. */
  id: string;
  value: NewPassword;
  onChange: (value: NewPassword) => void;
  errors: FieldErrors;
}

/** "New password" with the rules as its hint, then "Confirm new password". */
export function NewPasswordFields({ id, value, onChange, errors }: NewPasswordFieldsProps) {
  return (
    <>
      <PasswordInput
        id={id}
        label="New password"
        hint={newPasswordHint}
        autoComplete="new-password"
        value={value.password}
        onChange={(password) => onChange({ ...value, password })}
        error={errors[id]}
      />
      <PasswordInput
        id={confirmationId}
        label="Confirm new password"
        autoComplete="new-password"
        value={value.confirmation}
        onChange={(confirmation) => onChange({ ...value, confirmation })}
        error={errors[confirmationId]}
      />
    </>
  );
}
