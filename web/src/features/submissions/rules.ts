import type {
  ActionPlan,
  PlanEvent,
  PlanEventKind,
  PlanStatus,
  ReviewDecision,
  VersionKind,
} from '@tracker/shared';

import type { TagLabel } from '../../lib/labels';

/** A draft or a returned plan is submitted; an accepted one is reported on. */
const sendableStatuses: readonly PlanStatus[] = ['draft', 'returned', 'accepted'];

export const canBeSent = (plan: Pick<ActionPlan, 'status'>) =>
  sendableStatuses.includes(plan.status);

/** Once accepted, each new version is a progress report rather than a submission. */
export const sendsProgressReport = (plan: Pick<ActionPlan, 'status'>) => plan.status === 'accepted';

export const versionKindNames: Record<VersionKind, string> = {
  submission: 'Submission',
  progress_report: 'Progress report',
};

export const reviewDecisionTags: Record<ReviewDecision, TagLabel> = {
  accepted: { text: 'Accepted', colour: 'green' },
  returned: { text: 'Returned', colour: 'orange' },
};

export const awaitingReviewTag: TagLabel = { text: 'Awaiting review', colour: 'blue' };

const eventTitles: Record<PlanEventKind, (version: string) => string> = {
  submitted: (version) => `${version} submitted`,
  progress_reported: (version) => `Progress report sent as ${version.toLowerCase()}`,
  accepted: (version) => `${version} accepted`,
  returned: (version) => `${version} returned`,
  closed: () => 'Action plan closed',
  reopened: () => 'Action plan reopened',
};

/** "Version 2 returned", "Action plan closed". */
export function eventTitle(event: Pick<PlanEvent, 'kind' | 'versionNumber'>): string {
  const version = event.versionNumber === null ? 'The plan' : `Version ${event.versionNumber}`;
  return eventTitles[event.kind](version);
}
