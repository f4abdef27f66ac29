import type { ReviewDecision, ReviewVerdict, VersionKind } from '@tracker/shared';

import type { TagLabel } from '../../lib/labels';

/** The inspectorate's words for its verdicts and decisions, the same on every page. */
export const verdictTags: Record<ReviewVerdict, TagLabel> = {
  accepted: { text: 'Accepted', colour: 'green' },
  challenged: { text: 'Challenged', colour: 'red' },
  evidence_requested: { text: 'Evidence requested', colour: 'yellow' },
};

export const decisionTags: Record<ReviewDecision, TagLabel> = {
  accepted: { text: 'Accepted', colour: 'green' },
  returned: { text: 'Returned', colour: 'orange' },
};

export const awaitingReviewTag: TagLabel = { text: 'Awaiting review', colour: 'blue' };

export const versionKindNames: Record<VersionKind, string> = {
  submission: 'Submission',
  progress_report: 'Progress report',
};
