import type { UnitRef, VersionRecommendation } from '@tracker/shared';

import { groupBySourcePdu } from '../../lib/grouping';
import type { ReviewDraft } from './review-draft';

/** One recommendation in the review's contents, and whether the inspector has judged it yet. */
export interface ContentsEntry {
  id: string;
  /** "Recommendation 3": the PDU is the group's heading. */
  label: string;
  reviewed: boolean;
  /** How many of its actions have a verdict, of how many: the inspector may judge some. */
  actionsJudged: number;
  actions: number;
}

export interface ContentsGroup {
  pdu: UnitRef;
  entries: ContentsEntry[];
}

type Recommendations = readonly Pick<
  VersionRecommendation,
  'id' | 'number' | 'sourcePdu' | 'actions'
>[];

const judged = (draft: ReviewDraft, id: string) => Boolean(draft[id]?.verdict);

/**
 * The review's contents: the version's recommendations by source PDU, in the letter's order.
 * A recommendation counts as reviewed once it has a verdict of its own: actions' verdicts are
 * optional, so they are counted beside it but never hold it back.
 */
export function reviewContents(
  recommendations: Recommendations,
  draft: ReviewDraft,
): ContentsGroup[] {
  return groupBySourcePdu(recommendations).map((group) => ({
    pdu: group.pdu,
    entries: group.recommendations.map((recommendation) => ({
      id: recommendation.id,
      label: `Recommendation ${recommendation.number}`,
      reviewed: judged(draft, recommendation.id),
      actionsJudged: recommendation.actions.filter((action) => judged(draft, action.id)).length,
      actions: recommendation.actions.length,
    })),
  }));
}

/** How many recommendations still want a verdict, of how many. */
export function leftToReview(contents: ContentsGroup[]): { left: number; total: number } {
  const entries = contents.flatMap((group) => group.entries);
  return {
    left: entries.filter((entry) => !entry.reviewed).length,
    total: entries.length,
  };
}

/** The running count in words: "3 of 28 recommendations left to review". */
export function leftToReviewText({ left, total }: { left: number; total: number }): string {
  if (left === 0) {
    return total === 1 ? 'The recommendation is reviewed' : `All ${total} recommendations reviewed`;
  }
  return `${left} of ${total} ${total === 1 ? 'recommendation' : 'recommendations'} left to review`;
}
