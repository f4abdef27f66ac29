/**
 * What the sign-in page says when the organisation's sign-in came back refused
 * (`/sign-in?sso-error=<reason>`, set by the server's callback).
 */
const messages: Record<string, string> = {
  unknown_person:
    'You do not have an account for this service yet. Ask an administrator for your team to add you',
  unverified_email:
    'Your organisation has not confirmed your email address. Ask your IT service desk to confirm it',
  pending_approval:
    'An administrator must approve your account before you can sign in. They have been told: sign in again once they have approved it',
  disabled: 'Your account has been disabled. Ask an administrator for your team',
  wrong_issuer:
    'Your account signs in with a different organisation’s account. Use the other sign-in button',
  already_linked:
    'Your account is linked to a different organisation account. Ask an administrator for your team',
  unavailable: 'Your organisation’s sign-in cannot be reached. Try again later',
  failed: 'Sign-in with your organisation did not complete. Try again',
};

export function ssoErrorMessage(reason: string | null): string | null {
  if (!reason) return null;
  return messages[reason] ?? messages.failed!;
}
