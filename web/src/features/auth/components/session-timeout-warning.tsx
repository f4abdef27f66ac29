import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { useNavigate } from 'react-router';

import { NotificationBanner } from '../../../components/notification-banner';
import { formatTime } from '../../../lib/dates';
import { paths } from '../../../lib/paths';
import {
  getSessionClock,
  subscribeSessionClock,
  type SessionClock,
} from '../../../lib/session-activity';
import { endExpiredSession } from '../api';
import { meKey } from '../../../lib/query-keys';

/** How long before the session ends the warning appears. */
export const warningMs = 2 * 60_000;

interface Deadline {
  at: number;
  /** Idle: any activity moves it. Absolute: nothing does. */
  kind: 'idle' | 'absolute';
}

function deadlineOf(clock: SessionClock): Deadline | null {
  const idle =
    clock.lastCallAt !== null && clock.idleMs !== null ? clock.lastCallAt + clock.idleMs : null;
  const absolute = clock.absoluteDeadline;
  if (idle === null && absolute === null) return null;
  if (absolute !== null && (idle === null || absolute <= idle)) {
    return { at: absolute, kind: 'absolute' };
  }
  return { at: idle as number, kind: 'idle' };
}

/**
 * Warns, two minutes ahead, that the session is about to end, and offers to keep it; when the
 * moment passes, signs the person out and says why. Timers only: the server is not polled.
 * The warning is a GOV.UK notification banner announced as an alert (no modal dialog).
 */
export function SessionTimeoutWarning() {
  const clock = useSyncExternalStore(subscribeSessionClock, getSessionClock);
  const deadline = deadlineOf(clock);
  const deadlineAt = deadline?.at ?? null;
  const [warningFor, setWarningFor] = useState<number | null>(null);
  const [staying, setStaying] = useState(false);
  const navigate = useNavigate();
  const queryClient = useQueryClient();

  useEffect(() => {
    if (deadlineAt === null) return;
    const now = Date.now();
    const warn = setTimeout(
      () => setWarningFor(deadlineAt),
      Math.max(0, deadlineAt - warningMs - now),
    );
    const end = setTimeout(
      () => {
        void endExpiredSession().then(() => {
          navigate(paths.signedOut('expired'), { replace: true });
          queryClient.removeQueries();
        });
      },
      Math.max(0, deadlineAt - now),
    );
    return () => {
      clearTimeout(warn);
      clearTimeout(end);
    };
  }, [deadlineAt, navigate, queryClient]);

  if (!deadline || warningFor !== deadline.at) return null;

  const stayLonger = async () => {
    if (staying) return;
    setStaying(true);
    try {
      // Any answered call restarts the idle timer; asking who is signed in is the lightest.
      await queryClient.refetchQueries({ queryKey: meKey });
    } finally {
      setStaying(false);
    }
  };

  const time = formatTime(deadline.at);
  return (
    <NotificationBanner heading="You will be signed out soon" urgent>
      {deadline.kind === 'idle' ? (
        <>
          <p className="govuk-body">
            For your security, we will sign you out at {time} because you have not done anything for
            a while. Anything you have not saved will be lost.
          </p>
          <button
            type="button"
            className="govuk-button govuk-!-margin-bottom-0"
            data-module="govuk-button"
            onClick={() => void stayLonger()}
          >
            Stay signed in
          </button>
        </>
      ) : (
        <p className="govuk-body">
          For your security, we will sign you out at {time}: you have been signed in for as long as
          a session can last. Save anything you are working on, then sign in again.
        </p>
      )}
    </NotificationBanner>
  );
}
