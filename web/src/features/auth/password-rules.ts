import { minPasswordLength } from '@tracker/shared';

import type { FieldErrors } from '../../lib/form-errors';

export const newPasswordHint =
  `Your password must be at least ${minPasswordLength} characters long. ` +
  'A good way to make it strong and easy to remember is to use 3 random words.';

/** Checks a new password and its confirmation before they are sent. */
export function checkNewPassword(
  password: string,
  confirmation: string,
  names: { password: string; confirmation: string },
): FieldErrors {
  const errors: FieldErrors = {};
  if (!password) errors[names.password] = 'Enter a new password';
  else if (password.length < minPasswordLength) {
    errors[names.password] = `Password must be ${minPasswordLength} characters or more`;
  }
  if (!confirmation) errors[names.confirmation] = 'Confirm your new password';
  else if (password && confirmation !== password) {
    errors[names.confirmation] = 'The passwords do not match';
  }
  return errors;
}
