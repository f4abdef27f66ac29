import type { PasswordLink } from '@tracker/shared';

import { CopyButton } from '../../../components/copy-button';
import { WarningText } from '../../../components/warning-text';
import { formatDateTime } from '../../../lib/dates';

/** The link as the person will open it: the server may give a path on this site. */
function absolute(url: string): string {
  try {
    return new URL(url, window.location.origin).toString();
  } catch {
    return url;
  }
}

/** A one-time set-password link, shown to the administrator to pass on. */
export function PasswordLinkDetails({ link }: { link: PasswordLink }) {
  const url = absolute(link.setPasswordUrl);
  return (
    <>
      <h2 className="govuk-heading-m">Send {link.user.name} their link</h2>
      <p className="govuk-body">
        Copy this link and send it to {link.user.name} at{' '}
        <strong className="govuk-!-font-weight-bold">{link.user.email}</strong>. They use it to set
        their password. It works once, and only until{' '}
        <span className="app-nowrap">{formatDateTime(link.expiresAt)}</span>.
      </p>
      <p className="app-secret" data-testid="set-password-link">
        {url}
      </p>
      <CopyButton text={url} label="Copy link" />
      <WarningText>
        You will not see this link again. If it is lost, or it expires, reset their password to make
        a new one.
      </WarningText>
    </>
  );
}
