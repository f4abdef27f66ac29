/**
 * The browser's view of the sign-in session, kept outside React so the API client can feed it.
 *
 * The server ends a session after a spell of inactivity (and after an absolute limit); each
 * API call it answers starts the idle spell again. So the client notes when the API last
 * answered, and how long the server waits, and works out the deadline itself: no polling.
 *
 * Every tab of the service shares one session cookie, so tabs tell each other of activity
 * and of signing out (BroadcastChannel: nothing is stored on the device).
 */

export interface SessionClock {
  /** When the API last answered a call successfully (this browser's clock, ms). */
  lastCallAt: number | null;
  /**
   * How long after the last call the client counts the session as ended (ms): the server's
   * idle spell, less the allowance explained at `recordSessionLimits`.
   */
  idleMs: number | null;
  /** When the session ends however active the person is (this browser's clock, ms). */
  absoluteDeadline: number | null;
}

const emptyClock: SessionClock = { lastCallAt: null, idleMs: null, absoluteDeadline: null };

let clock: SessionClock = emptyClock;
const clockListeners = new Set<() => void>();

/** The idle length last learnt from the server, kept after sign-out for the signed-out page. */
let lastKnownIdleMs: number | null = null;

type TabMessage = { type: 'activity'; at: number } | { type: 'signed-out' };

const channel: BroadcastChannel | null =
  typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel('tracker-session');

function setClock(next: SessionClock): void {
  clock = next;
  for (const listener of clockListeners) listener();
}

function noteActivity(at: number): void {
  if (clock.lastCallAt !== null && clock.lastCallAt >= at) return;
  setClock({ ...clock, lastCallAt: at });
}

export function getSessionClock(): SessionClock {
  return clock;
}

/** For `useSyncExternalStore`. */
export function subscribeSessionClock(listener: () => void): () => void {
  clockListeners.add(listener);
  return () => clockListeners.delete(listener);
}

/** The API answered a call: the server's idle spell starts again. */
export function recordApiActivity(at: number = Date.now()): void {
  noteActivity(at);
  channel?.postMessage({ type: 'activity', at } satisfies TabMessage);
}

/** The server records activity on a session at most this often (it saves a write a call). */
const serverTouchIntervalMs = 60_000;

/**
 * Learns the session's limits from a `Me` answer. The server's timestamps are read against
 * the server's own clock (the answer's `Date` header) so that a browser clock that is a few
 * minutes out does not move the deadline.
 *
 * The server counts the idle spell from the last time it noted activity, which it does at
 * most once a minute; so `idleExpiresAt` may lie up to a minute short of a full spell after
 * the call that returned it. The full spell is a whole number of minutes (a setting), so it
 * is read as the next whole minute; the deadline then allows for the last minute's calls
 * having gone unnoted, so the client never believes in a session the server has ended.
 */
export function recordSessionLimits(
  session: { idleExpiresAt: string; absoluteExpiresAt: string } | null,
  serverNow: number,
  clientNow: number,
): void {
  if (!session) return;
  const idleExpiresAt = Date.parse(session.idleExpiresAt);
  const absoluteExpiresAt = Date.parse(session.absoluteExpiresAt);
  if (Number.isNaN(idleExpiresAt) || Number.isNaN(absoluteExpiresAt)) return;
  // The Date header is in whole seconds: allow for it before rounding up.
  const remaining = idleExpiresAt - serverNow - 1_500;
  const spell = Math.max(1, Math.ceil(remaining / 60_000)) * 60_000;
  lastKnownIdleMs = spell;
  const unnoted = Math.min(serverTouchIntervalMs, spell / 4);
  setClock({
    lastCallAt: Math.max(clock.lastCallAt ?? 0, clientNow),
    idleMs: spell - unnoted,
    absoluteDeadline: clientNow + (absoluteExpiresAt - serverNow),
  });
}

/** Whole minutes the server waits without activity, when known. */
export function idleMinutes(): number | null {
  return lastKnownIdleMs === null ? null : Math.round(lastKnownIdleMs / 60_000);
}

/** Forgets the session (signed out, here or in another tab). */
export function resetSessionClock(): void {
  setClock(emptyClock);
}

// Signed out: by the server (a 401) or by the person in another tab.
const signedOutListeners = new Set<(reason: 'unauthorized' | 'elsewhere') => void>();

/** Called when any API call answers 401 where a signed-in answer was expected. */
export function reportUnauthorized(): void {
  resetSessionClock();
  for (const listener of signedOutListeners) listener('unauthorized');
}

/** Tells the other tabs that the person signed out here. */
export function announceSignOut(): void {
  resetSessionClock();
  channel?.postMessage({ type: 'signed-out' } satisfies TabMessage);
}

export function onSignedOut(listener: (reason: 'unauthorized' | 'elsewhere') => void): () => void {
  signedOutListeners.add(listener);
  return () => signedOutListeners.delete(listener);
}

channel?.addEventListener('message', (event: MessageEvent<TabMessage>) => {
  const message = event.data;
  if (message.type === 'activity' && typeof message.at === 'number') {
    noteActivity(message.at);
  } else if (message.type === 'signed-out') {
    resetSessionClock();
    for (const listener of signedOutListeners) listener('elsewhere');
  }
});
