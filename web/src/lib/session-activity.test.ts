import { beforeEach, describe, expect, it, vi } from 'vitest';

import {
  getSessionClock,
  idleMinutes,
  onSignedOut,
  recordApiActivity,
  recordSessionLimits,
  reportUnauthorized,
  resetSessionClock,
  subscribeSessionClock,
} from './session-activity';

const minute = 60_000;
const serverNow = Date.parse('2026-02-02T10:00:00Z');
/** The session as `GET /me` answers it, `idle` ms after the server's clock. */
const session = (idle: number, absolute = 12 * 60 * minute) => ({
  idleExpiresAt: new Date(serverNow + idle).toISOString(),
  absoluteExpiresAt: new Date(serverNow + absolute).toISOString(),
});

beforeEach(() => resetSessionClock());

describe('recordSessionLimits', () => {
  it('reads a whole idle spell from a deadline the server last noted up to a minute ago, and ends it a minute early', () => {
    // The server noted activity 40 s ago: its deadline is 29 min 20 s away.
    recordSessionLimits(session(30 * minute - 40_000), serverNow, serverNow);
    expect(idleMinutes()).toBe(30);
    expect(getSessionClock()).toEqual({
      lastCallAt: serverNow,
      idleMs: 29 * minute,
      absoluteDeadline: serverNow + 12 * 60 * minute,
    });
  });

  it("counts from this browser's clock, however far it is from the server's", () => {
    const clientNow = serverNow + 7 * minute;
    recordSessionLimits(session(30 * minute, 60 * minute), serverNow, clientNow);
    expect(getSessionClock()).toMatchObject({
      lastCallAt: clientNow,
      absoluteDeadline: clientNow + 60 * minute,
    });
  });

  it('allows a quarter of a short spell, not a whole minute, for calls the server did not note', () => {
    recordSessionLimits(session(2 * minute), serverNow, serverNow);
    expect(getSessionClock().idleMs).toBe(90_000);
    expect(idleMinutes()).toBe(2);
  });

  it('changes nothing without a session or with timestamps it cannot read', () => {
    recordSessionLimits(null, serverNow, serverNow);
    recordSessionLimits(
      { idleExpiresAt: 'soon', absoluteExpiresAt: 'later' },
      serverNow,
      serverNow,
    );
    expect(getSessionClock()).toEqual({ lastCallAt: null, idleMs: null, absoluteDeadline: null });
  });
});

describe('the session clock', () => {
  it('moves on with each answer from the API, never back, and tells its subscribers', () => {
    const listener = vi.fn();
    const unsubscribe = subscribeSessionClock(listener);
    recordApiActivity(serverNow);
    recordApiActivity(serverNow - minute);
    expect(getSessionClock().lastCallAt).toBe(serverNow);
    expect(listener).toHaveBeenCalledTimes(1);
    unsubscribe();
    recordApiActivity(serverNow + minute);
    expect(getSessionClock().lastCallAt).toBe(serverNow + minute);
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('is forgotten when the server answers 401, and those listening are told why', () => {
    const signedOut = vi.fn();
    const stop = onSignedOut(signedOut);
    recordSessionLimits(session(30 * minute), serverNow, serverNow);
    reportUnauthorized();
    expect(getSessionClock()).toEqual({ lastCallAt: null, idleMs: null, absoluteDeadline: null });
    expect(signedOut).toHaveBeenCalledWith('unauthorized');
    stop();
    reportUnauthorized();
    expect(signedOut).toHaveBeenCalledTimes(1);
  });
});
