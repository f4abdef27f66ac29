import { describe, expect, it } from 'vitest';

import { paths } from './paths';

describe('paths', () => {
  it('escapes ids, so an id cannot reach another page', () => {
    expect(paths.action('a/b?c')).toBe('/actions/a%2Fb%3Fc');
    expect(paths.planDiff('p 1', 2, 'live')).toBe('/plans/p%201/versions/2/diff/live');
  });

  it('adds only the query values that are given', () => {
    expect(paths.notifications()).toBe('/notifications');
    expect(paths.notifications({ unread: 'true', cursor: null })).toBe(
      '/notifications?unread=true',
    );
    expect(paths.audit({ actor: 'a b&c' })).toBe('/audit?actor=a+b%26c');
  });

  it('asks to come back only to somewhere other than home after signing in', () => {
    expect(paths.signIn()).toBe('/sign-in');
    expect(paths.signIn('/')).toBe('/sign-in');
    expect(paths.signIn('/plans/p1')).toBe('/sign-in?returnTo=%2Fplans%2Fp1');
    expect(paths.signedOut('expired')).toBe('/signed-out?reason=expired');
  });
});
