import { describe, expect, it } from 'vitest';

import { ssoErrorMessage } from './sso-errors';

describe('ssoErrorMessage', () => {
  it('says nothing without a refusal', () => {
    expect(ssoErrorMessage(null)).toBeNull();
  });

  it('tells an unknown person to ask an administrator', () => {
    expect(ssoErrorMessage('unknown_person')).toMatch(/do not have an account/);
  });

  it('tells someone from an allowed domain that an administrator must approve them', () => {
    expect(ssoErrorMessage('pending_approval')).toMatch(/administrator must approve your account/);
  });

  it('tells a disabled person their account is disabled', () => {
    expect(ssoErrorMessage('disabled')).toMatch(/disabled/);
  });

  it('falls back to "try again" for a reason it does not know (a hand-edited address)', () => {
    expect(ssoErrorMessage('<script>')).toBe(ssoErrorMessage('failed'));
  });
});
