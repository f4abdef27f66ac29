import type { ActionStatus } from '@tracker/shared';

import { HttpProblem, badRequest } from '../http/errors';

const closedStatuses: readonly ActionStatus[] = ['verified_closed', 'cancelled'];

export interface StatusChange {
  from: ActionStatus;
  to: ActionStatus;
  reason: string | undefined;
  evidenceCount: number;
  /** The region lead, or the national lead for HMPPS work. */
  isLead: boolean;
}

/**
 * The rules on an action's status, the same whether it changes by an edit or a progress
 * update: complete needs evidence; only the lead verifies and closes, and only a completed
 * action; cancelling and reopening a closed action need a reason.
 */
export function checkStatusChange(change: StatusChange): void {
  const { from, to } = change;
  if (from === to) return;
  if (to === 'complete' && change.evidenceCount === 0) {
    throw new HttpProblem(
      409,
      'Evidence needed',
      'An action can be complete only with evidence: add some first.',
      [{ path: 'status', message: 'complete needs at least one piece of evidence' }],
    );
  }
  if (to === 'verified_closed') {
    if (!change.isLead)
      throw new HttpProblem(
        403,
        'Forbidden',
        'Only the lead for this action may verify and close it.',
      );
    if (from !== 'complete') {
      throw new HttpProblem(
        409,
        'Not complete',
        'Only a complete action can be verified and closed.',
        [{ path: 'status', message: 'the action must be complete first' }],
      );
    }
  }
  if (to === 'cancelled' && !change.reason) {
    throw badRequest('Say why the action is cancelled.', [
      { path: 'statusReason', message: 'is required to cancel' },
    ]);
  }
  if (closedStatuses.includes(from) && !change.reason) {
    throw badRequest('Say why the action is reopened.', [
      { path: 'statusReason', message: 'is required to reopen a closed action' },
    ]);
  }
}
