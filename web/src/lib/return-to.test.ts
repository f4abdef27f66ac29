import { describe, expect, it } from 'vitest';

import { safeReturnTo } from './return-to';

describe('safeReturnTo', () => {
  it('keeps a path on this site, with its query and fragment', () => {
    expect(safeReturnTo('/plans/p1')).toBe('/plans/p1');
    expect(safeReturnTo('/notifications?unread=true#latest')).toBe(
      '/notifications?unread=true#latest',
    );
  });

  it('goes home when there is nowhere to return to', () => {
    expect(safeReturnTo(null)).toBe('/');
    expect(safeReturnTo(undefined)).toBe('/');
    expect(safeReturnTo('')).toBe('/');
  });

  it('never sends anyone to another host (no open redirect)', () => {
    for (const elsewhere of [
      'https://evil.example/',
      'evil.example',
      '//evil.example/plans',
      '/\\evil.example',
      '/ /evil.example',
      '/\t/evil.example',
      '/\n/evil.example',
      '/plans\u0000',
      '/plans\u007f',
    ]) {
      expect(safeReturnTo(elsewhere), JSON.stringify(elsewhere)).toBe('/');
    }
  });

  it('does not return to a sign-in page, which would only loop', () => {
    expect(safeReturnTo('/sign-in')).toBe('/');
    expect(safeReturnTo('/sign-in?returnTo=/plans')).toBe('/');
    expect(safeReturnTo('/signed-out#top')).toBe('/');
    expect(safeReturnTo('/sign-in-help')).toBe('/sign-in-help');
  });
});
